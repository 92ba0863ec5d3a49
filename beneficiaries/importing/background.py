"""An import started from the screen runs in a thread of the web process, so that the page can
show its progress (run.stage, done, total) while it works.

The thread has its own database connection (Django gives each thread one) and closes it at the
end; whatever goes wrong lands in the run (status failed, the error's text), never lost.
"""

from __future__ import annotations

import logging
import threading

from django.db import connection
from django.utils import timezone

from beneficiaries.importing.columns import ColumnMapping

logger = logging.getLogger(__name__)
# Tests run the import in the request's own thread (their transaction is not seen by another).
RUN_IN_THREAD = True


def start(run, mapping: ColumnMapping, actor, *, dry_run: bool, valid_only: bool = False):
    """Start `records.run_import` for `run` in a thread; returns the thread (None when run in
    the caller's thread). Call after the request's transaction has committed the run."""
    if not RUN_IN_THREAD:
        _work(run.pk, mapping, actor, dry_run, valid_only, close=False)
        return None
    thread = threading.Thread(
        target=_work,
        args=(run.pk, mapping, actor, dry_run, valid_only),
        name=f"import-run-{run.pk}",
        daemon=True,
    )
    thread.start()
    return thread


def _work(pk: int, mapping, actor, dry_run: bool, valid_only: bool, *, close: bool = True):
    from beneficiaries.importing import records
    from beneficiaries.models import ImportRun

    try:
        run = ImportRun.objects.get(pk=pk)
        records.run_import(run, mapping, actor=actor, dry_run=dry_run, valid_only=valid_only)
    except Exception as exc:  # noqa: BLE001 - the run must say it failed, whatever the cause
        logger.exception("import run %s failed", pk)
        _fail(pk, exc)
    finally:
        if close:
            connection.close()


def _fail(pk: int, exc: Exception) -> None:
    from beneficiaries.models import ImportRun
    from beneficiaries.models.imports import ImportStatus

    ImportRun.objects.filter(pk=pk).update(
        status=ImportStatus.FAILED,
        error=str(exc)[:2000] or exc.__class__.__name__,
        finished_at=timezone.now(),
    )
