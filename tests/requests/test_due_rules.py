"""The rule of «overdue» and «due soon», on the models (`due_state`, `is_overdue_on`) and on their
querysets (`open`, `overdue`, `due_soon`): an item due today is not overdue yet, «soon» counts
working days, and an answered, completed or cancelled item is never overdue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template.loader import render_to_string

from community_centre.models import HolidayAdjustment
from requests.due import DUE_SOON_WORKING_DAYS, DueState, due_soon_until
from requests.models import AssistanceRequest, DocumentRequest, InformationRequest
from requests.models.assistance import OPEN_STATUS_VALUES
from tests.requests.factories import (
    AssistanceRequestFactory,
    DocumentRequestFactory,
    InformationRequestFactory,
)

FRIDAY = dt.date(2026, 11, 20)
MONDAY = dt.date(2026, 11, 23)
TUESDAY = dt.date(2026, 11, 24)
SOON_AFTER_FRIDAY = dt.date(2026, 11, 25)  # Mon, Tue, Wed: three working days after Friday


def _unsaved(kind: str, due_date: dt.date, *, done: bool = False):
    """One item of each model, open or done, without touching the database."""
    if kind == "request":
        status = AssistanceRequest.Status.COMPLETED if done else AssistanceRequest.Status.NEW
        return AssistanceRequest(status=status, due_date=due_date)
    if kind == "information":
        return InformationRequest(answered_on=FRIDAY if done else None, due_date=due_date)
    status = DocumentRequest.Status.CANCELLED if done else DocumentRequest.Status.OPEN
    return DocumentRequest(status=status, due_date=due_date)


KINDS = ["request", "information", "documents"]


@pytest.mark.parametrize("kind", KINDS)
def test_an_item_due_today_is_not_overdue_until_the_next_day(kind):
    item = _unsaved(kind, FRIDAY)
    assert not item.is_overdue_on(FRIDAY)
    assert item.is_overdue_on(FRIDAY + dt.timedelta(days=1))
    assert item.due_state(FRIDAY, soon_until=SOON_AFTER_FRIDAY) is DueState.DUE_SOON


@pytest.mark.parametrize("kind", KINDS)
def test_an_answered_completed_or_cancelled_item_is_never_overdue(kind):
    item = _unsaved(kind, dt.date(2020, 1, 1), done=True)
    assert not item.is_overdue_on(FRIDAY)
    assert item.due_state(FRIDAY, soon_until=SOON_AFTER_FRIDAY) is DueState.DONE


@pytest.mark.parametrize("kind", KINDS)
def test_an_item_due_on_the_monday_is_due_soon_on_the_friday_and_overdue_on_the_tuesday(kind):
    item = _unsaved(kind, MONDAY)
    assert item.due_state(FRIDAY, soon_until=SOON_AFTER_FRIDAY) is DueState.DUE_SOON
    assert item.due_state(MONDAY) is DueState.ON_TIME  # no «soon» limit given: not asked
    assert item.due_state(TUESDAY) is DueState.OVERDUE


def test_an_item_due_after_the_soon_limit_is_on_time():
    item = _unsaved("information", SOON_AFTER_FRIDAY + dt.timedelta(days=1))
    assert item.due_state(FRIDAY, soon_until=SOON_AFTER_FRIDAY) is DueState.ON_TIME


@pytest.mark.django_db
def test_soon_counts_working_days_over_the_weekend():
    assert DUE_SOON_WORKING_DAYS == 3
    assert due_soon_until(FRIDAY) == SOON_AFTER_FRIDAY


@pytest.mark.django_db
def test_soon_skips_a_national_holiday_and_one_an_administrator_added():
    # Monday 26/10/2026 + 3: Tuesday 27, (28 October is a national holiday), Thursday 29, Friday 30.
    assert due_soon_until(dt.date(2026, 10, 26)) == dt.date(2026, 10, 30)
    HolidayAdjustment.objects.create(date=MONDAY, kind="add", name="Έκτακτη αργία")
    assert due_soon_until(FRIDAY) == dt.date(2026, 11, 26)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("factory", "done"),
    [
        (AssistanceRequestFactory, {"status": AssistanceRequest.Status.REJECTED}),
        (InformationRequestFactory, {"answered_on": dt.date(2026, 11, 10)}),
        (DocumentRequestFactory, {"status": DocumentRequest.Status.COMPLETE}),
    ],
)
def test_the_querysets_apply_the_same_rule(factory, done):
    late = factory(due_date=FRIDAY - dt.timedelta(days=1))
    today = factory(due_date=FRIDAY)
    monday = factory(due_date=MONDAY)
    limit = factory(due_date=SOON_AFTER_FRIDAY)
    later = factory(due_date=SOON_AFTER_FRIDAY + dt.timedelta(days=1))
    closed = factory(due_date=dt.date(2020, 1, 1), **done)
    objects = factory._meta.model.objects

    assert set(objects.open()) == {late, today, monday, limit, later}
    assert list(objects.overdue(on=FRIDAY)) == [late]
    assert set(objects.due_soon(on=FRIDAY, until=SOON_AFTER_FRIDAY)) == {today, monday, limit}
    assert set(objects.due_soon(on=FRIDAY)) == {today, monday, limit}  # the limit computed
    assert set(objects.overdue(on=TUESDAY)) == {late, today, monday}
    for item in (late, today, monday, limit, later, closed):
        assert item.is_overdue_on(FRIDAY) == (item in {late}), item


def test_the_plain_open_statuses_of_the_indexes_are_the_open_statuses():
    assert [str(status) for status in AssistanceRequest.OPEN_STATUSES] == OPEN_STATUS_VALUES


@pytest.mark.django_db
def test_the_request_badge_marks_it_overdue_from_the_day_after_its_due_date():
    item = AssistanceRequestFactory(due_date=FRIDAY)

    def badge(day):
        return render_to_string("requests/includes/status_badge.html", {"item": item, "today": day})

    assert "Εκπρόθεσμο" not in badge(FRIDAY)
    assert "Εκπρόθεσμο" in badge(MONDAY)
    item.status = AssistanceRequest.Status.COMPLETED
    assert "Εκπρόθεσμο" not in badge(MONDAY)
