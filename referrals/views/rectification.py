"""Telling a partner body of a rectification: the task's page for the Centre's staff, «Ο φορέας
ενημερώθηκε», the printed correction notice, and the body's own acknowledgement. Every page
that shows the corrected values writes the access log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from beneficiaries.special_categories import Purpose
from community_centre.audit import log_access
from community_centre.models import AccessLog, CentreProfile
from community_centre.pdf import pdf_response, render_pdf
from community_centre.roles import partner_page
from referrals.actions import rectification as actions
from referrals.correction_forms import BodyInformedForm
from referrals.exceptions import ReferralError
from referrals.models import RectificationTask

NOTICE_TEMPLATE = "referrals/pdf/correction_notice.html"


def get_task(request: HttpRequest, pk: int) -> RectificationTask:
    """The task `pk` if the user may see its referral (404 otherwise)."""
    queryset = RectificationTask.objects.visible_to(request.user).select_related(
        "referral__body", "referral__service", "referral__referred_by", "beneficiary",
        "rectification__actor", "done_by",
    )  # fmt: skip
    return get_object_or_404(queryset, pk=pk)


def _label(task: RectificationTask) -> str:
    return _("Ενημέρωση φορέα για διόρθωση στοιχείων, παραπομπή %s") % task.referral.protocol


@require_GET
@permission_required("referrals.view_referral", raise_exception=True)
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_task(request, pk)
    return _page(request, task, BodyInformedForm())


def _page(request: HttpRequest, task: RectificationTask, form: BodyInformedForm) -> HttpResponse:
    log_access(request, task.beneficiary_id, AccessLog.Action.VIEW_SECTION, _label(task))
    context = {"task": task, "referral": task.referral, "form": form}
    return render(request, "referrals/rectification_task.html", context)


@require_POST
@permission_required("referrals.change_referral", raise_exception=True)
def task_done(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_task(request, pk)
    form = BodyInformedForm(request.POST)
    if not task.is_open:
        messages.info(request, str(actions.ALREADY_DONE))
        return redirect("referrals:rectification_task", pk=pk)
    if not form.is_valid():
        return _page(request, task, form)
    data = form.cleaned_data
    try:
        actions.rectification_task_done(
            task=task, informed_on=data["informed_on"], how=data["how"], note=data["note"],
            actor=request.user,
        )  # fmt: skip
    except ReferralError as refused:
        messages.info(request, str(refused))
    else:
        messages.success(request, _("Καταχωρίστηκε ότι ο φορέας ενημερώθηκε για τη διόρθωση."))
    return redirect("referrals:rectification_task", pk=pk)


@require_GET
@permission_required("referrals.view_referral", raise_exception=True)
def task_notice(request: HttpRequest, pk: int) -> HttpResponse:
    """The printed notice of the correction, for bodies that work on paper."""
    task = get_task(request, pk)
    context = {"task": task, "referral": task.referral, "body": task.referral.body,
               "worker": request.user, "centre": CentreProfile.current()}  # fmt: skip
    content = render_pdf(NOTICE_TEMPLATE, context)
    log_access(request, task.beneficiary_id, AccessLog.Action.PRINT, _label(task))
    if task.has_special:  # the notice prints the corrected special categories for the body
        log_access(
            request, task.beneficiary_id, AccessLog.Action.SHOW_SPECIAL,
            _("Ειδικές κατηγορίες δεδομένων: %(page)s") % {"page": _label(task)},
            purpose=str(Purpose.CORRECTION.label),
        )  # fmt: skip
    referral = task.referral
    name = f"diorthosi-{referral.protocol_year}-{referral.protocol_number:06d}-{task.pk}.pdf"
    return pdf_response(content, name)


@partner_page
@require_POST
@permission_required("referrals.answer_referral", raise_exception=True)
def partner_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    """The body's account confirms it has corrected its records."""
    task = get_task(request, pk)
    if not task.referral.body_sees_snapshot:
        messages.error(request, _("Η παραπομπή ανακλήθηκε· δεν δέχεται πια απάντηση."))
    else:
        try:
            actions.rectification_task_acknowledge(task=task, actor=request.user)
        except ReferralError as refused:
            messages.info(request, str(refused))
        else:
            messages.success(request, _("Ευχαριστούμε· καταχωρίστηκε ότι ενημερωθήκατε."))
    return redirect("referrals:partner_detail", pk=task.referral_id)
