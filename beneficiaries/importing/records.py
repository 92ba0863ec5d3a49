"""Each import recorded (`ImportRun`): the upload, the preview, the import itself — one at a
time, under a PostgreSQL advisory lock, its progress visible to other connections — and its
undo while none of its people has been touched since."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace

from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.db import connection, connections, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from beneficiaries.importing.columns import ColumnMapping, field_label, propose_mapping
from beneficiaries.importing.outcomes import ImportResult, Outcome, RowError
from beneficiaries.importing.reading import Table, read_bytes
from beneficiaries.importing.run import Progress, RegisterImport
from beneficiaries.models import Beneficiary, ImportRun, ImportStatus
from community_centre.encrypted_fields import seal, unseal

# pg_try_advisory_lock key of the register import ("IMPORT" in ASCII).
LOCK_KEY = 0x494D504F5254


class ImportRunning(Exception):
    """Another import runs (Greek message naming who and since when)."""


class ImportNotUndoable(Exception):
    """The import cannot be undone (Greek message)."""


class RemarksNeedUser(Exception):
    """Remarks to write as case notes, and no user to sign them (Greek message)."""


def record_upload(*, name: str, content: bytes, actor) -> ImportRun:
    """The ImportRun of an uploaded file; ImportFileError if it cannot be read as a register."""
    table = read_bytes(content, name)
    return ImportRun.objects.create(
        file_name=name[:255],
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        content=seal(content),  # the register's personal data, encrypted at rest
        encoding=table.encoding or "",
        mapping=propose_mapping(table.titles).to_json(),
        created_by=actor,
    )


def table_of(run: ImportRun) -> Table:
    """The run's file as read, once per ImportRun instance: a page asks for it several times
    (samples, row count, settlements, the error file), and reading 5,000 XLSX rows takes
    seconds. Callers must not change the Table they get."""
    cached = run.__dict__.get("_table")
    if cached is None or cached[0] is not run.content:
        table = read_bytes(unseal(run.content), run.file_name)
        cached = run.__dict__["_table"] = (run.content, table)
    return cached[1]


def mapping_of(run: ImportRun, table: Table | None = None) -> ColumnMapping:
    table = table or table_of(run)
    if not run.mapping:
        return propose_mapping(table.titles)
    return ColumnMapping.from_json(run.mapping, table.titles)


@dataclass
class PreviewRow:
    line: int
    outcome: Outcome
    values: list[tuple[str, str]] = field(default_factory=list)
    remarks: str = ""
    errors: list[RowError] = field(default_factory=list)


def preview(run: ImportRun, mapping: ColumnMapping, limit: int = 10) -> list[PreviewRow]:
    """The first `limit` rows as they will be stored, each with its outcome."""
    table = replace(table_of(run), rows=table_of(run).rows[:limit])
    engine = RegisterImport(table, mapping, dry_run=True, progress=None)
    engine.table_name = run.file_name
    result = engine.check()
    outcomes = {o.line: o for o in result.outcomes}
    found = []
    for row in engine.rows:
        outcome = outcomes.get(row.line)
        cleaned = row.form.cleaned_data if row.form is not None else {}
        values = [
            (field_label(name), _stored(row.form, name, cleaned.get(name)))
            for name in mapping.field_columns()
        ]
        found.append(
            PreviewRow(
                line=row.line,
                outcome=outcome.outcome if outcome else Outcome.ERROR,
                values=values,
                remarks=engine.remark_text(row),
                errors=outcome.errors if outcome else list(result.errors),
            )
        )
    return found


def _stored(form, name: str, value) -> str:
    if value is None or value == "":
        return ""
    if hasattr(value, "strftime"):
        return f"{value:%d/%m/%Y}"
    model_field = form.instance._meta.get_field(name) if form is not None else None
    if model_field is not None and model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    return str(value)


def import_in_progress() -> ImportRun | None:
    """The import running now, if any (the advisory lock is held by another session)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
        free = cursor.fetchone()[0]
        if free:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
    if free:
        return None
    running = ImportRun.objects.filter(status=ImportStatus.RUNNING).select_related("created_by")
    return running.order_by("-started_at").first() or ImportRun(file_name="")


def _refusal(running: ImportRun | None) -> ImportRunning:
    who = _("τη γραμμή εντολών")
    if running is not None and running.created_by is not None:
        who = running.created_by.get_full_name() or running.created_by.username
    started = running.started_at if running is not None else None
    at = f"{timezone.localtime(started):%H:%M}" if started else "—"
    return ImportRunning(
        _(
            "Γίνεται ήδη εισαγωγή μητρώου από %(who)s (ξεκίνησε %(at)s). Δοκιμάστε ξανά όταν "
            "τελειώσει."
        )
        % {"who": who, "at": at}
    )


def _set_progress_elsewhere(run_pk: int, stage: str, done: int, total: int) -> None:
    """Progress committed on a connection of its own, seen while the write transaction runs."""
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute(
                "UPDATE beneficiaries_importrun SET stage = %s, done = %s, total = %s "
                "WHERE id = %s",
                [stage, done, total, run_pk],
            )
    finally:
        other.close()


def run_import(
    run: ImportRun,
    mapping: ColumnMapping,
    *,
    actor,
    dry_run: bool = False,
    valid_only: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Validate every row of `run`'s file under `mapping` and, unless `dry_run`, create the
    people not yet registered (all of them only if no row is wrong, unless `valid_only`).
    ImportRunning when another import runs; RemarksNeedUser when remarks have no author."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
        if not cursor.fetchone()[0]:
            running = ImportRun.objects.filter(status=ImportStatus.RUNNING)
            raise _refusal(running.select_related("created_by").order_by("-started_at").first())
    try:
        return _run_locked(run, mapping, actor, dry_run, valid_only, progress)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])


def _run_locked(run, mapping, actor, dry_run, valid_only, progress) -> ImportResult:
    table = table_of(run)
    report = progress or (lambda stage, done, total: None)

    def validating(stage: str, done: int, total: int) -> None:
        ImportRun.objects.filter(pk=run.pk).update(stage=stage, done=done, total=total)
        report(stage, done, total)

    engine = RegisterImport(
        table, mapping, dry_run=dry_run, progress=validating, valid_only=valid_only
    )
    engine.table_name = run.file_name
    if actor is not None and run.created_by_id is None:
        run.created_by = actor
    run.mapping, run.valid_only = mapping.to_json(), valid_only
    run.status, run.started_at, run.error = ImportStatus.RUNNING, timezone.now(), ""
    run.stage, run.done, run.total = "validate", 0, len(table.rows)
    run.save()
    try:
        result = engine.check()
        if not dry_run and engine.writes() and engine.new_rows():
            if actor is None and engine.has_remarks():
                raise RemarksNeedUser(
                    _(
                        "Οι παρατηρήσεις γράφονται σε σημείωμα φακέλου με συντάκτη: δώστε "
                        "--user ΧΡΗΣΤΗΣ ή «ignore» για τις στήλες τους στο --mapping."
                    )
                )
            new = engine.new_rows()

            def writing(done: int, total: int) -> None:
                _set_progress_elsewhere(run.pk, "write", done, total)
                report("write", done, total)

            engine.write(new, author=actor, run=run, progress_to=writing)
    except Exception as exc:
        ImportRun.objects.filter(pk=run.pk).update(
            status=ImportStatus.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    _finish(run, result, engine, dry_run)
    return result


def _finish(run: ImportRun, result: ImportResult, engine: RegisterImport, dry_run: bool) -> None:
    wrote = not dry_run and engine.writes()
    run.status = ImportStatus.IMPORTED if wrote else ImportStatus.CHECKED
    run.rows, run.skipped, run.failed = result.rows, result.skipped, result.failed
    run.created = result.created if wrote else 0
    run.outcomes = [_outcome_json(o) for o in result.outcomes] or [
        _outcome_json_header(e) for e in result.errors
    ]
    run.stage = "write" if wrote else "validate"
    run.done = run.total = result.rows
    run.finished_at = timezone.now()
    run.save()


def _outcome_json(outcome) -> dict:
    return {
        "line": outcome.line,
        "outcome": str(outcome.outcome),
        "errors": [_error_json(e) for e in outcome.errors],
        "existing_pk": outcome.existing_pk,
        "created_pk": outcome.created_pk,
    }


def _outcome_json_header(error: RowError) -> dict:
    return {
        "line": error.line,
        "outcome": str(Outcome.ERROR),
        "errors": [_error_json(error)],
        "existing_pk": None,
        "created_pk": None,
    }


def _error_json(error: RowError) -> dict:
    return {
        "column": error.column,
        "message": error.message,
        "code": error.code,
        "value": error.value,
    }


def undo_import(run: ImportRun, *, actor) -> int:
    """Delete, in one transaction, the people `run` created and their remark notes, when none
    of them has been touched since; the number deleted. ImportNotUndoable otherwise."""
    if run.status != ImportStatus.IMPORTED:
        raise ImportNotUndoable(_("Μόνο μια ολοκληρωμένη εισαγωγή αναιρείται, και μία φορά."))
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().get(pk=run.pk)
        if run.status != ImportStatus.IMPORTED:
            raise ImportNotUndoable(_("Μόνο μια ολοκληρωμένη εισαγωγή αναιρείται, και μία φορά."))
        people = Beneficiary.objects.filter(register_import=run)
        pks = list(people.values_list("pk", flat=True))
        entries = LogEntry.objects.filter(additional_data__beneficiary_id__in=pks)
        # (exclude() on a JSON key would also drop the entries that lack the key)
        own = entries.filter(additional_data__register_import=run.pk)
        touched = entries.exclude(pk__in=own.values("pk"))
        if touched.exists():
            raise ImportNotUndoable(
                _(
                    "Η εισαγωγή δεν αναιρείται: φάκελοι που δημιούργησε έχουν αλλάξει ή έχουν "
                    "νέες καταχωρίσεις από τότε."
                )
            )
        try:
            with set_actor(actor), transaction.atomic():
                people.delete()
        except ProtectedError as exc:
            raise ImportNotUndoable(
                _("Η εισαγωγή δεν αναιρείται: άλλες εγγραφές αναφέρονται σε φακέλους της.")
            ) from exc
        run.status, run.undone_by, run.undone_at = ImportStatus.UNDONE, actor, timezone.now()
        run.content = b""  # the file's personal data is not kept after an undo
        run.save(update_fields=["status", "undone_by", "undone_at", "content"])
    return len(pks)
