"""Deadlines at risk on a known day: each kind's overdue and due-soon counts, and their links."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from community_centre.calendar import WorkingCalendar
from reporting.dashboard.deadlines import deadlines
from reporting.period import athens_today
from services.checklist import renewals_due_until
from tests.referrals.factories import ReferralFactory
from tests.reporting.dashboard_data import TODAY, application
from tests.requests.factories import (
    AssistanceRequestFactory,
    DocumentRequestFactory,
    InformationRequestFactory,
)

pytestmark = pytest.mark.django_db


def _rows(user) -> dict:
    return {row.key: row for row in deadlines(user=user, today=TODAY, calendar=WorkingCalendar())}


def _counts(user) -> dict:
    return {key: (row.overdue, row.due_soon) for key, row in _rows(user).items()}


def _plant():
    for due in (date(2026, 3, 13), date(2026, 3, 16), date(2026, 3, 19), date(2026, 3, 20)):
        InformationRequestFactory(due_date=due)
    InformationRequestFactory(due_date=date(2026, 3, 10), answered_on=date(2026, 3, 9))
    DocumentRequestFactory(due_date=date(2026, 3, 15))
    DocumentRequestFactory(due_date=date(2026, 3, 18))
    DocumentRequestFactory(due_date=date(2026, 3, 1), status="complete")
    DocumentRequestFactory(due_date=date(2026, 3, 2), status="cancelled")
    AssistanceRequestFactory(due_date=date(2026, 3, 2), status="in_progress")
    AssistanceRequestFactory(due_date=date(2026, 3, 17), status="waiting_documents")
    AssistanceRequestFactory(due_date=date(2026, 3, 2), status="completed")
    # Referrals: the request each hangs on is due in November, neither overdue nor soon.
    ReferralFactory(sent=True, follow_up_on=date(2026, 3, 13))
    ReferralFactory(sent=True, status="accepted", follow_up_on=date(2026, 3, 10))
    ReferralFactory(sent=True, follow_up_on=TODAY)  # due today: not overdue yet
    ReferralFactory(sent=True, status="completed", outcome="Πήρε τρόφιμα.",
                    follow_up_on=date(2026, 3, 1))  # fmt: skip
    approved = application(status="approved", renewal_on=date(2026, 3, 10))
    application(status="submitted", renewal_on=date(2026, 4, 16))
    application(status="approved", renewal_on=date(2026, 4, 17))  # not reminded yet
    application(status="withdrawn", renewal_on=date(2026, 3, 1))
    application(status="approved", renewal_on=date(2026, 3, 2), renewed_by=approved)


def test_each_kind_counts_its_overdue_and_due_soon_items(coordinator):
    assert renewals_due_until(TODAY) == date(2026, 4, 16)  # the hand count of the comment
    _plant()
    assert _counts(coordinator) == {
        "information_requests": (1, 2),
        "document_requests": (1, 1),
        "requests": (1, 1),
        "referrals": (2, None),
        "renewals": (1, 1),
    }


def test_the_counts_link_to_the_lists_that_show_them(coordinator):
    rows = _rows(coordinator)
    assert (
        rows["information_requests"].overdue_url == "/requests/work/?worker=all#information-title"
    )
    assert rows["document_requests"].due_soon_url == "/requests/work/?worker=all#documents-title"
    assert rows["requests"].overdue_url == "/requests/?overdue=on"
    assert rows["referrals"].overdue_url == "/referrals/?overdue=on"
    assert rows["renewals"].overdue_url == "/services/applications/?show=renewal_due"


def test_the_linked_lists_show_as_many_as_counted(coordinator_client, coordinator):
    """The lists count on the real today: so does this test."""
    today = athens_today()
    AssistanceRequestFactory(due_date=today - timedelta(days=3))
    AssistanceRequestFactory(due_date=today - timedelta(days=1), status="in_progress")
    ReferralFactory(sent=True, follow_up_on=today - timedelta(days=2))
    application(status="approved", renewal_on=today - timedelta(days=5))
    application(status="submitted", renewal_on=today + timedelta(days=3))
    rows = {r.key: r for r in deadlines(user=coordinator, today=today, calendar=WorkingCalendar())}

    def listed(url: str) -> int:
        return coordinator_client.get(url).context["page"].paginator.count

    assert listed(rows["requests"].overdue_url) == rows["requests"].overdue >= 2
    assert listed(rows["referrals"].overdue_url) == rows["referrals"].overdue == 1
    renewals = rows["renewals"]
    assert listed(renewals.overdue_url) == renewals.overdue + renewals.due_soon == 2
