"""The monthly Ε.Π.Σ. report screen: choose a month or a range, see every table, the sign-off
status (who signed, when, what changed since), sign an ended month off or re-open it with a
reason. The coordinator's (view_report to see, sign_off_report to sign and re-open); every view
is in the access log with its period."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from community_centre.audit import log_access
from community_centre.models import AccessLog
from community_centre.submissions import already_saved, submitted_once
from reporting import actions
from reporting.assemble import report_for
from reporting.changes import changed_records, differing_figures
from reporting.exports import FORMATS as EXPORT_FORMATS
from reporting.exports.audit import access_detail
from reporting.figures import build_report
from reporting.forms import PeriodForm, ReopenForm, SignOffForm
from reporting.period import Period
from reporting.signoff import reopenings, signed_row


def report_url(period: Period) -> str:
    """The report page of a signed (or signable) month."""
    return f"{reverse('reporting:report')}?{urlencode({'month': period.month_key})}"


def log_report(request: HttpRequest, action: str, period: Period, what: str, publication: bool):
    """The access-log row of a view or an export of the report: who (the row's user), which
    period, which format, whether for publication."""
    log_access(request, None, action, detail=access_detail(what, period, publication))


@require_GET
@permission_required("reporting.view_report", raise_exception=True)
def report(request: HttpRequest) -> HttpResponse:
    return _page(request, PeriodForm(request.GET))


def _page(request: HttpRequest, form: PeriodForm, reopen_form=None) -> HttpResponse:
    context = {"form": form, "formats": EXPORT_FORMATS}
    if form.is_valid():
        context.update(_report_context(request, form, reopen_form))
    return render(request, "reporting/report.html", context)


def _report_context(request: HttpRequest, form: PeriodForm, reopen_form) -> dict:
    period, publication = form.period, form.cleaned_data["publication"]
    shown = report_for(period, publication=publication)
    signed = signed_row(period) if period.is_month else None
    changed = differences = None
    if signed is not None:
        changed = shown.changed_after_sign_off
        if changed is None:
            changed = changed_records(period, signed.signed_at)
        if changed and not publication:
            differences = differing_figures(shown, build_report(period))
    log_report(request, AccessLog.Action.VIEW_LIST, period, _("Μηνιαία αναφορά"), publication)
    month = {"month": period.month_key} if period.is_month else None
    return {
        "period": period,
        "report": shown,
        "signed": signed,
        "changed": changed,
        "differences": differences,
        "cannot_sign": actions.can_sign(period),
        "reopenings": reopenings(period) if period.is_month else (),
        "sign_off_form": SignOffForm(initial=month) if month else None,
        "reopen_form": reopen_form or (ReopenForm(initial=month) if month else None),
        "export_query": urlencode(form.query),
    }


@require_POST
@permission_required("reporting.sign_off_report", raise_exception=True)
def sign_off(request: HttpRequest) -> HttpResponse:
    form = SignOffForm(request.POST)
    with submitted_once(form.token) as once:
        if once.earlier is not None:
            return already_saved(request, report_url(once.earlier.period))
        if not form.is_valid():
            return _refused(request, form)
        period = form.cleaned_data["month"]
        try:
            once.keep(actions.sign_off(period, request.user))
        except actions.SignOffError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Ο μήνας %(month)s υπογράφηκε.") % {"month": period.label})
    return redirect(report_url(period))


def _refused(request: HttpRequest, form) -> HttpResponse:
    """A month that cannot be read (a tampered hidden field): say why, on the report page."""
    for error in form.errors.get("month", []):
        messages.error(request, error)
    return redirect("reporting:report")


@require_POST
@permission_required("reporting.sign_off_report", raise_exception=True)
def reopen(request: HttpRequest) -> HttpResponse:
    form = ReopenForm(request.POST)
    with submitted_once(form.token) as once:
        if once.earlier is not None:
            return already_saved(request, report_url(once.earlier.signed_report.period))
        if "month" in form.errors:
            return _refused(request, form)
        if signed_row(form.cleaned_data["month"]) is None:
            messages.error(request, _("Ο μήνας δεν είναι υπογεγραμμένος: δεν ανοίγει ξανά."))
            return redirect(report_url(form.cleaned_data["month"]))
        if form.is_valid():
            period = form.cleaned_data["month"]
            try:
                once.keep(actions.reopen(period, request.user, form.cleaned_data["reason"]))
            except actions.SignOffError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(
                    request, _("Ο μήνας %(month)s άνοιξε ξανά.") % {"month": period.label}
                )
            return redirect(report_url(period))
    # The reason is missing: the report again, with the message beside the field.
    return _page(request, PeriodForm({"month": form.data.get("month", "")}), reopen_form=form)
