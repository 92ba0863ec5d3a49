"""The register import wizard: upload, mapping, preview, run with progress, report, undo.

The coordinator's alone (`beneficiaries.import_register`): the mapping's sample values, the
preview and the report show the people's data, which administrators must never read. Every run
is fetched through `ImportRun.objects.visible_to(user)`; every page that shows rows of the file
writes an access-log row.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from beneficiaries.import_forms import MappingForm, RunForm, UploadForm, mapping_fingerprint
from beneficiaries.importing import background, records
from beneficiaries.importing.columns import ColumnMapping
from beneficiaries.importing.outcomes import OUTCOME_LABELS, Outcome, RowError, RowOutcome
from beneficiaries.importing.reading import ImportFileError, cell, cell_text
from beneficiaries.importing.report import error_groups, error_workbook
from beneficiaries.importing.values import unknown_settlements
from beneficiaries.models import ImportRun
from beneficiaries.models.imports import ImportStatus
from community_centre.audit import log_access
from community_centre.models import AccessLog
from community_centre.submissions import already_saved, posted, posted_files, submitted_once

PERMISSION = "beneficiaries.import_register"
SAMPLE_VALUES = 3
REPORT_PAGE_SIZE = 100


def _run(request: HttpRequest, pk: int) -> ImportRun:
    return get_object_or_404(ImportRun.objects.visible_to(request.user), pk=pk)


def _log(request: HttpRequest, run: ImportRun, page: str, action=AccessLog.Action.VIEW_LIST):
    """The page showed rows of the register: who read it, and the people of it on file."""
    shown = [
        pk
        for row in run.outcomes or []
        for pk in (row.get("existing_pk"), row.get("created_pk"))
        if pk
    ]
    detail = _("Εισαγωγή μητρώου «%(file)s»: %(page)s") % {"file": run.file_name, "page": page}
    log_access(request, None, action, detail, shown=shown)


@require_http_methods(["GET", "POST"])
@permission_required(PERMISSION, raise_exception=True)
def import_upload(request: HttpRequest) -> HttpResponse:
    """The file to import, and the imports made so far."""
    form = UploadForm(posted(request), posted_files(request))
    if form.is_bound:
        with submitted_once(form.token) as once:
            if once.earlier is not None:
                return already_saved(
                    request, reverse("beneficiaries:import_mapping", args=[once.earlier.pk])
                )
            if form.is_valid():
                upload = form.cleaned_data["file"]
                try:
                    run = records.record_upload(
                        name=upload.name, content=upload.read(), actor=request.user
                    )
                except ImportFileError as exc:
                    form.add_error("file", str(exc))
                else:
                    once.keep(run)
                    return redirect("beneficiaries:import_mapping", pk=run.pk)
    runs = (
        ImportRun.objects.visible_to(request.user)
        .select_related("created_by")
        .order_by("-created_at")
    )
    context = {"form": form, "runs": Paginator(runs, 20).get_page(request.GET.get("page"))}
    return render(request, "beneficiaries/import_upload.html", context)


def _unknown_places(run: ImportRun, mapping: ColumnMapping):
    column = mapping.field_columns().get("settlement")
    if column is None:
        return []
    table = records.table_of(run)
    return unknown_settlements(cell_text(cell(cells, column)) for _line, cells in table.rows)


def _samples(run: ImportRun, titles: list[str]) -> list[list[str]]:
    rows = records.table_of(run).rows[:SAMPLE_VALUES]
    return [[cell_text(cell(cells, i)) for _line, cells in rows] for i in range(len(titles))]


@require_http_methods(["GET", "POST"])
@permission_required(PERMISSION, raise_exception=True)
def import_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    """What each column of the file becomes, and the settlement of each unknown name."""
    run = _run(request, pk)
    mapping = records.mapping_of(run)
    form = MappingForm(
        posted(request), run=run, mapping=mapping, unknown=_unknown_places(run, mapping)
    )
    conflict = False
    if form.is_bound and form.is_valid():
        chosen = form.mapping()
        try:
            _save_mapping(request, run, chosen, form.expected_version)
        except StaleMapping as stale:
            form.data = form.data.copy()
            form.data["seen"] = mapping_fingerprint(stale.current)
            conflict = True
        else:
            if chosen.problems():
                messages.warning(
                    request, _("Η αντιστοίχιση αποθηκεύτηκε, αλλά δεν είναι ακόμα έτοιμη.")
                )
                return redirect("beneficiaries:import_mapping", pk=run.pk)
            messages.success(request, _("Η αντιστοίχιση αποθηκεύτηκε."))
            return redirect("beneficiaries:import_preview", pk=run.pk)
    shown = form.mapping() if form.is_bound and form.is_valid() else mapping
    problems = shown.problems()
    context = {
        "run": run,
        "form": form,
        "conflict": conflict,
        "row_count": len(records.table_of(run).rows),
        "rows": zip(form.column_fields(), _samples(run, mapping.titles), strict=True),
        "column_problems": {index: message for index, _t, message in problems if index is not None},
        "missing": [(title, message) for index, title, message in problems if index is None],
    }
    if request.method == "GET":
        _log(request, run, _("αντιστοίχιση στηλών"))
    return render(request, "beneficiaries/import_mapping.html", context)


class StaleMapping(Exception):
    """The run's mapping changed since the form was opened; `current` is the saved one."""

    def __init__(self, current: dict) -> None:
        super().__init__("stale import mapping")
        self.current = current


def _save_mapping(request: HttpRequest, run: ImportRun, mapping: ColumnMapping, seen: str) -> None:
    """Save the mapping unless it changed since the form was opened (StaleMapping)."""
    with transaction.atomic():
        runs = ImportRun.objects.visible_to(request.user).select_for_update()
        current = runs.get(pk=run.pk)
        if seen != mapping_fingerprint(current.mapping):
            raise StaleMapping(current.mapping)
        current.mapping = mapping.to_json()
        current.save(update_fields=["mapping"])


@require_http_methods(["GET", "POST"])
@permission_required(PERMISSION, raise_exception=True)
def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The first rows as they will be stored; check every row, import, or import the valid ones."""
    run = _run(request, pk)
    mapping = records.mapping_of(run)
    if mapping.problems():
        messages.warning(request, _("Ολοκληρώστε πρώτα την αντιστοίχιση των στηλών."))
        return redirect("beneficiaries:import_mapping", pk=run.pk)
    form = RunForm(posted(request))
    running = None
    if form.is_bound:
        with submitted_once(form.token) as once:
            if once.earlier is not None:
                return already_saved(
                    request, reverse("beneficiaries:import_progress", args=[run.pk])
                )
            running = records.import_in_progress()
            if running is None and form.is_valid() and run.status in _STARTABLE:
                once.keep(run)
                action = form.cleaned_data["action"]
                _mark_started(run)
                dry_run, valid_only = action == "check", action == "valid_only"
                transaction.on_commit(
                    lambda: background.start(
                        run, mapping, request.user, dry_run=dry_run, valid_only=valid_only
                    )
                )
                return redirect("beneficiaries:import_progress", pk=run.pk)
    context = {
        "run": run,
        "rows": records.preview(run, mapping, limit=10),
        "form": RunForm(),
        "running": running,
        "checked": run.status == ImportStatus.CHECKED,
        "labels": OUTCOME_LABELS,
        "valid": _valid_rows(run),
    }
    if request.method == "GET":
        _log(request, run, _("προεπισκόπηση"))
    return render(request, "beneficiaries/import_preview.html", context)


def _valid_rows(run: ImportRun) -> int:
    """Rows that would become a new case file (a check counts none as created)."""
    return max(run.rows - run.failed - run.skipped, 0)


def _mark_started(run: ImportRun) -> None:
    """Running from the moment the button is pressed, so the progress page has a bar to show
    before the thread has taken the run (records.run_import updates it from then on)."""
    run.status, run.stage, run.done, run.error = ImportStatus.RUNNING, "validate", 0, ""
    run.total = len(records.table_of(run).rows)
    run.save(update_fields=["status", "stage", "done", "total", "error"])


# A run can be (re)started while nothing was written: uploaded, checked, or after a failure.
_STARTABLE = {ImportStatus.UPLOADED, ImportStatus.CHECKED, ImportStatus.FAILED}


def _progress(run: ImportRun) -> dict:
    finished = run.status != ImportStatus.RUNNING
    return {
        "status": run.status,
        "status_label": run.get_status_display(),
        "stage": run.stage,
        "done": run.done,
        "total": run.total,
        "finished": finished,
        "next": reverse("beneficiaries:import_report", args=[run.pk]) if finished else "",
    }


@require_GET
@permission_required(PERMISSION, raise_exception=True)
def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    run = _run(request, pk)
    if run.status != ImportStatus.RUNNING:
        return redirect("beneficiaries:import_report", pk=run.pk)
    return render(request, "beneficiaries/import_progress.html", {"run": run, "p": _progress(run)})


@require_GET
@permission_required(PERMISSION, raise_exception=True)
def import_status(request: HttpRequest, pk: int) -> JsonResponse:
    return JsonResponse(_progress(_run(request, pk)))


def _row_outcomes(run: ImportRun) -> list[RowOutcome]:
    """The run's outcomes as RowOutcome, with the cells of each row of the file."""
    try:
        cells = dict(records.table_of(run).rows)
    except ImportFileError:  # an undone run keeps no copy of the file
        cells = {}
    found = []
    for row in run.outcomes or []:
        errors = [_row_error(row["line"], error) for error in row.get("errors", [])]
        found.append(RowOutcome(
            line=row["line"], outcome=Outcome(row["outcome"]), cells=cells.get(row["line"], []),
            errors=errors, existing_pk=row.get("existing_pk"), created_pk=row.get("created_pk"),
        ))  # fmt: skip
    return found


def _row_error(line: int, error: dict) -> RowError:
    return RowError(
        line=line,
        column=error.get("column") or "—",
        message=error.get("message", ""),
        code=error.get("code", ""),
        value=error.get("value", ""),
    )


@require_GET
@permission_required(PERMISSION, raise_exception=True)
def import_report(request: HttpRequest, pk: int) -> HttpResponse:
    """Counts, the errors grouped by kind, and every row not created."""
    run = _run(request, pk)
    if run.status == ImportStatus.RUNNING:
        return redirect("beneficiaries:import_progress", pk=run.pk)
    outcomes = _row_outcomes(run)
    try:
        columns = records.mapping_of(run).field_columns()
    except ImportFileError:  # an undone run keeps no copy of the file
        columns = {}
    not_created = [(o, _person(o.cells, columns)) for o in outcomes if o.outcome != Outcome.CREATED]
    context = {
        "run": run,
        "groups": error_groups([e for o in outcomes for e in o.errors]),
        "page": Paginator(not_created, REPORT_PAGE_SIZE).get_page(request.GET.get("page")),
        "labels": OUTCOME_LABELS,
        "form": RunForm(),
        "checked": run.status == ImportStatus.CHECKED,
        "valid": _valid_rows(run),
    }
    _log(request, run, _("αναφορά"))
    return render(request, "beneficiaries/import_report.html", context)


def _person(cells: list, columns: dict[str, int]) -> str:
    """«Surname Name» of a row as the file writes it, for the report's rows."""
    names = (cell_text(cell(cells, columns[f])) for f in ("surname", "given_name") if f in columns)
    return " ".join(name for name in names if name)


@require_GET
@permission_required(PERMISSION, raise_exception=True)
def import_error_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The rows not created with an error column beside them, to fix and upload again."""
    run = _run(request, pk)
    content = error_workbook(records.table_of(run), _row_outcomes(run), records.mapping_of(run))
    _log(request, run, _("αρχείο με τα σφάλματα"), AccessLog.Action.EXPORT)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    stem = run.file_name.rsplit(".", 1)[0] or "mitroo"
    response["Content-Disposition"] = f'attachment; filename="{_ascii(stem)}-sfalmata.xlsx"'
    return response


def _ascii(text: str) -> str:
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "_" for c in text)[:60]


@require_POST
@permission_required(PERMISSION, raise_exception=True)
def import_undo(request: HttpRequest, pk: int) -> HttpResponse:
    """Undo a whole import while none of its people has been touched since."""
    run = _run(request, pk)
    try:
        records.undo_import(run, actor=request.user)
    except (records.ImportNotUndoable, ImportFileError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Η εισαγωγή αναιρέθηκε: οι φάκελοι που δημιούργησε διαγράφηκαν.")
        )
    return redirect("beneficiaries:import_report", pk=run.pk)
