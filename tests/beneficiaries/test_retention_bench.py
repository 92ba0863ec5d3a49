"""The retention rows of `manage.py bench` (demo.bench_retention): they time the dry run and the
anonymisation of due files, and leave the data and the stored files as they were."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage

from beneficiaries.models import Beneficiary, RetentionRun
from demo import bench_retention
from tests.beneficiaries.retention_data import rich_case_file

pytestmark = pytest.mark.django_db


def test_the_bench_times_the_plan_and_a_real_run_and_rolls_the_run_back(social_worker):
    closed = rich_case_file(social_worker)
    person = closed["person"]

    timings, beside, note = bench_retention.time_retention(runs=2)

    today, future, per_file = timings
    assert len(today.durations) == len(future.durations) == 2
    assert len(per_file.durations) == 1 and not per_file.errors
    assert beside.figure is future and beside.limit.durations
    assert "01/01/2040: 1·" in note
    person.refresh_from_db()
    assert person.anonymised_at is None and person.surname == closed["ids"]["surname"]
    assert all(default_storage.exists(name) for name in closed["files"])
    assert not RetentionRun.objects.exists()


def test_a_file_no_longer_due_is_reported_as_an_error(social_worker, monkeypatch):
    rich_case_file(social_worker)
    monkeypatch.setattr(bench_retention.retention, "anonymise_one", lambda *a, **k: None)

    timings, _beside, _note = bench_retention.time_retention(runs=1)

    assert timings[2].errors
    assert Beneficiary.objects.filter(anonymised_at__isnull=False).count() == 0
