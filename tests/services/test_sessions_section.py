"""The case file's sessions section (services.session_case_file): what it lists, in order, in
two queries however many sessions the person has."""

from __future__ import annotations

import datetime as dt
from datetime import timedelta

import pytest
from django.utils import timezone

from services.models import CounsellingSession
from services.session_case_file import case_file_sessions
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.helpers import captured_queries
from tests.services.factories import CounsellingSessionFactory

pytestmark = pytest.mark.django_db
Status = CounsellingSession.Status


def test_upcoming_soonest_first_latest_held_newest_first_and_counts_by_kind(social_worker):
    person, today = BeneficiaryFactory(), timezone.localdate()

    def add(days, status, kind="employment", hour=10):
        return CounsellingSessionFactory(beneficiary=person, worker=social_worker, kind=kind,
                                         date=today + timedelta(days=days), status=status,
                                         start_time=dt.time(hour, 0))  # fmt: skip

    later, sooner = add(14, Status.PLANNED), add(7, Status.PLANNED, hour=9)
    old, recent = add(-30, Status.HELD, "home_visit"), add(-2, Status.HELD)
    add(-1, Status.CANCELLED)
    case_file_sessions(person, social_worker)  # the user's permissions, read once per request
    with captured_queries() as queries:
        context = case_file_sessions(person, social_worker)
    assert len(queries) == 2
    assert context["sessions_upcoming"] == [sooner, later]
    assert context["sessions_held"] == [recent, old]
    assert context["sessions_total"] == 5
    assert ("Κατ' οίκον επίσκεψη", 1, 1) in context["sessions_by_kind"]
    assert ("Συμβουλευτική απασχόλησης", 1, 4) in context["sessions_by_kind"]
    assert context["sessions_upcoming"][0].worker == social_worker  # selected with the row
