"""The case file page, corrections of personal data, closing/reopening, and its history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from beneficiaries import actions, special_categories
from beneficiaries.forms import BeneficiaryEditForm, CloseCaseForm
from beneficiaries.history import case_file_history, describe_conflict, recent_changes
from beneficiaries.models import Beneficiary
from beneficiaries.sections import sections_for
from beneficiaries.views.common import get_case_file
from community_centre.audit import log_access
from community_centre.models import AccessLog
from community_centre.versions import StaleVersion

TIMELINE_LENGTH = 50


@require_GET
@permission_required("beneficiaries.view_beneficiary", raise_exception=True)
def beneficiary_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_case_file(request, get_case_file(request, pk))


def render_case_file(request: HttpRequest, beneficiary: Beneficiary) -> HttpResponse:
    """The case file page, logged; its special categories shown only in an open window."""
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
        "special": shown_special(request, beneficiary, _("Ατομικός φάκελος")),
        **section_context,
        "sections": section_templates,
    }
    return render(request, "beneficiaries/beneficiary_detail.html", context)


def shown_special(request: HttpRequest, beneficiary: Beneficiary, page: str) -> dict | None:
    """The special categories of `beneficiary` for a page about to display them, each display
    logged with the purpose stated for this file (the first by the «show» itself); None, and
    nothing logged, while they are hidden."""
    purpose = special_categories.window_purpose(request, beneficiary.pk)
    if purpose is None:
        return None
    if not special_categories.take_pending(request, beneficiary.pk):
        log_special(request, beneficiary, page, purpose)
    return {
        "values": special_categories.values_of(beneficiary),
        "purpose": purpose,
        "until": timezone.localtime(special_categories.window_until(request, beneficiary.pk)),
    }


def log_special(request: HttpRequest, beneficiary: Beneficiary, page: str, purpose: str) -> None:
    detail = _("Ειδικές κατηγορίες δεδομένων: %(page)s") % {"page": page}
    log_access(request, beneficiary, AccessLog.Action.SHOW_SPECIAL, detail, purpose=purpose)


def special_in_form(
    request: HttpRequest, beneficiary: Beneficiary, form, page: str, then: str
) -> dict:
    """For a form of the case file's fields about to be shown: its special categories' display
    logged while their window is open (`form.has_special_fields`); else the «show» link that
    comes back to this form (`then`), for the template's `special_url`."""
    if form.has_special_fields:
        shown_special(request, beneficiary, page)
        return {}
    url = reverse("beneficiaries:special_show", kwargs={"pk": beneficiary.pk})
    return {"special_url": f"{url}?then={then}"}


def _edit_page(request: HttpRequest, beneficiary: Beneficiary, form, **extra) -> HttpResponse:
    context = {"form": form, "b": beneficiary, **extra}
    context |= special_in_form(request, beneficiary, form, _("Επεξεργασία στοιχείων"), "edit")
    return render(request, "beneficiaries/beneficiary_form.html", context)


def render_edit(request: HttpRequest, beneficiary: Beneficiary) -> HttpResponse:
    """The edit form as opened, logged; with the special categories in an open window."""
    log_access(request, beneficiary, AccessLog.Action.VIEW_SECTION, _("Επεξεργασία στοιχείων"))
    special = special_categories.window_purpose(request, beneficiary.pk) is not None
    return _edit_page(
        request, beneficiary, BeneficiaryEditForm(instance=beneficiary, special=special)
    )


@require_http_methods(["GET", "POST"])
@permission_required("beneficiaries.change_beneficiary", raise_exception=True)
def beneficiary_edit(request: HttpRequest, pk: int) -> HttpResponse:
    beneficiary = get_case_file(request, pk)
    if request.method == "GET":
        return render_edit(request, beneficiary)
    # The special categories are saved only while their window is open (a purpose was stated).
    special = special_categories.window_purpose(request, beneficiary.pk) is not None
    form = BeneficiaryEditForm(request.POST, instance=beneficiary, special=special)
    extra = {}
    if form.is_valid():
        try:
            actions.beneficiary_update(
                beneficiary=form.instance,
                expected_version=form.expected_version,
                actor=request.user,
            )
        except StaleVersion as conflict:
            form.carry_version(conflict.version)
            extra["conflict"] = describe_conflict(conflict)
        else:
            messages.success(request, _("Τα στοιχεία αποθηκεύτηκαν."))
            warn_if_special_expired(request, special)
            return redirect("beneficiaries:detail", pk=pk)
    return _edit_page(request, beneficiary, form, **extra)


def warn_if_special_expired(request: HttpRequest, special: bool) -> None:
    """After a save: say so when special categories were posted but their window had closed
    (they were left as they were)."""
    if not special and special_categories.FIELDS & set(request.POST):
        messages.warning(request, _(
            "Οι ειδικές κατηγορίες δεδομένων δεν άλλαξαν: η εμφάνισή τους έληξε πριν "
            "από την αποθήκευση. Εμφανίστε τις ξανά για να τις διορθώσετε."
        ))  # fmt: skip


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
