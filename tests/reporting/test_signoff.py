"""Signing a month off: the figures are stored as they were and read back byte for byte after
the data changed; the records changed since are counted exactly; re-opening needs a reason,
is kept and allows signing again; only an ended calendar month can be signed."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from community_centre.models import Role
from community_centre.role_actions import role_grant_from_server
from reporting import actions
from reporting.assemble import report_for
from reporting.exports import render
from reporting.figures import build_report
from reporting.models import Reopening, SignedReport
from reporting.period import ATHENS, Period, athens_today
from reporting.signoff import signed_report
from services.actions.events import attendee_remove
from tests.beneficiaries.factories import BeneficiaryFactory, CaseNoteFactory, NeedCategoryFactory
from tests.community_centre.factories import UserFactory
from tests.requests.factories import AppointmentFactory, AssistanceRequestFactory
from tests.services.factories import EventAttendanceFactory, EventFactory

pytestmark = pytest.mark.django_db

OCTOBER = Period.month(2026, 10)


def at(day: int, hour: int = 10, month: int = 10) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, 0, tzinfo=ATHENS)


@pytest.fixture
def october(social_worker):
    """Two people served in October 2026 and one served only in September; an event in
    October with one of them attending."""
    served = BeneficiaryFactory(surname="Οκτωβρίου")
    other = BeneficiaryFactory(surname="Δεύτερη")
    september = BeneficiaryFactory(surname="Σεπτεμβρίου")
    records = {
        "served": served,
        "other": other,
        "september": september,
        "request": AssistanceRequestFactory(
            beneficiary=served, received_at=at(5), assigned_worker=social_worker
        ),
        "other_request": AssistanceRequestFactory(
            beneficiary=other, received_at=at(31, 23), assigned_worker=social_worker
        ),
        "september_request": AssistanceRequestFactory(
            beneficiary=september, received_at=at(30, month=9), assigned_worker=social_worker
        ),
        "appointment": AppointmentFactory(
            beneficiary=other, worker=social_worker, starts_at=at(12), ends_at=at(12, 11)
        ),
    }
    event = EventFactory(organiser=social_worker, held_on=dt.date(2026, 10, 20))
    records["attendance"] = EventAttendanceFactory(event=event, beneficiary=served)
    return records


@pytest.fixture
def other_coordinator(roles):
    user = UserFactory(username="giorgos")
    role_grant_from_server(user=user, role=Role.COORDINATOR)
    return user


def sign(period, user):
    return actions.sign_off(period, user)


def test_signing_stores_the_json_export_with_its_hash(october, coordinator):
    row = sign(OCTOBER, coordinator)
    document = json.loads(row.document)
    assert document["signed_off"] is True and document["publication"] is False
    assert document["period"] == {"from": "2026-10-01", "to": "2026-10-31"}
    assert document["tables"]["participants"]["total"] == 2
    assert row.sha256 == hashlib.sha256(row.document.encode()).hexdigest()
    assert row.is_intact and row.signed_by == coordinator and row.in_force
    report = signed_report(OCTOBER)
    assert row.document.encode() == render(report, "json")
    assert (report.signed_by, report.signed_at) == (str(coordinator), row.signed_at)


def test_the_signed_figures_are_read_back_byte_for_byte_after_the_data_changed(
    october, coordinator, social_worker
):
    row = sign(OCTOBER, coordinator)
    AssistanceRequestFactory(beneficiary=october["september"], received_at=at(15))
    october["request"].description = "Άλλαξε μετά την υπογραφή."
    october["request"].save()

    assert build_report(OCTOBER).figure("participants.total") == 3  # counted now
    again = report_for(OCTOBER)
    assert again.signed_off is True
    assert again.figure("participants.total") == 2  # as signed
    assert render(again, "json") == row.document.encode()
    assert render(signed_report(OCTOBER), "json") == row.document.encode()


def _edit(record, **fields):
    for name, value in fields.items():
        setattr(record, name, value)
    record.save()


def test_the_flag_counts_exactly_the_records_of_the_period_changed_after_signing(
    october, coordinator, social_worker
):
    sign(OCTOBER, coordinator)
    assert signed_report(OCTOBER).changed_after_sign_off == 0

    # Counted: the October request edited twice (once), a note backdated into October, the
    # October appointment, a served person's address, and an attendance removed from the
    # October event.
    _edit(october["request"], description="Πρώτη διόρθωση.")
    _edit(october["request"], description="Δεύτερη διόρθωση.")
    CaseNoteFactory(beneficiary=october["other"], author=social_worker,
                    occurred_on=dt.date(2026, 10, 9))  # fmt: skip
    _edit(october["appointment"], purpose="Ανανέωση ΕΕΕ")
    _edit(october["served"], address="Ζηνοπούλου 3")
    assert signed_report(OCTOBER).changed_after_sign_off == 4
    attendee_remove(attendance=october["attendance"], actor=social_worker)
    # Not counted: September's request and person, a need of November, a person not served.
    _edit(october["september_request"], description="Σεπτέμβριος.")
    _edit(october["september"], address="Αγίου Νικολάου 1")
    october["other"].needs.create(category=NeedCategoryFactory(), recorded_by=social_worker,
                                  identified_on=dt.date(2026, 11, 2))  # fmt: skip
    BeneficiaryFactory(surname="Άσχετος")

    assert signed_report(OCTOBER).changed_after_sign_off == 5


def test_a_change_made_before_the_signature_is_not_counted(october, coordinator):
    _edit(october["request"], description="Πριν από την υπογραφή.")
    sign(OCTOBER, coordinator)
    assert signed_report(OCTOBER).changed_after_sign_off == 0


def test_the_flag_is_counted_in_a_few_queries(october, coordinator, django_assert_max_num_queries):
    sign(OCTOBER, coordinator)
    for _ in range(3):
        _edit(october["request"], description="Διόρθωση.")
    with django_assert_max_num_queries(6):
        assert signed_report(OCTOBER).changed_after_sign_off == 1


def test_a_month_is_signed_once(october, coordinator, other_coordinator):
    sign(OCTOBER, coordinator)
    with pytest.raises(actions.SignOffError, match="έχει ήδη υπογραφεί"):
        sign(OCTOBER, other_coordinator)
    assert SignedReport.objects.count() == 1


def test_the_database_keeps_one_signed_report_in_force_per_period(october, coordinator):
    row = sign(OCTOBER, coordinator)
    with pytest.raises(IntegrityError), transaction.atomic():
        SignedReport.objects.create(
            period_first=row.period_first, period_last=row.period_last, document="{}",
            sha256="0" * 64, signed_by=coordinator, signed_at=timezone.now(),
        )  # fmt: skip


@pytest.mark.parametrize(
    "period, message",
    [
        (Period(dt.date(2026, 10, 1), dt.date(2026, 10, 15)), "ολόκληρος ημερολογιακός μήνας"),
        (Period.month(athens_today().year, athens_today().month), "δεν έχει τελειώσει"),
        (Period.month(athens_today().year + 1, 1), "δεν έχει τελειώσει"),
    ],
    ids=["a range", "this month", "a future month"],
)
def test_only_an_ended_calendar_month_can_be_signed(period, message, coordinator):
    with pytest.raises(actions.SignOffError, match=message):
        sign(period, coordinator)
    assert not SignedReport.objects.exists()


def test_reopening_needs_a_reason(october, coordinator):
    sign(OCTOBER, coordinator)
    for reason in ("", "   "):
        with pytest.raises(actions.SignOffError, match="Γράψτε γιατί"):
            actions.reopen(OCTOBER, coordinator, reason)
    assert SignedReport.objects.get().in_force
    assert not Reopening.objects.exists()


def test_reopening_keeps_the_signed_report_logs_it_and_allows_signing_again(
    october, coordinator, other_coordinator
):
    first = sign(OCTOBER, coordinator)
    reopening = actions.reopen(OCTOBER, other_coordinator, "  Λείπουν δύο αιτήματα.  ")
    first.refresh_from_db()
    assert not first.in_force and first.is_intact
    assert (reopening.signed_report, reopening.reopened_by, reopening.reason) == (
        first, other_coordinator, "Λείπουν δύο αιτήματα.",
    )  # fmt: skip
    assert signed_report(OCTOBER) is None
    assert report_for(OCTOBER).signed_off is False
    types = ContentType.objects.get_for_models(SignedReport, Reopening)
    assert LogEntry.objects.filter(content_type=types[SignedReport], object_id=first.pk,
                                   action=LogEntry.Action.UPDATE).exists()  # fmt: skip
    assert LogEntry.objects.filter(content_type=types[Reopening], object_id=reopening.pk).exists()

    second = sign(OCTOBER, coordinator)
    assert SignedReport.objects.count() == 2
    assert signed_report(OCTOBER) is not None and second.in_force


def test_a_month_that_is_not_signed_cannot_be_reopened(coordinator):
    with pytest.raises(actions.SignOffError, match="δεν είναι υπογεγραμμένος"):
        actions.reopen(OCTOBER, coordinator, "Λάθος.")
    assert not Reopening.objects.exists()
