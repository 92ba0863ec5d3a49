"""The subject-access export (GDPR art. 15): a page that says what will be produced and asks
when and how the person asked; its POST downloads the ZIP (PDF + JSON + files) and logs it.

Caseworkers with `beneficiaries.export_subject_access` only (never administrators: 403); a
file out of scope is a 404. Submitting twice downloads twice and changes nothing else.
"""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from beneficiaries.subject_access.archive import build_archive
from beneficiaries.subject_access.forms import SubjectAccessForm, channel_label
from beneficiaries.subject_access.registry import parts
from beneficiaries.views.common import get_case_file
from community_centre.audit import log_access
from community_centre.models import AccessLog
from community_centre.permissions import SUBJECT_ACCESS

TEMPLATE = "beneficiaries/subject_access.html"


def _page(request: HttpRequest, beneficiary, form: SubjectAccessForm) -> HttpResponse:
    context = {"b": beneficiary, "form": form, "parts": parts()}
    return render(request, TEMPLATE, context)


@require_GET
@permission_required(SUBJECT_ACCESS, raise_exception=True)
def subject_access(request: HttpRequest, pk: int) -> HttpResponse:
    beneficiary = get_case_file(request, pk)
    log_access(request, beneficiary, AccessLog.Action.VIEW_SECTION, _("Δικαίωμα πρόσβασης"))
    form = SubjectAccessForm(initial={"requested_on": timezone.localdate()})
    return _page(request, beneficiary, form)


@require_POST
@permission_required(SUBJECT_ACCESS, raise_exception=True)
def subject_access_export(request: HttpRequest, pk: int) -> HttpResponse:
    beneficiary = get_case_file(request, pk)
    form = SubjectAccessForm(request.POST)
    if not form.is_valid():
        return _page(request, beneficiary, form)
    requested_on, channel = form.cleaned_data["requested_on"], form.cleaned_data["channel"]
    # Logged before it is gathered: the export lists its own production among the consultations.
    log_access(
        request,
        beneficiary,
        AccessLog.Action.SUBJECT_ACCESS,
        _("Αντίγραφο PDF, JSON και αρχεία του φακέλου"),
        purpose=_("Αίτημα πρόσβασης του υποκειμένου της %(day)s (%(channel)s)")
        % {"day": formats.date_format(requested_on, "d/m/Y"), "channel": channel_label(channel)},
    )
    name, content = build_archive(beneficiary, requested_on=requested_on, channel=channel)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
