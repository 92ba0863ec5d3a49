"""`demo.casework.seed_requests` and `seed_demo --requests`: three years of demo requests whose
protocol book, history, deadlines and diaries hold together."""

from __future__ import annotations

import datetime as dt
import random
import re
import statistics
from collections import Counter, defaultdict
from io import StringIO
from itertools import pairwise

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from beneficiaries.models import Beneficiary
from community_centre.calendar import WorkingCalendar
from community_centre.models import CentreProfile
from community_centre.protocol import ProtocolCounter, next_protocol_number
from community_centre.reference import load_reference_data
from demo.casework import (
    HISTORY_DAYS,
    INFORMATION_SHARE,
    MAX_PER_PERSON,
    PATHS,
    requests_per_person,
    seed_requests,
)
from demo.people import seed_beneficiaries
from demo.users import create_demo_users
from requests.actions.assistance import request_create
from requests.models import (
    Appointment,
    AssistanceRequest,
    DocumentRequest,
    InformationRequest,
    RequestCategory,
    RequestStatusChange,
)

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(dt.datetime(2026, 11, 26, 11, 20))  # a Thursday, the Centre is open
TODAY = NOW.date()
COUNT = 400


@pytest.fixture
def people():
    load_reference_data()
    create_demo_users()
    seed_beneficiaries(count=60, seed=2)


@pytest.fixture
def seeded(people):
    seed_requests(count=COUNT, seed=5, batch_size=70, now=NOW)


def local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment)


def book() -> dict[int, list[tuple[dt.datetime, int]]]:
    """(received at, number) of every numbered record, by year."""
    years = defaultdict(list)
    for model in (AssistanceRequest, InformationRequest):
        for year, number, received in model.objects.values_list(
            "protocol_year", "protocol_number", "received_at"
        ):
            years[year].append((received, number))
    return years


def test_it_creates_the_requests_and_about_a_tenth_as_many_information_requests(seeded):
    assert AssistanceRequest.objects.count() == COUNT
    assert InformationRequest.objects.count() == round(COUNT * INFORMATION_SHARE)
    assert DocumentRequest.objects.exists()
    assert Appointment.objects.exists()
    people = set(AssistanceRequest.objects.values_list("beneficiary", flat=True))
    assert len(people) > 30  # spread over the register, not piled on a few


def test_protocol_numbers_are_unique_and_gapless_per_year_in_order_of_receipt(seeded):
    years = book()
    assert set(years) == {TODAY.year - 3, TODAY.year - 2, TODAY.year - 1, TODAY.year}
    for year, records in years.items():
        numbers = sorted(number for _, number in records)
        assert numbers == list(range(1, len(records) + 1)), year
        by_number = [received for received, _ in sorted(records, key=lambda r: r[1])]
        assert by_number == sorted(by_number)
        assert {local(received).year for received, _ in records} == {year}


def test_the_counters_make_a_real_registration_continue_the_book(seeded):
    for year, records in book().items():
        assert ProtocolCounter.objects.get(year=year).last_number == len(records)
    with transaction.atomic():
        assert next_protocol_number(TODAY.year) == len(book()[TODAY.year]) + 1
        transaction.set_rollback(True)


def test_a_second_seeding_continues_after_the_numbers_already_taken(seeded, social_worker):
    real = request_create(
        beneficiary=Beneficiary.objects.first(),
        received_at=timezone.now(),
        channel="phone",
        category=RequestCategory.objects.get(code="housing"),
        description="Αίτημα που καταχωρίστηκε στο γκισέ.",
        assigned_worker=social_worker,
        actor=social_worker,
    )
    year = real.protocol_year
    taken_before = len(book()[year])
    assert real.protocol_number == taken_before
    seed_requests(count=100, seed=9, now=NOW)
    numbers = sorted(number for _, number in book()[year])
    assert numbers == list(range(1, len(numbers) + 1))
    seeded_now = AssistanceRequest.objects.filter(protocol_year=year, pk__gt=real.pk)
    assert min(seeded_now.values_list("protocol_number", flat=True)) > real.protocol_number
    assert ProtocolCounter.objects.get(year=year).last_number == numbers[-1]


def test_statuses_and_history_follow_the_allowed_moves(seeded):
    history = defaultdict(list)
    for change in RequestStatusChange.objects.order_by("at", "pk"):
        history[change.request_id].append(change)
    for item in AssistanceRequest.objects.all():
        moves = history[item.pk]
        assert (moves[0].from_status, moves[0].to_status) == ("", "new")
        assert moves[0].at == item.received_at == item.created_at
        for before, after in pairwise(moves):
            assert after.from_status == before.to_status
            assert after.to_status in AssistanceRequest.TRANSITIONS[before.to_status]
            assert after.at > before.at
        assert moves[-1].to_status == item.status
        assert moves[-1].at == item.last_action_at <= NOW
        assert {m.actor_id for m in moves} == {item.assigned_worker_id}
        assert bool(item.next_step) == item.is_open


def test_every_path_of_the_generator_is_allowed():
    for final, paths in PATHS.items():
        for path in paths.values:
            assert path[0] == "new" and path[-1] == final
            for before, after in pairwise(path):
                assert after in AssistanceRequest.TRANSITIONS[before]


def test_old_requests_are_mostly_decided_and_recent_ones_open(seeded):
    a_quarter_ago = NOW - dt.timedelta(days=90)
    old = AssistanceRequest.objects.filter(received_at__lt=a_quarter_ago)
    recent = AssistanceRequest.objects.filter(received_at__gte=NOW - dt.timedelta(days=7))
    open_statuses = AssistanceRequest.OPEN_STATUSES
    assert old.filter(status__in=open_statuses).count() < old.count() * 0.1
    assert recent.filter(status__in=open_statuses).count() >= recent.count() * 0.7


def test_receipts_fall_on_working_days_inside_opening_hours(seeded):
    calendar, centre = WorkingCalendar(), CentreProfile.current()
    first = NOW - dt.timedelta(days=HISTORY_DAYS + 1)
    for model in (AssistanceRequest, InformationRequest):
        for received in model.objects.values_list("received_at", flat=True):
            moment = local(received)
            assert first <= received <= NOW
            assert calendar.is_working_day(moment.date())
            assert centre.opens_at <= moment.time() < centre.closes_at


def test_due_dates_follow_the_working_day_calendar(seeded):
    calendar = WorkingCalendar()
    for item in AssistanceRequest.objects.select_related("category"):
        assert item.due_working_days == item.category.due_working_days
        due = calendar.add_working_days(local(item.received_at).date(), item.due_working_days)
        assert item.due_date == due
    for item in InformationRequest.objects.all():
        assert item.due_working_days == 10
        assert item.due_date == calendar.add_working_days(local(item.received_at).date(), 10)
    for item in DocumentRequest.objects.all():
        assert item.due_date == calendar.add_working_days(item.requested_on, item.due_working_days)


def test_information_requests_are_mostly_answered_some_open_after_their_person(seeded):
    items = list(InformationRequest.objects.select_related("about"))
    answered = [i for i in items if i.answered_on]
    assert len(answered) > len(items) * 0.6
    for item in answered:
        assert local(item.received_at).date() <= item.answered_on <= TODAY
    for item in items:
        if item.about is not None:
            assert item.about.beneficiary_id == item.beneficiary_id
            assert item.about.received_at < item.received_at


def test_document_requests_belong_to_requests_that_waited_for_documents(seeded):
    waited = set(
        RequestStatusChange.objects.filter(to_status="waiting_documents").values_list(
            "request_id", flat=True
        )
    )
    statuses = Counter()
    for item in DocumentRequest.objects.select_related("assistance_request").prefetch_related(
        "items"
    ):
        statuses[item.status] += 1
        request = item.assistance_request
        assert request.pk in waited and request.beneficiary_id == item.beneficiary_id
        received = [i.received_on for i in item.items.all()]
        assert received
        if item.status == DocumentRequest.Status.COMPLETE:
            assert None not in received
        if item.status == DocumentRequest.Status.OPEN:
            assert request.status == "waiting_documents" and None in received
        assert all(item.requested_on <= day <= TODAY for day in received if day)
    assert statuses[DocumentRequest.Status.COMPLETE] > 0
    assert DocumentRequest.objects.count() == len(waited)


def test_appointments_never_overlap_and_keep_to_opening_hours(seeded):
    calendar, centre = WorkingCalendar(), CentreProfile.current()
    diaries = defaultdict(list)
    for item in Appointment.objects.exclude(status="cancelled").order_by("starts_at"):
        diaries[item.worker_id].append(item)
    assert set(diaries) == set(
        Beneficiary.objects.values_list("assigned_worker", flat=True).distinct()
    )
    for appointments in diaries.values():
        for before, after in pairwise(appointments):
            assert before.ends_at <= after.starts_at
    for item in Appointment.objects.all():
        starts, ends = local(item.starts_at), local(item.ends_at)
        assert calendar.is_working_day(starts.date())
        assert centre.opens_at <= starts.time() and ends.time() <= centre.closes_at
        assert starts.date() == ends.date()
        assert TODAY - dt.timedelta(days=30) <= starts.date() <= TODAY + dt.timedelta(days=20)
        assert (item.status == "scheduled") <= (item.starts_at > NOW)
        assert item.created_at <= min(item.starts_at, NOW)
        if item.assistance_request_id:
            assert item.assistance_request.beneficiary_id == item.beneficiary_id


def test_the_same_seed_gives_the_same_requests(people):
    def fingerprint() -> list[tuple]:
        requests = AssistanceRequest.objects.order_by("protocol_year", "protocol_number")
        return [
            *requests.values_list(
                "protocol_year", "protocol_number", "beneficiary", "received_at", "category",
                "status", "description", "due_date", "last_action_at",
            ),
            *InformationRequest.objects.order_by("protocol_year", "protocol_number").values_list(
                "protocol_number", "beneficiary", "received_at", "answered_on"
            ),
            *Appointment.objects.order_by("starts_at", "worker").values_list(
                "worker", "beneficiary", "starts_at", "ends_at", "status"
            ),
        ]  # fmt: skip

    def clear() -> None:
        for model in (Appointment, DocumentRequest, InformationRequest, AssistanceRequest):
            model.objects.all().delete()
        ProtocolCounter.objects.all().delete()

    seed_requests(count=150, seed=3, batch_size=40, now=NOW)
    first = fingerprint()
    clear()
    seed_requests(count=150, seed=3, batch_size=1000, now=NOW)
    assert fingerprint() == first
    clear()
    seed_requests(count=150, seed=4, now=NOW)
    assert fingerprint() != first


def test_the_spread_is_skewed_with_a_few_long_histories():
    counts = requests_per_person(10_000, 100_000, random.Random(1))
    assert sum(counts) == 100_000
    assert max(counts) <= MAX_PER_PERSON
    assert sum(n >= 50 for n in counts) >= 5
    assert sum(n <= 15 for n in counts) > 0.75 * len(counts)
    assert 0.05 < counts.count(0) / len(counts) < 0.2
    assert 5 <= statistics.median(counts) <= 12


@pytest.mark.parametrize(("people", "count"), [(1, 7), (3, 500), (300, 1500), (50, 0)])
def test_the_spread_always_adds_up(people, count):
    counts = requests_per_person(people, count, random.Random(2))
    assert sum(counts) == count and len(counts) == people


def test_the_seeded_register_has_people_with_at_least_fifty_requests(seeded):
    per_person = Counter(AssistanceRequest.objects.values_list("beneficiary", flat=True))
    assert sum(n >= 50 for n in per_person.values()) == COUNT // 200


def test_it_refuses_without_people(roles):
    load_reference_data()
    with pytest.raises(ValueError, match="Δεν υπάρχουν ωφελούμενοι"):
        seed_requests(count=10)
    assert not AssistanceRequest.objects.exists()


def seed_demo(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("seed_demo", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_seed_demo_seeds_requests_with_a_progress_bar(people):
    output, _ = seed_demo("--beneficiaries", "0", "--requests", "120", "--batch-size", "50")
    assert AssistanceRequest.objects.count() == 120
    assert re.search(r"100%.*\b120/120\b", output)


def test_seed_demo_if_empty_seeds_requests_only_when_there_are_none(people):
    seed_demo("--beneficiaries", "10", "--requests", "80", "--if-empty")
    assert Beneficiary.objects.count() == 60  # people existed: none added
    assert AssistanceRequest.objects.count() == 80
    output, _ = seed_demo("--beneficiaries", "10", "--requests", "80", "--if-empty")
    assert AssistanceRequest.objects.count() == 80
    assert "Υπάρχουν ήδη αιτήματα" in output


def test_seed_demo_without_requests_seeds_none(people):
    seed_demo("--beneficiaries", "5")
    assert not AssistanceRequest.objects.exists()


def test_seed_demo_says_in_greek_what_is_missing(roles):
    load_reference_data()
    with pytest.raises(CommandError, match="Δεν υπάρχουν ωφελούμενοι"):
        seed_demo("--beneficiaries", "0", "--requests", "5")
    assert not AssistanceRequest.objects.exists()
