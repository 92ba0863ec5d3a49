"""Root URLs: login and health checks are public; everything else needs a logged-in user."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from community_centre import views
from community_centre.forms import AdminLoginForm, LoginForm

admin.site.site_header = admin.site.site_title = "Κέντρο Κοινότητας – διαχείριση"
admin.site.login_form = AdminLoginForm
handler500 = views.server_error

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("calendar/", views.holiday_calendar, name="holiday_calendar"),
    path("calendar/<int:year>/", views.holiday_calendar, name="holiday_calendar_year"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("beneficiaries/", include("beneficiaries.urls")),
    path("requests/", include("requests.urls")),
    path("admin/", admin.site.urls),
]
