"""The case file page, corrections of personal data, closing/reopening, and its history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from beneficiaries import actions
from beneficiaries.forms import BeneficiaryEditForm, CloseCaseForm
from beneficiaries.history import case_file_history, describe_conflict, recent_changes
from beneficiaries.sections import sections_for
from beneficiaries.views.common import get_case_file
from community_centre.audit import log_access
from community_centre.models import AccessLog
from community_centre.versions import StaleVersion

TIMELINE_LENGTH = 50


@require_GET
@permission_required("beneficiaries.view_beneficiary", raise_exception=True)
def beneficiary_detail(request: HttpRequest, pk: int) -> HttpResponse:
    beneficiary = get_case_file(request, pk)
    log_access(request, beneficiary, AccessLog.Action.VIEW_CASE_FILE, _("Ατομικός φάκελος"))
    section_templates, section_context = sections_for(beneficiary, request.user)
    context = {
        "b": beneficiary,
        "household": beneficiary.household.all(),
        "representatives": beneficiary.representatives.select_related("authorisation_document"),
        "consents": beneficiary.consents.select_related("recorded_by", "signed_copy"),
        "documents": beneficiary.documents.select_related("document_type", "uploaded_by"),
        "notes": beneficiary.notes.select_related("author")[:TIMELINE_LENGTH],
        "needs": beneficiary.needs.select_related("category"),
        "status_changes": beneficiary.status_changes.select_related("actor")[:10],
        "close_form": CloseCaseForm(),
        "recent_changes": recent_changes(beneficiary),
        "today": timezone.localdate(),  # documents past their expiry are marked «Έληξε»
        **section_context,
        "sections": section_templates,
    }
    return render(request, "beneficiaries/beneficiary_detail.html", context)


@require_http_methods(["GET", "POST"])
@permission_required("beneficiaries.change_beneficiary", raise_exception=True)
def beneficiary_edit(request: HttpRequest, pk: int) -> HttpResponse:
    beneficiary = get_case_file(request, pk)
    if request.method == "GET":
        log_access(request, beneficiary, AccessLog.Action.VIEW_SECTION, _("Επεξεργασία στοιχείων"))
        form = BeneficiaryEditForm(instance=beneficiary)
        return render(
            request, "beneficiaries/beneficiary_form.html", {"form": form, "b": beneficiary}
        )
    form = BeneficiaryEditForm(request.POST, instance=beneficiary)
    context = {"form": form, "b": beneficiary}
    if form.is_valid():
        try:
            actions.beneficiary_update(
                beneficiary=form.instance,
                expected_version=form.expected_version,
                actor=request.user,
            )
        except StaleVersion as conflict:
            form.carry_version(conflict.version)
            context["conflict"] = describe_conflict(conflict)
        else:
            messages.success(request, _("Τα στοιχεία αποθηκεύτηκαν."))
            return redirect("beneficiaries:detail", pk=pk)
    return render(request, "beneficiaries/beneficiary_form.html", context)


def _change_status(request: HttpRequest, pk: int, action, done_message: str) -> HttpResponse:
    beneficiary = get_case_file(request, pk)
    form = CloseCaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Γράψτε την αιτιολογία."))
        return redirect("beneficiaries:detail", pk=pk)
    try:
        with transaction.atomic():
            action(beneficiary=beneficiary, reason=form.cleaned_data["reason"], actor=request.user)
    except actions.CaseFileError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done_message)
    return redirect("beneficiaries:detail", pk=pk)


@require_POST
@permission_required("beneficiaries.change_beneficiary", raise_exception=True)
def beneficiary_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _change_status(request, pk, actions.beneficiary_close, _("Ο φάκελος έκλεισε."))


@require_POST
@permission_required("beneficiaries.change_beneficiary", raise_exception=True)
def beneficiary_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    return _change_status(request, pk, actions.beneficiary_reopen, _("Ο φάκελος άνοιξε ξανά."))


@require_GET
@permission_required("community_centre.view_accesslog", raise_exception=True)
def beneficiary_history(request: HttpRequest, pk: int) -> HttpResponse:
    """For the coordinator: who viewed and who changed this case file, newest first."""
    beneficiary = get_case_file(request, pk)
    log_access(
        request, beneficiary, AccessLog.Action.VIEW_SECTION, _("Ιστορικό προβολών και αλλαγών")
    )
    history = case_file_history(beneficiary)
    return render(request, "beneficiaries/beneficiary_history.html", {"b": beneficiary, **history})
