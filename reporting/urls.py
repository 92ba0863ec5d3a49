"""The reporting pages: the monthly Ε.Π.Σ. report with its exports and sign-off, and the
coordinator's dashboard. The coordinator's alone (reporting permissions in
community_centre.permissions)."""

from django.urls import path

from reporting.views import dashboard

app_name = "reporting"

urlpatterns: list = [
    path("dashboard/", dashboard.dashboard, name="dashboard"),
]
