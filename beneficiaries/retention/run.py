"""What a retention run would do (`plan`) and doing it (`apply_retention`).

Each due case file is anonymised in a transaction of its own that also sets its
`anonymised_at`: a run that stops half-way leaves every file either untouched or finished, the
next run takes up the rest, and a run with nothing due changes nothing. A file closed again,
reopened or put under legal hold after the plan was made is skipped (checked under its lock).
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time

from axes.models import AccessAttempt, AccessFailureLog
from axes.models import AccessLog as LoginLog
from django.db import transaction
from django.db.models import DateTimeField, Max, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from beneficiaries.choices import CaseStatus
from beneficiaries.models import Beneficiary, ImportRun, RecordType, RetentionPolicy, RetentionRun
from beneficiaries.retention.anonymise import anonymise_case_file
from beneficiaries.retention.defaults import ensure_policies
from beneficiaries.retention.records import delete_queued
from community_centre.models import AccessLog

# The case files' numbers a run record keeps (and the screen lists); the counts are complete.
LISTED_CASE_FILES = 1000
# How often (in case files) a real run writes its progress into its record.
SAVE_EVERY = 50


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def policies() -> dict[str, RetentionPolicy]:
    return ensure_policies()


def closed_on() -> Coalesce:
    """When the file was last closed (its history), or last changed for a file closed without
    one (an imported closed file)."""
    return Coalesce(
        Max("status_changes__at", filter=Q(status_changes__to_status=CaseStatus.CLOSED)),
        "updated_at",
        output_field=DateTimeField(),
    )


def due_case_files(policy: RetentionPolicy | None, today: date) -> QuerySet:
    if policy is None:
        return Beneficiary.objects.none()
    return (
        Beneficiary.objects.filter(
            status=CaseStatus.CLOSED, legal_hold=False, anonymised_at__isnull=True
        )
        .annotate(closed_at=closed_on())
        .filter(closed_at__lt=_start_of(policy.cutoff(today)))
        .order_by("pk")
    )


def held_case_files() -> QuerySet:
    return Beneficiary.objects.filter(legal_hold=True, anonymised_at__isnull=True)


def due_access_log(policy: RetentionPolicy | None, today: date) -> QuerySet:
    if policy is None:
        return AccessLog.objects.none()
    return AccessLog.objects.filter(at__lt=_start_of(policy.cutoff(today)))


def due_import_files(policy: RetentionPolicy | None, today: date) -> QuerySet:
    """Finished (or abandoned) imports whose file or row report is still kept."""
    if policy is None:
        return ImportRun.objects.none()
    return (
        ImportRun.objects.annotate(ended=Coalesce("finished_at", "created_at"))
        .filter(ended__lt=_start_of(policy.cutoff(today)))
        .exclude(content=b"", outcomes=[])
    )


def due_login_records(policy: RetentionPolicy | None, today: date) -> list[QuerySet]:
    if policy is None:
        return []
    before = _start_of(policy.cutoff(today))
    return [
        model.objects.filter(attempt_time__lt=before)
        for model in (LoginLog, AccessFailureLog, AccessAttempt)
    ]


@dataclass
class Plan:
    """What a run on `today` would do: the due case files, and the count of each record type."""

    today: date
    case_files: list[int]
    counts: dict[str, int]
    held: int = 0
    labels: dict[str, str] = field(default_factory=dict)


def plan(today: date | None = None) -> Plan:
    today = today or timezone.localdate()
    found = policies()
    case_files = list(
        due_case_files(found.get(RecordType.CASE_FILE), today).values_list("pk", flat=True)
    )
    counts = {
        RecordType.CASE_FILE: len(case_files),
        RecordType.ACCESS_LOG: due_access_log(found.get(RecordType.ACCESS_LOG), today).count(),
        RecordType.IMPORT_FILE: due_import_files(found.get(RecordType.IMPORT_FILE), today).count(),
        RecordType.LOGIN_RECORD: sum(
            qs.count() for qs in due_login_records(found.get(RecordType.LOGIN_RECORD), today)
        ),
    }
    return Plan(
        today, case_files, {str(k): v for k, v in counts.items()}, held_case_files().count()
    )


@transaction.atomic
def anonymise_one(pk: int, today: date, delete=delete_queued) -> dict[str, int] | None:
    """Anonymise case file `pk` if it is still due (checked under its row lock); its counts.
    `delete(files)` deletes its stored files at the end (the benchmark, which rolls the run
    back, keeps them)."""
    policy = policies()[RecordType.CASE_FILE]
    beneficiary = Beneficiary.objects.select_for_update(of=("self",)).filter(pk=pk).first()
    if beneficiary is None or not due_case_files(policy, today).filter(pk=pk).exists():
        return None
    to_delete: list = []
    counts = anonymise_case_file(beneficiary, to_delete)
    Beneficiary.objects.filter(pk=pk).update(anonymised_at=timezone.now())
    # Last, so that a failure before it leaves the files for the rerun to find.
    delete(to_delete)
    counts["files"] = len(to_delete)
    return counts


def purge_records(today: date) -> dict[str, int]:
    """Delete the access-log and login rows past their period, and the stored import files."""
    found = policies()
    with transaction.atomic():
        access, _ = due_access_log(found.get(RecordType.ACCESS_LOG), today).delete()
    with transaction.atomic():
        imports = due_import_files(found.get(RecordType.IMPORT_FILE), today).update(
            content=b"", outcomes=[]
        )
    with transaction.atomic():
        logins = sum(
            qs.delete()[0] for qs in due_login_records(found.get(RecordType.LOGIN_RECORD), today)
        )
    return {
        RecordType.ACCESS_LOG.value: access,
        RecordType.IMPORT_FILE.value: imports,
        RecordType.LOGIN_RECORD.value: logins,
    }


def apply_retention(
    *,
    dry_run: bool,
    command_line: str,
    started_by: str = "",
    today: date | None = None,
    progress: Callable[[int], None] | None = None,
    on_plan: Callable[[Plan], None] | None = None,
) -> RetentionRun:
    """Run the policies (or, `dry_run`, only record what would be done); the run's record."""
    today = today or timezone.localdate()
    run = RetentionRun.objects.create(
        command_line=command_line[:500], started_by=started_by[:150], dry_run=dry_run
    )
    found = plan(today)
    if on_plan is not None:
        on_plan(found)
    run.case_files = found.case_files[:LISTED_CASE_FILES]
    run.counts = dict(found.counts)
    run.save(update_fields=["case_files", "counts"])
    if not dry_run:
        _apply(run, found, today, progress)
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at", "counts", "case_files", "errors"])
    return run


def _apply(run: RetentionRun, found: Plan, today: date, progress) -> None:
    done: list[int] = []
    records: dict[str, int] = {}
    for index, pk in enumerate(found.case_files, start=1):
        try:
            counts = anonymise_one(pk, today)
        except Exception as error:  # noqa: BLE001 — recorded; the file is retried next run
            run.errors.append({"case_file": pk, "error": _describe(error)})
        else:
            if counts is not None:
                done.append(pk)
                for key, value in counts.items():
                    records[key] = records.get(key, 0) + value
        if progress is not None:
            progress(index)
        if index % SAVE_EVERY == 0:  # a run that is stopped still says how far it came
            _record_progress(run, done, records)
    _record_progress(run, done, records, purge_records(today))


def _record_progress(run: RetentionRun, done: list[int], records: dict, purged=None) -> None:
    run.case_files = done[:LISTED_CASE_FILES]
    run.counts = {
        **dict.fromkeys(RecordType.values, 0),  # until purged, nothing of the others is done
        RecordType.CASE_FILE.value: len(done),
        **(purged or {}),
        "records": records,
    }
    if purged is None:
        run.save(update_fields=["case_files", "counts", "errors"])


def _describe(error: Exception) -> str:
    return "".join(traceback.format_exception_only(error)).strip()[:1000]
