"""seed_demo's referrals: every state, each along an allowed path with its history, frozen
snapshots, consent or legal basis, numbers from the protocol book, some overdue; idempotent."""

from __future__ import annotations

import datetime as dt
import sys
from itertools import pairwise

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from community_centre.protocol import ProtocolCounter
from demo.referrals import PATHS, seed_referrals
from demo.users import create_demo_users
from referrals.models import Basis, Referral
from requests.models import AssistanceRequest

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(dt.datetime(2026, 11, 26, 12, 0))


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """A small demo (reference data, demo users, 60 people, 600 requests, 80 referrals), made
    once in a transaction each test's own nests in; rolled back after the last test."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_reference_data", verbosity=0)
            create_demo_users()
            call_command("seed_demo", beneficiaries=60, requests=600, referrals=80, verbosity=0)
        except BaseException:
            outer.__exit__(*sys.exc_info())
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def test_every_path_is_allowed_by_the_transitions():
    for weighted in PATHS.values():
        for path in weighted.values:
            assert path[0] == "draft"
            assert all(Referral(status=a).can_move_to(b) for a, b in pairwise(path))


def test_the_demo_has_referrals_in_every_state(seeded):
    states = set(Referral.objects.values_list("status", flat=True))
    assert states == set(Referral.Status.values)
    assert Referral.objects.count() == 80


def test_each_referral_has_its_history_along_an_allowed_path(seeded):
    for referral in Referral.objects.prefetch_related("history"):
        moves = sorted(referral.history.all(), key=lambda h: (h.at, h.pk))
        assert moves[0].from_status == "" and moves[0].to_status == "draft"
        assert all(m.from_status == p.to_status for p, m in pairwise(moves))
        assert moves[-1].to_status == referral.status
        assert referral.status_changed_at == moves[-1].at
        for move in moves:
            assert not (move.recorded_by_body and move.confirmed_by_phone_on)


def test_sent_ones_carry_snapshot_basis_number_and_follow_up(seeded):
    sent = Referral.objects.filter(sent_at__isnull=False).select_related("beneficiary")
    assert sent.exists()
    for referral in sent:
        values = referral.snapshot["values"]
        assert values["name"] == referral.beneficiary.full_name
        assert values["reason"] == referral.reason
        assert set(values) == set(referral.disclosed_fields)
        assert referral.protocol_number and referral.follow_up_on > referral.sent_at.date()
        if referral.basis == Basis.CONSENT:
            assert referral.consent_on and referral.consent_how
        else:
            assert referral.basis_note
        referral.full_clean()
    assert not Referral.objects.filter(status="draft").exclude(snapshot={}).exists()


def test_protocol_numbers_are_unique_and_the_book_continues_after_them(seeded):
    for counter in ProtocolCounter.objects.all():
        numbers = list(
            Referral.objects.filter(protocol_year=counter.year).values_list(
                "protocol_number", flat=True
            )
        )
        numbers += AssistanceRequest.objects.filter(protocol_year=counter.year).values_list(
            "protocol_number", flat=True
        )
        assert len(numbers) == len(set(numbers))
        assert max(numbers, default=0) <= counter.last_number


def test_some_referrals_are_overdue(seeded):
    assert Referral.objects.overdue_on(timezone.localdate()).exists()


def test_seeding_again_adds_only_to_requests_without_a_referral(seeded):
    with_referral = set(Referral.objects.values_list("assistance_request", flat=True))
    call_command("seed_demo", beneficiaries=0, requests=600, referrals=10, if_empty=True,
                 verbosity=0)  # fmt: skip
    assert Referral.objects.count() == 80  # --if-empty: the table has rows
    added = seed_referrals(count=5, seed=2, now=NOW)
    assert added == 5 and Referral.objects.count() == 85
    requests = list(Referral.objects.values_list("assistance_request", flat=True))
    assert len(requests) == len(set(requests)) and with_referral < set(requests)
