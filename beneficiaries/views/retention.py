"""«Διατήρηση δεδομένων»: the coordinator's retention policies, the last runs and what the next
run would do; and the legal hold placed on or lifted from a case file."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from beneficiaries.history import describe_conflict
from beneficiaries.models import RecordType, RetentionPolicy, RetentionRun
from beneficiaries.retention import actions
from beneficiaries.retention.defaults import ensure_policies
from beneficiaries.retention.forms import LegalHoldForm, RetentionPolicyForm
from beneficiaries.retention.run import plan
from beneficiaries.views.common import get_case_file
from community_centre.versions import StaleVersion

RECENT_RUNS = 10
# The due case files' numbers the screen lists (the count is complete).
LISTED_NUMBERS = 100


@require_GET
@permission_required("beneficiaries.manage_retention", raise_exception=True)
def retention_overview(request: HttpRequest) -> HttpResponse:
    upcoming = plan()
    found = ensure_policies()
    policies = [found[record_type] for record_type in RecordType]
    for policy in policies:
        policy.due = upcoming.counts.get(policy.record_type, 0)
    context = {
        "policies": policies,
        "plan": upcoming,
        "listed": upcoming.case_files[:LISTED_NUMBERS],
        "more": max(len(upcoming.case_files) - LISTED_NUMBERS, 0),
        "runs": RetentionRun.objects.all()[:RECENT_RUNS],
    }
    return render(request, "beneficiaries/retention_overview.html", context)


@require_http_methods(["GET", "POST"])
@permission_required("beneficiaries.manage_retention", raise_exception=True)
def retention_policy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    policy = get_object_or_404(RetentionPolicy, pk=pk)
    form = RetentionPolicyForm(request.POST or None, instance=policy)
    context = {"form": form, "policy": policy, "title": _("Περίοδος διατήρησης")}
    if request.method == "POST" and form.is_valid():
        try:
            actions.retention_policy_update(
                policy=form.instance, expected_version=form.expected_version, actor=request.user
            )
        except StaleVersion as conflict:
            form.carry_version(conflict.version)
            context["conflict"] = describe_conflict(conflict)
        else:
            messages.success(request, _("Η περίοδος διατήρησης αποθηκεύτηκε."))
            return redirect("beneficiaries:retention")
    return render(request, "beneficiaries/retention_policy_form.html", context)


def _hold(request: HttpRequest, pk: int, action, done: str) -> HttpResponse:
    beneficiary = get_case_file(request, pk)
    form = LegalHoldForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Γράψτε την αιτιολογία (έως 300 χαρακτήρες)."))
        return redirect(beneficiary.get_absolute_url() + "#legal-hold")
    try:
        action(beneficiary=beneficiary, reason=form.cleaned_data["reason"], actor=request.user)
    except actions.LegalHoldError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect(beneficiary.get_absolute_url() + "#legal-hold")


@require_POST
@permission_required("beneficiaries.set_legal_hold", raise_exception=True)
def legal_hold_place(request: HttpRequest, pk: int) -> HttpResponse:
    return _hold(request, pk, actions.legal_hold_place, _("Ο φάκελος τέθηκε σε δέσμευση."))


@require_POST
@permission_required("beneficiaries.set_legal_hold", raise_exception=True)
def legal_hold_lift(request: HttpRequest, pk: int) -> HttpResponse:
    return _hold(request, pk, actions.legal_hold_lift, _("Η δέσμευση του φακέλου άρθηκε."))
