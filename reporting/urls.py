"""The reporting pages: the monthly Ε.Π.Σ. report with its exports and sign-off, and the
coordinator's dashboard. The coordinator's alone (reporting permissions in
community_centre.permissions)."""

from django.urls import path

from reporting.views import dashboard, export, report

app_name = "reporting"

urlpatterns: list = [
    path("", report.report, name="report"),
    path("sign-off/", report.sign_off, name="sign_off"),
    path("reopen/", report.reopen, name="reopen"),
    path("export/<str:fmt>/", export.export, name="export"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
]
