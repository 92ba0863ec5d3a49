"""This month to date against the same days of last month and last year, on a hand-built data
set whose every figure is known (Athens month boundaries included)."""

from __future__ import annotations

from datetime import date

import pytest

from beneficiaries.choices import CaseStatus
from reporting.dashboard.headline import change, comparison, headline
from reporting.period import Period
from services.models import CounsellingSession, Event
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.referrals.factories import ReferralFactory
from tests.reporting.dashboard_data import TODAY, application, athens, session
from tests.requests.factories import AssistanceRequestFactory, InformationRequestFactory
from tests.services.factories import (
    EventAttendanceFactory,
    EventFactory,
)

pytestmark = pytest.mark.django_db


def test_it_compares_the_same_days_of_each_month():
    spans = comparison(TODAY)
    assert spans.current == Period(date(2026, 3, 1), date(2026, 3, 16))
    assert spans.last_month == Period(date(2026, 2, 1), date(2026, 2, 16))
    assert spans.last_year == Period(date(2025, 3, 1), date(2025, 3, 16))


def test_a_shorter_month_before_is_taken_whole():
    spans = comparison(date(2026, 3, 31))
    assert spans.last_month == Period(date(2026, 2, 1), date(2026, 2, 28))
    assert comparison(date(2028, 2, 29)).last_year == Period(date(2027, 2, 1), date(2027, 2, 28))


def test_the_change_is_signed_with_a_percentage_of_the_earlier_figure():
    assert change(12, 10) == "+2 (+20%)"
    assert change(3, 4) == "\u22121 (\u221225%)"
    assert change(5, 0) == "+5"
    assert change(0, 0) == "0"
    assert change(2500, 1000) == "+1.500 (+150%)"


def _rows(coordinator) -> dict:
    _spans, rows = headline(user=coordinator, today=TODAY)
    return {row.key: (row.current, row.last_month, row.last_year) for row in rows}


def _requests():
    for received in (
        athens(2026, 3, 1, 0, 30),  # 28/02 22:30 UTC: March in Athens
        athens(2026, 3, 16, 23, 50),  # today, late
        athens(2026, 3, 17, 0, 10),  # tomorrow: not yet
        athens(2026, 2, 1, 0, 15),  # last month, its first minutes
        athens(2026, 2, 16, 23, 30),  # last month, the 16th
        athens(2026, 2, 17, 0, 30),  # 16/02 22:30 UTC, but the 17th in Athens: out
        athens(2025, 3, 10, 9, 0),  # last year
        athens(2025, 2, 28, 23, 30),  # the month before last year's: out
    ):
        AssistanceRequestFactory(received_at=received, last_action_at=received)


def test_requests_and_information_requests_by_their_athens_day(coordinator):
    _requests()
    for received in (athens(2026, 3, 2, 10), athens(2025, 3, 1, 0, 5), athens(2025, 3, 16, 22)):
        InformationRequestFactory(received_at=received)
    InformationRequestFactory(received_at=athens(2025, 3, 17, 0, 5))  # the 17th: out
    rows = _rows(coordinator)
    assert rows["requests"] == (2, 2, 1)
    assert rows["information_requests"] == (1, 0, 2)


def test_referrals_applications_sessions_and_attendance(coordinator):
    ReferralFactory(sent=True, sent_at=athens(2026, 3, 1, 0, 1))
    ReferralFactory(sent=True, sent_at=athens(2026, 2, 10, 12))
    ReferralFactory(sent=True, sent_at=athens(2026, 2, 28, 23, 59))  # after the 16th: out
    ReferralFactory()  # a draft is not sent
    for submitted in (date(2026, 3, 5), date(2025, 3, 16), date(2025, 3, 17)):
        application(status="submitted", submitted_on=submitted)
    application()  # in preparation: not submitted
    held = CounsellingSession.Status.HELD
    session(date=date(2026, 3, 4), status=held)
    session(date=date(2026, 3, 11))  # planned: not held
    session(date=date(2026, 3, 12), status="did_not_attend")
    session(date=date(2026, 2, 3), status=held)
    event = EventFactory(held_on=date(2026, 3, 10), status=Event.Status.HELD, other_attendees=7)
    EventAttendanceFactory.create_batch(2, event=event)
    EventAttendanceFactory(event=event, attended=False)
    cancelled = EventFactory(held_on=date(2026, 3, 11), status="cancelled", other_attendees=5)
    EventAttendanceFactory(event=cancelled)
    EventFactory(held_on=date(2025, 3, 2), status=Event.Status.HELD, other_attendees=3)
    EventFactory(held_on=date(2026, 3, 20), other_attendees=40)  # planned, after today
    rows = _rows(coordinator)
    assert rows["referrals"] == (1, 1, 0)
    assert rows["applications"] == (1, 0, 1)
    assert rows["sessions"] == (1, 1, 0)
    assert rows["attendance"] == (9, 0, 3)


def test_new_registrations_by_the_day_the_file_was_opened(coordinator):
    for opened in (date(2026, 3, 1), date(2026, 3, 16), date(2026, 3, 17), date(2026, 2, 16),
                   date(2025, 3, 3), date(2025, 2, 3)):  # fmt: skip
        BeneficiaryFactory(registered_on=opened)
    assert _rows(coordinator)["new"] == (2, 1, 1)


def test_participants_are_the_people_with_a_contact_in_the_period(coordinator):
    served_now = BeneficiaryFactory(registered_on=date(2020, 1, 1))
    AssistanceRequestFactory(beneficiary=served_now, received_at=athens(2026, 3, 3, 9))
    InformationRequestFactory(beneficiary=served_now, received_at=athens(2026, 3, 4, 9))
    served_before = BeneficiaryFactory(registered_on=date(2020, 1, 1), status=CaseStatus.CLOSED,
                                       closed_reason="Μετακόμισε.")  # fmt: skip
    AssistanceRequestFactory(beneficiary=served_before, received_at=athens(2026, 2, 5, 9))
    AssistanceRequestFactory(beneficiary=served_before, received_at=athens(2025, 3, 5, 9))
    BeneficiaryFactory(registered_on=date(2026, 3, 9))  # registering is itself a contact
    BeneficiaryFactory(registered_on=date(2020, 1, 1))  # no contact at all
    assert _rows(coordinator)["participants"] == (2, 1, 1)


def test_a_user_who_may_not_read_case_files_gets_zeros(administrator):
    _requests()
    assert set(_rows(administrator).values()) == {(0, 0, 0)}
