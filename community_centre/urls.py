"""Root URLs: login and health checks are public; everything else needs a logged-in user."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from community_centre import staff_views, views
from community_centre.forms import AdminLoginForm
from community_centre.two_factor import views as two_factor

admin.site.login_form = AdminLoginForm
handler500 = views.server_error

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("login/", two_factor.TwoStepLoginView.as_view(), name="login"),
    path("login/code/", two_factor.verify, name="two_factor_verify"),
    path("login/enrol/", two_factor.enrol, name="two_factor_enrol"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", staff_views.password_change, name="password_change"),
    path("account/security/", two_factor.account_security, name="account_security"),
    path("account/security/codes/", two_factor.backup_codes, name="two_factor_backup_codes"),
    path("account/security/codes/renew/", two_factor.renew_codes, name="two_factor_renew_codes"),
    path("account/security/remove/", two_factor.remove, name="two_factor_remove"),
    path("staff/", staff_views.staff_overview, name="staff_overview"),
    path("staff/grants/<int:pk>/confirm/", staff_views.grant_confirm, name="grant_confirm"),
    path("staff/grants/<int:pk>/reject/", staff_views.grant_reject, name="grant_reject"),
    path("staff/grants/<int:pk>/revoke/", staff_views.grant_revoke, name="grant_revoke"),
    path("staff/events/seen/", staff_views.events_seen, name="staff_events_seen"),
    path("staff/users/<int:pk>/two-factor/reset/", two_factor.reset, name="two_factor_reset"),
    path("calendar/", views.holiday_calendar, name="holiday_calendar"),
    path("calendar/<int:year>/", views.holiday_calendar, name="holiday_calendar_year"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("beneficiaries/", include("beneficiaries.urls")),
    path("requests/", include("requests.urls")),
    path("referrals/", include("referrals.urls")),
    path("services/", include("services.urls")),
    path("reports/", include("reporting.urls")),
    path("admin/", admin.site.urls),
]
