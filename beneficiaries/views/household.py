"""Household members and the authorised representative of a case file."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from beneficiaries.forms import HouseholdMemberForm
from beneficiaries.models import HouseholdMember, Representative
from beneficiaries.record_forms import RepresentativeForm
from beneficiaries.views.common import get_case_file, get_record
from beneficiaries.views.records import record_form_view


@require_http_methods(["GET", "POST"])
@permission_required("beneficiaries.add_householdmember", raise_exception=True)
def member_create(request: HttpRequest, pk: int) -> HttpResponse:
    beneficiary = get_case_file(request, pk)
    return record_form_view(
        request,
        beneficiary=beneficiary,
        form_class=HouseholdMemberForm,
        title=_("Νέο μέλος νοικοκυριού"),
        done_message=_("Το μέλος του νοικοκυριού προστέθηκε."),
        anchor="#household",
    )


@require_http_methods(["GET", "POST"])
@permission_required("beneficiaries.change_householdmember", raise_exception=True)
def member_edit(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    beneficiary = get_case_file(request, pk)
    member = get_record(request, HouseholdMember, beneficiary, member_pk)
    return record_form_view(
        request,
        beneficiary=beneficiary,
        form_class=HouseholdMemberForm,
        instance=member,
        title=_("Μέλος νοικοκυριού"),
        done_message=_("Τα στοιχεία του μέλους αποθηκεύτηκαν."),
        anchor="#household",
    )


@require_POST
@permission_required("beneficiaries.delete_householdmember", raise_exception=True)
def member_delete(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    beneficiary = get_case_file(request, pk)
    get_record(request, HouseholdMember, beneficiary, member_pk).delete()
    messages.success(request, _("Το μέλος αφαιρέθηκε από το νοικοκυριό."))
    return redirect(f"{beneficiary.get_absolute_url()}#household")


@require_http_methods(["GET", "POST"])
@permission_required("beneficiaries.add_representative", raise_exception=True)
def representative_create(request: HttpRequest, pk: int) -> HttpResponse:
    beneficiary = get_case_file(request, pk)
    return record_form_view(
        request,
        beneficiary=beneficiary,
        form_class=RepresentativeForm,
        form_kwargs={"beneficiary": beneficiary},
        title=_("Νέος εξουσιοδοτημένος εκπρόσωπος"),
        done_message=_("Ο εκπρόσωπος καταχωρίστηκε."),
        anchor="#representative",
    )


@require_http_methods(["GET", "POST"])
@permission_required("beneficiaries.change_representative", raise_exception=True)
def representative_edit(request: HttpRequest, pk: int, rep_pk: int) -> HttpResponse:
    beneficiary = get_case_file(request, pk)
    representative = get_record(request, Representative, beneficiary, rep_pk)
    return record_form_view(
        request,
        beneficiary=beneficiary,
        form_class=RepresentativeForm,
        instance=representative,
        form_kwargs={"beneficiary": beneficiary},
        title=_("Εξουσιοδοτημένος εκπρόσωπος"),
        done_message=_("Τα στοιχεία του εκπροσώπου αποθηκεύτηκαν."),
        anchor="#representative",
    )
