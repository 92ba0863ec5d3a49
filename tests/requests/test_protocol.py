"""Protocol numbers under concurrency: two workers saving at the same moment, each thread on its
own PostgreSQL connection, get consecutive distinct numbers; a rollback gives its number back."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable

import pytest
from django.db import connection, transaction
from django.utils import timezone

from requests.actions.assistance import request_create
from requests.models import AssistanceRequest
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.once import create_once
from tests.requests.factories import RequestCategoryFactory

pytestmark = pytest.mark.django_db(transaction=True)

WAIT_SECONDS = 15


class Rollback(Exception):
    """Raised on purpose to roll a submission back."""


@pytest.fixture
def setting(social_worker, other_social_worker):
    """A person and a category, committed so that every connection sees them."""
    return {
        "person": BeneficiaryFactory(assigned_worker=social_worker),
        "category": RequestCategoryFactory(),
        "workers": [social_worker, other_social_worker],
    }


def submit(setting, worker, token: uuid.UUID | None = None) -> AssistanceRequest:
    return create_once(
        token,
        lambda: request_create(
            beneficiary=setting["person"],
            received_at=timezone.now(),
            channel="in_person",
            category=setting["category"],
            description="Αίτημα στο γκισέ",
            assigned_worker=worker,
            actor=worker,
        ),
    )


class Worker(threading.Thread):
    """Runs `job` on its own database connection and keeps its result or error."""

    def __init__(self, job: Callable[[], object]) -> None:
        super().__init__(daemon=True)
        self.job, self.result, self.error = job, None, None

    def run(self) -> None:
        try:
            self.result = self.job()
        except Exception as exc:  # reported by the test that reads it
            self.error = exc
        finally:
            connection.close()


def wait_until_blocked_on_a_lock(count: int = 1) -> None:
    """Until `count` other connections of this database wait for a lock (the counter's row)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0] >= count:
                return
        time.sleep(0.02)
    pytest.fail("the second submission never waited for the first one's lock")


def hold_open(setting, worker, *, release: threading.Event, outcome: str) -> Callable:
    """A submission that numbers its request, then keeps its transaction open until `release`,
    and then commits or rolls back."""

    def job():
        with transaction.atomic():
            item = submit(setting, worker)
            held.set()
            release.wait(WAIT_SECONDS)
            if outcome == "rollback":
                raise Rollback
            return item

    held = threading.Event()
    job.held = held
    return job


def test_two_workers_saving_at_the_same_moment_get_consecutive_distinct_numbers(setting):
    first_worker, second_worker = setting["workers"]
    release = threading.Event()
    first = Worker(hold_open(setting, first_worker, release=release, outcome="commit"))
    first.start()
    assert first.job.held.wait(WAIT_SECONDS)
    second = Worker(lambda: submit(setting, second_worker))
    second.start()
    wait_until_blocked_on_a_lock()  # the second really waits for the first's counter row
    assert second.is_alive()
    release.set()
    first.join(WAIT_SECONDS), second.join(WAIT_SECONDS)
    assert first.error is None and second.error is None
    assert first.result.protocol_number == 1
    assert second.result.protocol_number == 2
    numbers = sorted(AssistanceRequest.objects.values_list("protocol_number", flat=True))
    assert numbers == [1, 2]


def test_a_rolled_back_submission_does_not_use_up_a_number(setting):
    first_worker, second_worker = setting["workers"]
    release = threading.Event()
    first = Worker(hold_open(setting, first_worker, release=release, outcome="rollback"))
    first.start()
    assert first.job.held.wait(WAIT_SECONDS)
    second = Worker(lambda: submit(setting, second_worker))
    second.start()
    wait_until_blocked_on_a_lock()
    release.set()
    first.join(WAIT_SECONDS), second.join(WAIT_SECONDS)
    assert isinstance(first.error, Rollback)
    assert second.error is None
    assert second.result.protocol_number == 1  # the number the rolled-back one had held
    assert list(AssistanceRequest.objects.values_list("protocol_number", flat=True)) == [1]
    assert submit(setting, first_worker).protocol_number == 2


def test_many_simultaneous_submissions_number_without_gaps_or_duplicates(setting):
    count = 8
    start = threading.Barrier(count)
    workers = setting["workers"]

    def job(i: int) -> Callable:
        def run():
            start.wait(WAIT_SECONDS)
            return submit(setting, workers[i % 2])

        return run

    threads = [Worker(job(i)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT_SECONDS)
    assert [t.error for t in threads] == [None] * count
    numbers = sorted(t.result.protocol_number for t in threads)
    assert numbers == list(range(1, count + 1))
    assert AssistanceRequest.objects.count() == count


def test_a_double_click_at_the_same_moment_creates_one_request_and_uses_one_number(setting):
    worker = setting["workers"][0]
    token = uuid.uuid4()
    release = threading.Event()

    def first_job():
        with transaction.atomic():
            item = submit(setting, worker, token)
            first_held.set()
            release.wait(WAIT_SECONDS)
            return item

    first_held = threading.Event()
    first = Worker(first_job)
    first.start()
    assert first_held.wait(WAIT_SECONDS)
    second = Worker(lambda: submit(setting, worker, token))
    second.start()
    wait_until_blocked_on_a_lock()
    release.set()
    first.join(WAIT_SECONDS), second.join(WAIT_SECONDS)
    assert first.error is None
    assert second.error is None
    assert second.result.pk == first.result.pk
    assert AssistanceRequest.objects.count() == 1
    assert submit(setting, worker).protocol_number == 2  # the second click used no number
