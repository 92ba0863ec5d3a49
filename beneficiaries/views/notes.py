"""Case notes (the timeline) and needs of a case file."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from beneficiaries.models import Need
from beneficiaries.record_forms import CaseNoteForm, NeedForm
from beneficiaries.views.common import get_case_file, get_record
from beneficiaries.views.records import record_form_view


@require_http_methods(["GET", "POST"])
@permission_required("beneficiaries.add_casenote", raise_exception=True)
def note_create(request: HttpRequest, pk: int) -> HttpResponse:
    beneficiary = get_case_file(request, pk)
    return record_form_view(
        request,
        beneficiary=beneficiary,
        form_class=CaseNoteForm,
        form_kwargs={"initial": {"occurred_on": timezone.localdate()}},
        actor_field="author",
        title=_("Νέα σημείωση"),
        done_message=_("Η σημείωση καταχωρίστηκε."),
        anchor="#notes",
    )


@require_http_methods(["GET", "POST"])
@permission_required("beneficiaries.add_need", raise_exception=True)
def need_create(request: HttpRequest, pk: int) -> HttpResponse:
    beneficiary = get_case_file(request, pk)
    return record_form_view(
        request,
        beneficiary=beneficiary,
        form_class=NeedForm,
        form_kwargs={"initial": {"identified_on": timezone.localdate()}},
        actor_field="recorded_by",
        title=_("Νέα ανάγκη"),
        done_message=_("Η ανάγκη καταχωρίστηκε."),
        anchor="#needs",
    )


@require_http_methods(["GET", "POST"])
@permission_required("beneficiaries.change_need", raise_exception=True)
def need_edit(request: HttpRequest, pk: int, need_pk: int) -> HttpResponse:
    beneficiary = get_case_file(request, pk)
    need = get_record(request, Need, beneficiary, need_pk)
    return record_form_view(
        request,
        beneficiary=beneficiary,
        form_class=NeedForm,
        instance=need,
        title=_("Ανάγκη"),
        done_message=_("Η ανάγκη ενημερώθηκε."),
        anchor="#needs",
    )
