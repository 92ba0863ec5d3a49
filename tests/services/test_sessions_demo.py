"""seed_demo's sessions: every kind and status, series of psychosocial sessions, some today for
each caseworker, never a clash, and a second top-up that adds without clashing."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from community_centre.calendar import WorkingCalendar
from community_centre.models import User
from demo.sessions import seed_sessions
from demo.users import create_demo_users
from services.models import CounsellingSession, SessionKind, SessionSeries

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db):
    call_command("load_reference_data", verbosity=0)
    create_demo_users()
    call_command("seed_demo", beneficiaries=40, requests=200, sessions=300, verbosity=0)


def test_the_demo_has_every_kind_and_status_and_series(seeded):
    assert CounsellingSession.objects.count() == 300
    kinds = set(CounsellingSession.objects.values_list("kind", flat=True))
    assert kinds == set(SessionKind.values)
    statuses = set(CounsellingSession.objects.values_list("status", flat=True))
    assert statuses == set(CounsellingSession.Status.values)
    series = SessionSeries.objects.annotate(n=Count("sessions"))
    assert series.exists() and all(s.n == s.count == 8 for s in series)
    assert {s.kind for s in series} <= {"psychosocial_child", "psychosocial_adult",
                                        "psychosocial_family"}  # fmt: skip


def test_each_caseworker_has_sessions_on_the_next_open_day(seeded):
    calendar, today = WorkingCalendar(), timezone.localdate()
    day = today if calendar.is_working_day(today) else calendar.add_working_days(today, 1)
    for worker in User.objects.caseworkers():
        assert CounsellingSession.objects.filter(worker=worker, date=day).count() >= 3


def test_held_sessions_are_in_the_past_and_planned_ones_ahead(seeded):
    today = timezone.localdate()
    assert not CounsellingSession.objects.filter(status="held", date__gt=today).exists()
    assert not CounsellingSession.objects.filter(status="planned", date__lt=today).exists()
    assert CounsellingSession.objects.filter(status="held").exclude(notes="").exists()


def test_a_second_top_up_adds_without_a_clash(seeded):
    assert seed_sessions(count=200, seed=7) == 200  # the exclusion constraint would refuse one
    assert CounsellingSession.objects.count() == 500


def test_seed_demo_with_if_empty_adds_no_more(seeded):
    call_command("seed_demo", beneficiaries=1, requests=10, if_empty=True, verbosity=0)
    assert CounsellingSession.objects.count() == 300
