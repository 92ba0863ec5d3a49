"""Workload per worker on a known day: each column counted by hand for two social workers."""

from __future__ import annotations

from datetime import date

import pytest

from beneficiaries.choices import CaseStatus
from community_centre.calendar import WorkingCalendar
from community_centre.models import Role
from reporting.dashboard.workload import workload
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.referrals.factories import ReferralFactory
from tests.reporting.dashboard_data import TODAY, application, caseworker, session
from tests.requests.factories import (
    AssistanceRequestFactory,
    DocumentRequestFactory,
    InformationRequestFactory,
)

pytestmark = pytest.mark.django_db

COLUMNS = ("case_files", "open_requests", "open_information", "overdue", "sessions_held")


def _table(user) -> dict:
    rows = workload(user=user, today=TODAY, calendar=WorkingCalendar())
    return {row.worker.username: tuple(getattr(row, c) for c in COLUMNS) for row in rows}


def _plant():
    maria = caseworker("maria", "Μαρία", "Αθανασίου")
    eleni = caseworker("eleni", "Ελένη", "Βλάχου")
    gone = caseworker("petros", "Πέτρος", "Γεωργίου")
    gone.is_active = False
    gone.save()
    first, second = BeneficiaryFactory.create_batch(2, assigned_worker=maria)
    BeneficiaryFactory(assigned_worker=maria, status=CaseStatus.CLOSED, closed_reason="Έκλεισε.")
    elenis = BeneficiaryFactory(assigned_worker=eleni)
    BeneficiaryFactory(assigned_worker=gone)
    # Requests: one of Maria's overdue, one open in time, one completed.
    AssistanceRequestFactory(assigned_worker=maria, due_date=date(2026, 3, 2))
    AssistanceRequestFactory(
        assigned_worker=maria, status="in_progress", due_date=date(2026, 4, 30)
    )
    AssistanceRequestFactory(assigned_worker=maria, status="completed", due_date=date(2026, 3, 2))
    # Information requests: the person's worker's and the recorder's.
    InformationRequestFactory(beneficiary=first, recorded_by=eleni, due_date=date(2026, 3, 13))
    InformationRequestFactory(beneficiary=elenis, recorded_by=eleni, due_date=date(2026, 3, 30))
    InformationRequestFactory(beneficiary=first, recorded_by=maria, answered_on=date(2026, 3, 3))
    DocumentRequestFactory(beneficiary=second, created_by=maria, due_date=date(2026, 3, 10))
    # A referral Eleni sent, past its follow-up date (its request is hers, open, due in November).
    request = AssistanceRequestFactory(beneficiary=elenis, assigned_worker=eleni)
    ReferralFactory(assistance_request=request, sent=True, follow_up_on=date(2026, 3, 12))
    application(worker=maria, status="approved", renewal_on=date(2026, 3, 1))
    application(worker=eleni, status="approved", renewal_on=date(2026, 4, 1))
    for day, status in ((date(2026, 3, 2), "held"), (TODAY, "held"), (date(2026, 2, 27), "held"),
                        (date(2026, 3, 10), "planned")):  # fmt: skip
        session(worker=maria, date=day, status=status)
    session(worker=eleni, date=date(2026, 3, 17), status="held")  # tomorrow


def test_each_column_is_counted_per_worker(coordinator, administrator):
    _plant()
    assert _table(coordinator) == {
        "maria": (2, 2, 1, 4, 2),
        "eleni": (1, 1, 2, 2, 0),
        "anna": (0, 0, 0, 0, 0),  # the coordinator is a caseworker too
    }


def test_the_workers_are_in_surname_order(coordinator):
    _plant()
    rows = workload(user=coordinator, today=TODAY, calendar=WorkingCalendar())
    surnames = [row.worker.last_name for row in rows]
    assert surnames == sorted(surnames)


def test_an_administrator_is_not_a_worker(coordinator):
    caseworker("nikos", "Νίκος", "Δήμου", role=Role.ADMINISTRATOR)
    assert set(_table(coordinator)) == {"anna"}
