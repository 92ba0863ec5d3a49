"""The exports of the report: JSON, CSV, XLSX, PDF of the period on the report screen — the
signed figures when the month is signed off, else counted now (reporting.assemble.report_for),
for publication when asked. The coordinator's; each one is in the access log."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET

from community_centre.models import AccessLog
from reporting import exports
from reporting.assemble import report_for
from reporting.forms import PeriodForm
from reporting.views.report import EXPORT_FORMATS, log_report


@require_GET
@permission_required("reporting.view_report", raise_exception=True)
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in EXPORT_FORMATS:
        raise Http404
    form = PeriodForm(request.GET)
    if not form.is_valid():  # the report page says why, beside the fields
        return redirect(f"{reverse('reporting:report')}?{request.GET.urlencode()}")
    publication = form.cleaned_data["publication"]
    with exports.in_report_language():
        report = report_for(form.period, publication=publication)
    response = HttpResponse(exports.render(report, fmt), content_type=exports.CONTENT_TYPES[fmt])
    name = exports.filename(report, fmt)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    log_report(request, AccessLog.Action.EXPORT, form.period, fmt.upper(), publication)
    return response
