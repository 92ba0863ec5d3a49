"""The demo events of seed_demo: today's for the demo workers, upcoming and past ones with
partner bodies and attendance, valid rows, and a top-up that adds only what is missing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from demo.events import seed_events
from services.models import Event, EventAttendance
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.referrals.factories import PartnerBodyFactory

pytestmark = pytest.mark.django_db


def test_the_demo_events_are_today_upcoming_and_past_with_attendance(social_worker, coordinator):
    BeneficiaryFactory.create_batch(30)
    PartnerBodyFactory.create_batch(4)
    assert seed_events(count=40, seed=3) == 40
    today = timezone.localdate()
    assert set(Event.objects.filter(held_on=today).values_list("organiser", flat=True)) == {
        social_worker.pk,
        coordinator.pk,
    }
    assert Event.objects.filter(held_on__gt=today, status="planned").count() >= 6
    held = Event.objects.filter(status="held")
    assert held.exists() and not held.filter(held_on__gte=today).exists()
    assert EventAttendance.objects.filter(event__in=held, attended=True).exists()
    assert Event.partner_bodies.through.objects.exists()
    for event in Event.objects.all():
        event.full_clean()
    assert not EventAttendance.objects.filter(event__status="cancelled").exists()


def test_seeding_again_tops_up_only_what_is_missing(social_worker):
    BeneficiaryFactory.create_batch(5)
    seed_events(count=10)
    assert seed_events(count=10) == 0
    assert seed_events(count=12) == 2
    assert Event.objects.count() == 12


def test_seed_demo_seeds_events_only_with_a_caseworker(roles, capsys):
    call_command("seed_demo", "--beneficiaries", "0", "--events", "5")
    assert not Event.objects.exists()
    assert "δεν υπάρχει κοινωνικός/ή λειτουργός" in capsys.readouterr().err


def test_on_a_later_day_the_demo_gets_today_s_events_again(social_worker, coordinator):
    BeneficiaryFactory.create_batch(5)
    seed_events(count=10)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert seed_events(count=10, today=tomorrow) == 2
    assert Event.objects.filter(held_on=tomorrow, status="planned").count() >= 2
    assert seed_events(count=10, today=tomorrow) == 0
