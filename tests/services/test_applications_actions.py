"""Benefit application actions: a new application with its checklist, the members it may cover,
one open application per programme, the checklist lines and the documents that satisfy them,
«Ζήτηση ελλειπόντων» through the requests app, status moves with history and the renewal date.
Every refusal is by field and saves nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from community_centre.versions import StaleVersion
from requests.actions.document_requests import docreq_item_receive
from requests.models import DocumentRequest
from services.actions import applications as actions
from services.actions.applications import ApplicationError, Move, Screening
from services.checklist import LineState, line_state
from services.models import ApplicationStatusChange, BenefitApplication, ItemState
from tests.beneficiaries.factories import (
    BeneficiaryFactory,
    DocumentFactory,
    HouseholdMemberFactory,
)
from tests.services.factories import ProgrammeFactory, document_type, eee_programme

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def household(social_worker):
    """A single mother with two children."""
    mother = BeneficiaryFactory(
        assigned_worker=social_worker, surname="Παπαδοπούλου", given_name="Ελένη", sex="female"
    )
    children = [
        HouseholdMemberFactory(
            beneficiary=mother, given_name="Νίκος", date_of_birth=dt.date(2014, 3, 1)
        ),
        HouseholdMemberFactory(
            beneficiary=mother, given_name="Άννα", date_of_birth=dt.date(2018, 9, 9)
        ),
    ]
    return mother, children


def create(household, social_worker, **kwargs):
    mother, children = household
    kwargs.setdefault("programme", eee_programme())
    kwargs.setdefault("members", children)
    return actions.application_create(beneficiary=mother, actor=social_worker, **kwargs)


def test_it_creates_the_application_with_the_checklist_per_member(household, social_worker):
    application = create(
        household,
        social_worker,
        screening=Screening(single_parent=True, income_6m=Decimal("600.00")),
    )
    assert application.status == "preparing" and application.prepared_from == TODAY
    assert application.submitted_via == "Πλατφόρμα ΕΕΕ"
    assert set(application.covered_members.all()) == set(household[1])
    lines = list(application.items.select_related("document_type"))
    codes = [line.document_type.code for line in lines]
    # identity of the applicant only (children are minors); tax assessment of each of three.
    assert codes.count("identity") == 1 and codes.count("tax-assessment") == 3
    assert all(line.state == ItemState.MISSING for line in lines)
    change = application.history.get()
    assert (change.from_status, change.to_status, change.actor) == ("", "preparing", social_worker)


def test_it_refuses_a_member_of_another_household(household, social_worker):
    stranger = HouseholdMemberFactory(given_name="Ξένος")
    with pytest.raises(ApplicationError) as refused:
        create(household, social_worker, members=[*household[1], stranger])
    assert "Ξένος" in refused.value.problems["covered_members"]
    assert not BenefitApplication.objects.exists()


def test_only_one_open_application_per_programme(household, social_worker):
    programme = eee_programme()
    create(household, social_worker, programme=programme)
    with pytest.raises(ApplicationError) as refused:
        create(household, social_worker, programme=programme)
    assert "ανοικτή αίτηση" in refused.value.problems["programme"]
    assert BenefitApplication.objects.count() == 1
    # Another programme is fine.
    create(household, social_worker, programme=ProgrammeFactory())


def test_more_unprotected_children_than_minors_is_refused(household, social_worker):
    with pytest.raises(ApplicationError) as refused:
        create(household, social_worker, screening=Screening(unprotected_children=3))
    assert "έως 2" in refused.value.problems["unprotected_children"]


def _submit(application, user, **move):
    move.setdefault("submitted_on", TODAY)
    move.setdefault("submitted_via", "Πλατφόρμα ΕΕΕ")
    move.setdefault("external_protocol", "ΟΠΕΚΑ-2026-000123")
    return actions.application_move(
        application=application,
        to_status="submitted",
        move=Move(**move),
        expected_version=application.updated_at,
        actor=user,
    )


def test_submission_records_the_protocol_and_the_renewal_date(household, social_worker):
    application = create(household, social_worker)
    moved = _submit(application, social_worker)
    assert (moved.status, moved.submitted_on, moved.external_protocol) == (
        "submitted",
        TODAY,
        "ΟΠΕΚΑ-2026-000123",
    )
    from services.checklist import add_months

    assert moved.renewal_on == add_months(TODAY, 6)
    assert list(moved.history.values_list("to_status", flat=True)) == ["submitted", "preparing"]
    approved = actions.application_move(
        application=moved,
        to_status="approved",
        move=Move(decided_on=TODAY, monthly_amount=Decimal("378.00")),
        expected_version=moved.updated_at,
        actor=social_worker,
    )
    assert approved.monthly_amount == Decimal("378.00") and approved.decided_on == TODAY


@pytest.mark.parametrize(
    ("submitted_on", "problem"),
    [(TODAY + dt.timedelta(days=1), "μελλοντική"), (TODAY - dt.timedelta(days=3), "προηγείται")],
)
def test_a_submission_in_the_future_or_before_preparation_is_refused(
    household, social_worker, submitted_on, problem
):
    application = create(household, social_worker)
    with pytest.raises(ApplicationError) as refused:
        _submit(application, social_worker, submitted_on=submitted_on)
    assert problem in refused.value.problems["submitted_on"]
    application.refresh_from_db()
    assert application.status == "preparing" and application.submitted_on is None
    assert ApplicationStatusChange.objects.count() == 1


def test_a_decision_before_the_submission_is_refused(household, social_worker):
    application = create(household, social_worker)
    BenefitApplication.objects.filter(pk=application.pk).update(
        prepared_from=TODAY - dt.timedelta(days=30)
    )
    application.refresh_from_db()
    moved = _submit(application, social_worker, submitted_on=TODAY - dt.timedelta(days=10))
    with pytest.raises(ApplicationError) as refused:
        actions.application_move(
            application=moved,
            to_status="approved",
            move=Move(decided_on=TODAY - dt.timedelta(days=11)),
            expected_version=moved.updated_at,
            actor=social_worker,
        )
    assert "προηγείται της υποβολής" in refused.value.problems["decided_on"]
    moved.refresh_from_db()
    assert moved.status == "submitted" and moved.decided_on is None


def test_a_move_the_rules_forbid_is_refused(household, social_worker):
    application = create(household, social_worker)
    with pytest.raises(ApplicationError) as refused:
        actions.application_move(
            application=application,
            to_status="approved",
            move=Move(decided_on=TODAY),
            expected_version=application.updated_at,
            actor=social_worker,
        )
    assert "to_status" in refused.value.problems


def test_a_stale_version_is_refused_and_nothing_saved(household, social_worker):
    application = create(household, social_worker)
    opened = application.updated_at
    application.notes = "Πρώτη αλλαγή"
    actions.application_update(
        application=application, members=household[1], expected_version=opened, actor=social_worker
    )
    second = BenefitApplication.objects.get(pk=application.pk)
    second.notes = "Δεύτερη, από παλιά σελίδα"
    with pytest.raises(StaleVersion):
        actions.application_update(
            application=second, members=household[1], expected_version=opened, actor=social_worker
        )
    assert BenefitApplication.objects.get(pk=application.pk).notes == "Πρώτη αλλαγή"


def test_taking_a_member_out_removes_their_lines_and_adding_adds_them(household, social_worker):
    application = create(household, social_worker)
    first, second = household[1]
    before = application.items.filter(member=second).count()
    assert before == 2  # tax assessment, school certificate
    updated = actions.application_update(
        application=application,
        members=[first],
        expected_version=application.updated_at,
        actor=social_worker,
    )
    assert not updated.items.filter(member=second).exists()
    again = actions.application_update(
        application=updated,
        members=[first, second],
        expected_version=updated.updated_at,
        actor=social_worker,
    )
    assert again.items.filter(member=second).count() == before


def _line(application, code="identity", member=None):
    return application.items.select_related("application", "requested_item").get(
        document_type__code=code, member=member
    )


def test_a_line_is_collected_with_a_valid_document_of_this_case_file(household, social_worker):
    mother = household[0]
    application = create(household, social_worker)
    identity = document_type("identity")
    line = _line(application)
    expired = DocumentFactory(
        beneficiary=mother, document_type=identity, expires_on=TODAY - dt.timedelta(days=1)
    )
    other_file = DocumentFactory(document_type=identity)
    wrong_type = DocumentFactory(beneficiary=mother, document_type=document_type("iban"))
    for document, problem in [(expired, "έληξε"), (other_file, "φάκελο"), (wrong_type, "είδους")]:
        with pytest.raises(ApplicationError) as refused:
            actions.application_line_set(
                line=line,
                state="collected",
                document=document,
                expected_version=line.updated_at,
                actor=social_worker,
            )
        assert problem in refused.value.problems["document"]
    line.refresh_from_db()
    assert line.state == "missing" and line.document is None
    valid = DocumentFactory(
        beneficiary=mother, document_type=identity, expires_on=TODAY + dt.timedelta(days=400)
    )
    saved = actions.application_line_set(
        line=line,
        state="collected",
        document=valid,
        expected_version=line.updated_at,
        actor=social_worker,
    )
    assert (saved.state, saved.document, saved.collected_on) == ("collected", valid, TODAY)


def test_requesting_the_missing_documents_makes_a_document_request(household, social_worker):
    application = create(household, social_worker)
    line = _line(application)
    actions.application_line_set(
        line=line, state="collected", expected_version=line.updated_at, actor=social_worker
    )
    school = _line(application, "school-certificate", household[1][0])
    actions.application_line_set(
        line=school, state="not_applicable", expected_version=school.updated_at, actor=social_worker
    )
    application.refresh_from_db()
    docreq = actions.application_request_missing(
        application=application,
        due_working_days=10,
        expected_version=application.updated_at,
        actor=social_worker,
    )
    items = list(docreq.items.select_related("document_type"))
    total = application.items.count()
    assert len(items) == total - 2
    assert any("Νίκος" in item.description for item in items)
    assert any("όπου ισχύει" in item.description for item in items)
    application.refresh_from_db()
    assert application.document_request == docreq
    # Ticking the request's line as received collects the application's line.
    tax = _line(application, "tax-assessment", household[1][1])
    assert tax.requested_item is not None
    docreq_item_receive(item=tax.requested_item, received_on=TODAY, actor=social_worker)
    tax = application.items.select_related("document", "requested_item__received_document").get(
        pk=tax.pk
    )
    assert line_state(tax, TODAY) == LineState.COLLECTED
    # And ticking on the application ticks the request's line.
    iban = _line(application, "iban")
    actions.application_line_set(
        line=iban, state="collected", expected_version=iban.updated_at, actor=social_worker
    )
    iban.requested_item.refresh_from_db()
    assert iban.requested_item.received_on == TODAY


def test_requesting_when_nothing_is_missing_is_refused(social_worker):
    mother = BeneficiaryFactory()
    programme = ProgrammeFactory()
    application = actions.application_create(
        beneficiary=mother, programme=programme, members=[], actor=social_worker
    )
    with pytest.raises(ApplicationError):
        actions.application_request_missing(
            application=application,
            due_working_days=10,
            expected_version=application.updated_at,
            actor=social_worker,
        )
    assert not DocumentRequest.objects.exists()


def test_a_new_application_renews_the_earlier_one(household, social_worker):
    programme = eee_programme()
    first = create(household, social_worker, programme=programme)
    first = _submit(first, social_worker)
    first = actions.application_move(
        application=first,
        to_status="approved",
        move=Move(decided_on=TODAY),
        expected_version=first.updated_at,
        actor=social_worker,
    )
    assert first.reminds_renewal
    second = create(household, social_worker, programme=programme)
    first.refresh_from_db()
    assert first.renewed_by == second and not first.reminds_renewal


def test_a_closed_application_keeps_its_dates_and_takes_corrections(household, social_worker):
    application = _submit(create(household, social_worker), social_worker)
    withdrawn = actions.application_move(
        application=application,
        to_status="withdrawn",
        move=Move(note="Μετακόμισε."),
        expected_version=application.updated_at,
        actor=social_worker,
    )
    withdrawn.notes = "Ενημερώθηκε τηλεφωνικά."
    saved = actions.application_update(
        application=withdrawn,
        members=list(withdrawn.covered_members.all()),
        expected_version=withdrawn.updated_at,
        actor=social_worker,
    )
    assert saved.notes == "Ενημερώθηκε τηλεφωνικά." and saved.submitted_on == TODAY
    saved.decided_on = TODAY
    with pytest.raises(ApplicationError) as refused:
        actions.application_update(
            application=saved,
            members=list(saved.covered_members.all()),
            expected_version=saved.updated_at,
            actor=social_worker,
        )
    assert "έγκριση ή την απόρριψη" in refused.value.problems["decided_on"]
