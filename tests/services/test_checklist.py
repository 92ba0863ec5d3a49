"""The checklist rules (services.checklist): per-member lines, a line's state on a day (an
expired file does not satisfy it; a document request's receipt does), and the renewal reminder
from 20 working days before the renewal date, on exactly the right working day."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from community_centre.calendar import WorkingCalendar
from requests.models import DocumentRequestItem
from services import checklist
from services.checklist import LineState
from services.models import ApplicationDocument, ItemState
from tests.beneficiaries.factories import DocumentFactory, HouseholdMemberFactory
from tests.requests.factories import DocumentRequestItemFactory
from tests.services.factories import ApplicationFactory, eee_programme

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 11, 16)


def test_per_member_items_expand_per_covered_member_by_age():
    programme = eee_programme()
    adult = HouseholdMemberFactory(relationship="spouse", date_of_birth=dt.date(1980, 1, 1))
    child = HouseholdMemberFactory(beneficiary=adult.beneficiary, date_of_birth=dt.date(2015, 5, 5))
    # 18 tomorrow: still a minor today.
    nearly = HouseholdMemberFactory(
        beneficiary=adult.beneficiary, date_of_birth=dt.date(2008, 11, 17)
    )
    lines = checklist.expand(programme.checklist.all(), [adult, child, nearly], DAY)
    whose = [(line.document_type.code, line.member) for line in lines]
    assert whose == [
        ("identity", None),
        ("identity", adult),
        ("tax-assessment", None),
        ("tax-assessment", adult),
        ("tax-assessment", child),
        ("tax-assessment", nearly),
        ("iban", None),
        ("school-certificate", None),
        ("school-certificate", adult),
        ("school-certificate", child),
        ("school-certificate", nearly),
    ]
    assert [line.position for line in lines] == list(range(len(lines)))
    assert lines[-1].requirement == "where_relevant"
    # On the birthday the member is an adult and needs an identity document too.
    on_birthday = checklist.expand(programme.checklist.all(), [nearly], dt.date(2026, 11, 17))
    assert [(x.document_type.code, x.member) for x in on_birthday][:2] == [
        ("identity", None),
        ("identity", nearly),
    ]


def test_a_member_without_a_date_of_birth_counts_as_an_adult():
    member = HouseholdMemberFactory(date_of_birth=None)
    assert checklist.is_adult_on(member, DAY)
    assert checklist.household_counts([member], DAY) == (2, 0)


def _line(**fields) -> ApplicationDocument:
    application = ApplicationFactory()
    document_type = eee_programme().checklist.get(document_type__code="identity").document_type
    return ApplicationDocument.objects.create(
        application=application, document_type=document_type, requirement="required", **fields
    )


def test_an_expired_document_does_not_satisfy_the_line():
    document = DocumentFactory(expires_on=dt.date(2026, 11, 15))
    line = _line(state=ItemState.COLLECTED, document=document, collected_on=dt.date(2026, 11, 1))
    assert checklist.line_state(line, dt.date(2026, 11, 15)) == LineState.COLLECTED
    assert checklist.line_state(line, DAY) == LineState.EXPIRED
    assert checklist.is_missing(line, DAY)
    assert checklist.tally([line], DAY).missing == 1


def test_states_missing_not_applicable_and_collected_without_a_copy():
    assert checklist.line_state(_line(), DAY) == LineState.MISSING
    assert checklist.line_state(_line(state="not_applicable"), DAY) == LineState.NOT_APPLICABLE
    collected = _line(state="collected", collected_on=DAY)
    assert checklist.line_state(collected, DAY) == LineState.COLLECTED
    assert checklist.tally([collected], DAY).collected == 1


def test_a_line_received_on_its_document_request_counts_as_collected():
    item = DocumentRequestItemFactory(document_type=eee_programme().checklist.first().document_type)
    line = _line(requested_item=item)
    assert checklist.line_state(line, DAY) == LineState.MISSING
    document = DocumentFactory(expires_on=dt.date(2030, 1, 1))
    DocumentRequestItem.objects.filter(pk=item.pk).update(
        received_on=DAY, received_document=document
    )
    line = ApplicationDocument.objects.select_related("requested_item__received_document").get(
        pk=line.pk
    )
    assert checklist.line_state(line, DAY) == LineState.COLLECTED
    assert checklist.satisfying_document(line) == document
    assert checklist.line_state(line, dt.date(2030, 1, 2)) == LineState.EXPIRED


# --- renewal -----------------------------------------------------------------------------


def test_add_months_keeps_the_day_or_takes_the_last_of_the_month():
    assert checklist.add_months(dt.date(2026, 1, 15), 6) == dt.date(2026, 7, 15)
    assert checklist.add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert checklist.add_months(dt.date(2026, 12, 1), 1) == dt.date(2027, 1, 1)


def test_the_reminder_starts_twenty_working_days_before_with_greek_holidays():
    # Renewal on Tuesday 14/04/2026: 20 working days back skip Good Friday (10/04) and Easter
    # Monday (13/04), 25 March and the weekends.
    assert checklist.reminder_from(dt.date(2026, 4, 14)) == dt.date(2026, 3, 12)
    assert checklist.reminder_from(dt.date(2026, 5, 15)) == dt.date(2026, 4, 16)


def test_the_reminder_rule_and_the_query_bound_agree_on_every_day_of_a_year():
    calendar = WorkingCalendar()
    first = dt.date(2026, 1, 1)
    for offset in range(0, 380, 3):
        today = first + dt.timedelta(days=offset)
        until = checklist.renewals_due_until(today, calendar)
        for ahead in range(0, 45):
            renewal = today + dt.timedelta(days=ahead)
            reminded = checklist.reminder_from(renewal, calendar) <= today
            assert reminded == (renewal <= until), (today, renewal)


def test_the_default_renewal_counts_from_the_decision_else_the_submission():
    programme = eee_programme()
    assert checklist.default_renewal_on(
        programme, submitted_on=dt.date(2026, 3, 2), decided_on=None
    ) == dt.date(2026, 9, 2)
    decided = dt.date(2026, 4, 1)
    assert checklist.default_renewal_on(
        programme, submitted_on=dt.date(2026, 3, 2), decided_on=decided
    ) == dt.date(2026, 10, 1)
    programme.renewal_months = None
    assert checklist.default_renewal_on(programme, submitted_on=DAY, decided_on=DAY) is None


def test_timezone_is_athens():
    assert str(timezone.get_current_timezone()) == "Europe/Athens"


def test_the_sql_rule_of_missing_agrees_with_the_python_one():
    from services.models import BenefitApplication

    application = ApplicationFactory()
    identity = eee_programme().checklist.get(document_type__code="identity").document_type
    valid = DocumentFactory(expires_on=dt.date(2030, 1, 1))
    expired = DocumentFactory(expires_on=dt.date(2026, 1, 1))

    def received(document):
        item = DocumentRequestItemFactory(document_type=identity)
        DocumentRequestItem.objects.filter(pk=item.pk).update(
            received_on=dt.date(2026, 2, 1), received_document=document
        )
        return item

    kinds = [
        {}, {"state": "not_applicable"}, {"state": "collected"},
        {"state": "collected", "document": valid}, {"state": "collected", "document": expired},
        {"requested_item": DocumentRequestItemFactory(document_type=identity)},
        {"requested_item": received(valid)}, {"requested_item": received(expired)},
        {"requested_item": received(None)},
    ]  # fmt: skip
    for fields in kinds:
        ApplicationDocument.objects.create(
            application=application, document_type=identity, requirement="required", **fields
        )
    lines = ApplicationDocument.objects.select_related(
        "document", "requested_item__received_document"
    ).filter(application=application)
    by_python = {line.pk for line in lines if checklist.is_missing(line, DAY)}
    by_sql = set(lines.filter(checklist.missing_condition(DAY)).values_list("pk", flat=True))
    assert by_python == by_sql and len(by_sql) == 4
    annotated = BenefitApplication.objects.annotate(missing=checklist.missing_count(DAY))
    assert annotated.get(pk=application.pk).missing == 4
