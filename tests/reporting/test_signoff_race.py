"""Copies of the sign-off sent at the same moment, each on its own PostgreSQL connection: the
month is signed once. The same page clicked four times lands everyone on the signed month;
two coordinators' pages (two tokens) sign once and the other hears that it was signed."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from reporting.models import SignedReport
from tests.test_submit_once_race import RACERS, assert_all_landed_on, race

pytestmark = pytest.mark.django_db(transaction=True)

REPORT = f"{reverse('reporting:report')}?month=2026-10"


def test_racing_double_clicks_sign_a_month_once(coordinator):
    data = {"month": "2026-10", "submission_token": str(uuid.uuid4())}
    answers = race(coordinator, reverse("reporting:sign_off"), data)
    assert SignedReport.objects.count() == 1
    assert_all_landed_on(answers, REPORT, "Ο μήνας Οκτώβριος 2026 υπογράφηκε.")


def test_racing_sign_offs_from_different_pages_sign_once(coordinator):
    answers = race(coordinator, reverse("reporting:sign_off"), {"month": "2026-10"})
    assert SignedReport.objects.count() == 1
    pages = [response.content.decode() for response in answers]
    assert sum("Ο μήνας Οκτώβριος 2026 υπογράφηκε." in page for page in pages) == 1
    assert sum("Ο μήνας Οκτώβριος 2026 έχει ήδη υπογραφεί." in page for page in pages) == RACERS - 1
