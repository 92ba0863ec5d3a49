"""A change to the holiday calendar recomputes the due dates of open items, and only those."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from community_centre.calendar import add_working_days, calendar_changed
from community_centre.models import HolidayAdjustment
from requests.models import AssistanceRequest
from tests.requests.factories import (
    AssistanceRequestFactory,
    DocumentRequestFactory,
    InformationRequestFactory,
)

pytestmark = pytest.mark.django_db

# Received Monday 02/11/2026: 10 working days → Monday 16/11/2026.
RECEIVED_DAY = dt.date(2026, 11, 2)


def _items():
    due = add_working_days(RECEIVED_DAY, 10)
    return {
        "request": AssistanceRequestFactory(due_working_days=10, due_date=due),
        "closed": AssistanceRequestFactory(
            due_working_days=10, due_date=due, status=AssistanceRequest.Status.COMPLETED
        ),
        "information": InformationRequestFactory(due_working_days=10, due_date=due),
        "documents": DocumentRequestFactory(
            requested_on=RECEIVED_DAY, due_working_days=10, due_date=due
        ),
    }


def test_adding_a_holiday_moves_open_deadlines_one_working_day_later():
    items = _items()
    HolidayAdjustment.objects.create(date=dt.date(2026, 11, 10), kind="add", name="Έκτακτη αργία")

    assert calendar_changed() == 3

    for name in ("request", "information", "documents"):
        items[name].refresh_from_db()
        assert items[name].due_date == dt.date(2026, 11, 17), name
    items["closed"].refresh_from_db()
    assert items["closed"].due_date == dt.date(2026, 11, 16)  # closed items keep their history


def test_an_administrator_editing_the_calendar_in_the_admin_recomputes_deadlines(
    client, administrator
):
    item = _items()["request"]
    client.force_login(administrator)
    response = client.post(
        reverse("admin:community_centre_holidayadjustment_add"),
        {"date": "10/11/2026", "kind": "add", "name": "Έκτακτη αργία", "reason": "ΥΑ 123/2026"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    item.refresh_from_db()
    assert item.due_date == dt.date(2026, 11, 17)


def test_recomputing_an_unchanged_calendar_changes_nothing():
    _items()
    assert calendar_changed() == 0
