"""The coordinator's page of staff accounts: roles to confirm, roles in force, account events.

Also every user's own password change, which an account whose password an administrator chose
must go through before anything else (PasswordChangeRequiredMiddleware).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import permission_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community_centre import role_actions
from community_centre.client_ip import client_ip
from community_centre.models import RoleGrant, StaffEvent, User
from community_centre.two_factor.policy import with_two_factor

CONFIRM_PERMISSION = role_actions.CONFIRM_PERMISSION
EVENTS_SHOWN = 50


class RoleDecisionForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Αιτιολογία"), max_length=300, required=False, strip=True
    )


@require_GET
@permission_required(CONFIRM_PERMISSION, raise_exception=True)
def staff_overview(request: HttpRequest) -> HttpResponse:
    grants = RoleGrant.objects.visible_to(request.user).select_related("user", "requested_by")
    in_force = Prefetch("role_grants", queryset=grants.in_force(), to_attr="roles_in_force")
    context = {
        "pending": grants.filter(status=RoleGrant.Status.PENDING).order_by("requested_at"),
        "staff": with_two_factor(User.objects.filter(is_active=True)).prefetch_related(in_force),
        "events": StaffEvent.objects.visible_to(request.user).select_related(
            "subject", "actor", "seen_by"
        )[:EVENTS_SHOWN],
        "unseen": StaffEvent.objects.visible_to(request.user).unseen().count(),
        "form": RoleDecisionForm(),
    }
    return render(request, "community_centre/staff_overview.html", context)


def _decide(request: HttpRequest, pk: int, action, done: str) -> HttpResponse:
    grant = get_object_or_404(RoleGrant.objects.visible_to(request.user), pk=pk)
    form = RoleDecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    kwargs = {} if action is role_actions.role_confirm else {"note": note}
    try:
        action(grant=grant, actor=request.user, ip_address=client_ip(request), **kwargs)
    except role_actions.RoleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done % {"user": grant.user, "role": grant.get_role_display()})
    return redirect("staff_overview")


@require_POST
@permission_required(CONFIRM_PERMISSION, raise_exception=True)
def grant_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(
        request, pk, role_actions.role_confirm, _("%(user)s: ο ρόλος «%(role)s» ισχύει.")
    )


@require_POST
@permission_required(CONFIRM_PERMISSION, raise_exception=True)
def grant_reject(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(
        request, pk, role_actions.role_reject, _("%(user)s: ο ρόλος «%(role)s» απορρίφθηκε.")
    )


@require_POST
@permission_required(CONFIRM_PERMISSION, raise_exception=True)
def grant_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(
        request, pk, role_actions.role_revoke, _("%(user)s: ο ρόλος «%(role)s» ανακλήθηκε.")
    )


@require_POST
@permission_required(CONFIRM_PERMISSION, raise_exception=True)
def events_seen(request: HttpRequest) -> HttpResponse:
    count = role_actions.staff_events_mark_seen(actor=request.user)
    messages.success(request, _("Σημειώθηκαν ως ελεγμένα: %(count)d.") % {"count": count})
    return redirect("staff_overview")


class PasswordChangeView(auth_views.PasswordChangeView):
    """Choose a new password; it also ends the «administrator chose your password» state."""

    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.user
        if user.must_change_password:
            user.must_change_password = False
            user.save(update_fields=["must_change_password"])
        messages.success(self.request, _("Το συνθηματικό σας άλλαξε."))
        return response


password_change = require_http_methods(["GET", "POST"])(PasswordChangeView.as_view())
