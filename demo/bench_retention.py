"""The retention rows of `manage.py bench`: what `manage.py apply_retention --dry-run` does (the
plan: every due case file and the count of each record type) today and with the clock at
FUTURE_DAY, when the closed files of the bench data are past their five years; and the real
run of a sample of those files (`anonymise_one`, each in its transaction as the command does
it), all of it rolled back and no stored file deleted: the bench data stays as it was.

The dry run is one SQL statement per record type; its limit is the same SELECT statements sent
as they are, one after another, through one cursor (nothing built from their rows).
The real run's figure is per case file (the whole run is about that times the due files).
"""

from __future__ import annotations

from datetime import date

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext as _

from beneficiaries.models import RecordType
from beneficiaries.retention import run as retention
from demo.benchmark import Beside, Timing

FUTURE_DAY = date(2040, 1, 1)
PLAN_TARGET_MS = 5_000
FILE_TARGET_MS = 1_000  # one case file anonymised
PLAN_GOAL = 1.5
RUNS, SAMPLE, WARM_UP = 10, 20, 1


class _RolledBack(Exception):
    pass


def _keep_files(files: list) -> None:
    """Stored files stay: the run is rolled back, their rows with it."""


def time_retention(runs: int) -> tuple[list[Timing], Beside, str]:
    """(timings, the dry run beside its bare statements, a line on the whole real run)."""
    today = Timing(_("διατήρηση: δοκιμαστική εκτέλεση (σήμερα)"), PLAN_TARGET_MS)
    future = Timing(
        _("διατήρηση: δοκιμαστική εκτέλεση (%(day)s)") % {"day": FUTURE_DAY.strftime("%d/%m/%Y")},
        PLAN_TARGET_MS,
    )
    alone = Timing(_("μόνο οι εντολές SQL της δοκιμαστικής εκτέλεσης"))
    statements = _plan_statements()

    def bare() -> None:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()

    for index in range(WARM_UP + min(runs, RUNS)):
        pair = [(future, lambda: retention.plan(FUTURE_DAY)), (alone, bare)]
        for timing, operation in pair if index % 2 == 0 else reversed(pair):
            if index < WARM_UP:
                operation()
            else:
                timing.measure(operation)
        if index >= WARM_UP:
            today.measure(retention.plan)
    policy = retention.policies()[RecordType.CASE_FILE]
    due = list(retention.due_case_files(policy, FUTURE_DAY).values_list("pk", flat=True))
    per_file = Timing(
        _("διατήρηση: ανωνυμοποίηση ενός φακέλου (δείγμα %(n)d, αναιρέθηκε)")
        % {"n": min(SAMPLE, len(due))},
        FILE_TARGET_MS,
    )
    try:
        with transaction.atomic():
            for pk in due[:SAMPLE]:
                counts = per_file.measure(
                    lambda pk=pk: retention.anonymise_one(pk, FUTURE_DAY, delete=_keep_files)
                )
                if counts is None:
                    per_file.errors.append(_("ο φάκελος %(pk)d δεν ανωνυμοποιήθηκε") % {"pk": pk})
            raise _RolledBack
    except _RolledBack:
        pass
    return [today, future, per_file], Beside(future, alone, PLAN_GOAL), _whole_run(per_file, due)


def _plan_statements() -> list[str]:
    """The SELECT statements the plan sends, as sent (the limit replays them in one cursor)."""
    retention.plan(FUTURE_DAY)  # the policies exist from here on: only reads are captured
    with CaptureQueriesContext(connection) as captured:
        retention.plan(FUTURE_DAY)
    return [q["sql"] for q in captured.captured_queries if q["sql"].lstrip().startswith("SELECT")]


def _whole_run(per_file: Timing, due: list[int]) -> str:
    minutes = per_file.percentile(50) * len(due) / 60_000 if per_file.durations else 0.0
    return _(
        "Διατήρηση: φάκελοι προς ανωνυμοποίηση στις %(day)s: %(count)d· η πραγματική εκτέλεση "
        "θα διαρκούσε περίπου %(minutes).1f λεπτά (p50 ενός φακέλου × φάκελοι)."
    ) % {"count": len(due), "day": FUTURE_DAY.strftime("%d/%m/%Y"), "minutes": minutes}
