"""The actions on assistance requests: registration, status moves and corrections."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.utils import timezone

from community_centre.versions import StaleVersion
from requests.actions.assistance import (
    DEFAULT_NEXT_STEP,
    request_create,
    request_move,
    request_update,
)
from requests.exceptions import RequestError
from requests.models import AssistanceRequest, RequestStatusChange
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.once import create_once
from tests.requests.factories import AssistanceRequestFactory, RequestCategoryFactory

pytestmark = pytest.mark.django_db

Status = AssistanceRequest.Status
# Wednesday before Easter 2026: ten working days later is Friday 24/04 (calendar.md).
WEDNESDAY_BEFORE_EASTER = timezone.make_aware(dt.datetime(2026, 4, 8, 10, 15))
ALLOWED = sorted((a, b) for a, targets in AssistanceRequest.TRANSITIONS.items() for b in targets)
FORBIDDEN = [(a, b) for a in Status.values for b in Status.values if (a, b) not in ALLOWED]


@pytest.fixture
def person(social_worker):
    return BeneficiaryFactory(assigned_worker=social_worker)


@pytest.fixture
def category(db):
    return RequestCategoryFactory(code="information", name="Ενημέρωση", due_working_days=10)


def create(person, category, actor, **overrides) -> AssistanceRequest:
    values = {
        "beneficiary": person,
        "received_at": WEDNESDAY_BEFORE_EASTER,
        "channel": "in_person",
        "category": category,
        "description": "Ζητά ενημέρωση για το ΕΕΕ.",
        "assigned_worker": actor,
        "actor": actor,
    }
    return request_create(**{**values, **overrides})


def this_year() -> int:
    return timezone.localdate().year


def test_a_new_request_gets_a_protocol_number_a_due_date_and_its_first_history_row(
    person, category, social_worker
):
    before = timezone.now()
    item = create(person, category, social_worker)
    item.refresh_from_db()
    assert (item.protocol_year, item.protocol_number) == (this_year(), 1)
    assert item.protocol == f"{this_year()}/000001"
    assert item.status == Status.NEW
    assert item.due_working_days == 10
    assert item.due_date == dt.date(2026, 4, 24)  # Good Friday and Easter Monday skipped
    assert item.last_action_at >= before
    assert item.next_step == str(DEFAULT_NEXT_STEP)
    assert item.created_by == social_worker
    change = RequestStatusChange.objects.get(request=item)
    assert (change.from_status, change.to_status, change.actor) == ("", Status.NEW, social_worker)


def test_each_new_request_takes_the_following_number(person, category, social_worker):
    numbers = [create(person, category, social_worker).protocol_number for _ in range(3)]
    assert numbers == [1, 2, 3]


def test_the_due_date_counts_the_category_working_days(person, social_worker):
    referral = RequestCategoryFactory(code="referral", name="Παραπομπή", due_working_days=20)
    received = timezone.make_aware(dt.datetime(2025, 10, 22, 9, 0))  # 28/10 is a holiday
    item = create(person, referral, social_worker, received_at=received)
    assert (item.due_working_days, item.due_date) == (20, dt.date(2025, 11, 20))


def test_a_typed_next_step_is_kept(person, category, social_worker):
    item = create(person, category, social_worker, next_step="  Κλήση για ραντεβού  ")
    assert item.next_step == "Κλήση για ραντεβού"


def test_a_future_receipt_is_refused_and_takes_no_number(person, category, social_worker):
    with pytest.raises(RequestError, match="μελλοντική"):
        create(person, category, social_worker, received_at=timezone.now() + dt.timedelta(hours=1))
    assert not AssistanceRequest.objects.exists()
    assert create(person, category, social_worker).protocol_number == 1


def test_a_category_out_of_use_is_refused(person, social_worker):
    old = RequestCategoryFactory(code="old", name="Παλιά", is_active=False)
    with pytest.raises(RequestError, match="δεν είναι πια σε χρήση"):
        create(person, old, social_worker)
    assert not AssistanceRequest.objects.exists()


def test_the_same_submission_twice_creates_one_request_and_uses_one_number(
    person, category, social_worker
):
    token = uuid.uuid4()
    first = create_once(token, lambda: create(person, category, social_worker))
    second = create_once(token, lambda: create(person, category, social_worker))
    assert second == first
    assert AssistanceRequest.objects.count() == 1
    assert create(person, category, social_worker).protocol_number == 2


@pytest.mark.parametrize(("from_status", "to_status"), ALLOWED)
def test_each_allowed_move_changes_the_status_and_writes_its_history(
    from_status, to_status, social_worker
):
    item = AssistanceRequestFactory(status=from_status)
    before = timezone.now()
    moved = request_move(
        assistance_request=item,
        to_status=to_status,
        expected_version=item.updated_at,
        note="Τηλεφωνική επικοινωνία",
        referred_to="ΔΥΠΑ Καρπενησίου",
        confirmed=True,
        actor=social_worker,
    )
    item.refresh_from_db()
    assert item.status == to_status == moved.status
    assert item.last_action_at >= before
    change = item.history.get()
    assert (change.from_status, change.to_status) == (from_status, to_status)
    assert change.actor == social_worker and change.note.endswith("Τηλεφωνική επικοινωνία")


@pytest.mark.parametrize(("from_status", "to_status"), FORBIDDEN)
def test_a_forbidden_move_is_refused_in_greek_and_saves_nothing(
    from_status, to_status, social_worker
):
    item = AssistanceRequestFactory(status=from_status)
    with pytest.raises(RequestError) as refused:
        request_move(
            assistance_request=item,
            to_status=to_status,
            expected_version=item.updated_at,
            actor=social_worker,
        )
    assert "δεν μπορεί να περάσει από" in str(refused.value)
    assert str(Status(from_status).label) in str(refused.value)
    unchanged = AssistanceRequest.objects.get(pk=item.pk)
    assert (unchanged.status, unchanged.updated_at) == (from_status, item.updated_at)
    assert not RequestStatusChange.objects.exists()


def test_an_unknown_status_is_refused(social_worker):
    item = AssistanceRequestFactory()
    with pytest.raises(RequestError, match="Άγνωστη"):
        request_move(
            assistance_request=item,
            to_status="lost",
            expected_version=item.updated_at,
            actor=social_worker,
        )


def test_a_move_can_set_the_next_step(social_worker):
    item = AssistanceRequestFactory(status=Status.IN_PROGRESS, next_step="Έλεγχος")
    request_move(
        assistance_request=item,
        to_status=Status.WAITING_DOCUMENTS,
        expected_version=item.updated_at,
        next_step="Προσκόμιση εκκαθαριστικού",
        actor=social_worker,
    )
    item.refresh_from_db()
    assert item.next_step == "Προσκόμιση εκκαθαριστικού"


def test_a_move_from_a_stale_page_is_refused_and_overwrites_nothing(social_worker, coordinator):
    item = AssistanceRequestFactory()
    opened_with = item.updated_at
    request_move(
        assistance_request=item,
        to_status=Status.IN_PROGRESS,
        expected_version=opened_with,
        actor=coordinator,
    )
    with pytest.raises(StaleVersion) as refused:
        request_move(
            assistance_request=item,
            to_status=Status.WITHDRAWN,
            expected_version=opened_with,
            actor=social_worker,
        )
    item.refresh_from_db()
    assert refused.value.current.status == item.status == Status.IN_PROGRESS
    assert refused.value.since == opened_with
    assert item.history.count() == 1


def test_an_edit_saves_the_corrections_and_counts_as_an_action(social_worker, other_social_worker):
    item = AssistanceRequestFactory(assigned_worker=social_worker)
    item.description, item.next_step = "Νέα περιγραφή", "Επίσκεψη στο σπίτι"
    item.assigned_worker = other_social_worker
    request_update(assistance_request=item, expected_version=item.updated_at, actor=social_worker)
    saved = AssistanceRequest.objects.get(pk=item.pk)
    assert (saved.description, saved.next_step) == ("Νέα περιγραφή", "Επίσκεψη στο σπίτι")
    assert saved.assigned_worker == other_social_worker
    assert saved.last_action_at > item.received_at
    assert saved.due_date == item.due_date  # same category, same deadline


def test_a_new_category_recomputes_the_due_date(social_worker):
    item = AssistanceRequestFactory(received_at=WEDNESDAY_BEFORE_EASTER)
    item.category = RequestCategoryFactory(
        code="information", name="Ενημέρωση", due_working_days=10
    )
    request_update(assistance_request=item, expected_version=item.updated_at, actor=social_worker)
    saved = AssistanceRequest.objects.get(pk=item.pk)
    assert (saved.due_working_days, saved.due_date) == (10, dt.date(2026, 4, 24))


def test_an_edit_of_a_request_changed_meanwhile_is_refused(social_worker, coordinator):
    item = AssistanceRequestFactory(description="Αρχική")
    opened_with = item.updated_at
    request_move(
        assistance_request=item,
        to_status=Status.IN_PROGRESS,
        expected_version=opened_with,
        actor=coordinator,
    )
    mine = AssistanceRequest.objects.get(pk=item.pk)
    mine.description = "Η δική μου αλλαγή"
    with pytest.raises(StaleVersion):
        request_update(assistance_request=mine, expected_version=opened_with, actor=social_worker)
    assert AssistanceRequest.objects.get(pk=item.pk).description == "Αρχική"
