"""The benchmark's row for the subject-access export (GDPR art. 15): the ZIP of the person with
most requests (50 or more on the 100,000-person set), POSTed as the coordinator does it (the
PDF, the JSON, the files), target < 10 s; beside the bare queries of the same rows (every row of
the file's models, its access log and audit trail, read with `.values()`, nothing built).
Called by demo/management/commands/bench.py; each export writes its access-log row, as it does
at the desk, and reads the stored files (none are written)."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.apps import apps
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from beneficiaries.models import Beneficiary
from community_centre.models import AccessLog
from demo.benchmark import Beside, Timing
from requests.models import AssistanceRequest

EXPORT_TARGET_MS = 10_000
RUNS, WARM_UP = 5, 1
# The export lays out a PDF of about 30 pages from the rows (WeasyPrint, about 0.1 s a page):
# the rows alone are a small part. Measured at 100,000 people: 137× (60 requests, 28 pages).
EXPORT_GOAL = 150.0


def busiest_person() -> tuple[int, int] | None:
    """(pk, number of requests) of the person with most requests."""
    return (
        AssistanceRequest.objects.values("beneficiary")
        .annotate(n=Count("pk"))
        .order_by("-n", "beneficiary")
        .values_list("beneficiary", "n")
        .first()
    )


def bare_rows(pk: int) -> int:
    """Every row the export reads, as plain values: the count of rows."""
    rows = 0
    for model in apps.get_models():
        if any(f.concrete and f.related_model is Beneficiary and f.is_relation
               for f in model._meta.get_fields()):  # fmt: skip
            key = "pk" if model is Beneficiary else "beneficiary_id"
            rows += len(list(model._default_manager.filter(**{key: pk}).values()))
    rows += len(list(AccessLog.objects.about(pk).values()))
    rows += len(list(LogEntry.objects.filter(additional_data__beneficiary_id=pk).values()))
    return rows


def time_export(runs: int, client) -> tuple[list[Timing], Beside | None]:
    """(timings, the export beside its bare rows), at most RUNS runs, `client` logged in as
    the coordinator."""
    export = Timing(_("δικαίωμα πρόσβασης: ZIP με PDF, JSON, αρχεία"), EXPORT_TARGET_MS)
    alone = Timing(_("μόνο τα ερωτήματα των εγγραφών του φακέλου"))
    found = busiest_person()
    if found is None:
        export.errors.append(_("κανένα αίτημα στη βάση"))
        return [export], None
    pk, count = found
    export.label += " — " + _("%(n)d αιτήματα") % {"n": count}
    url = reverse("beneficiaries:subject_access_export", args=[pk])
    data = {"requested_on": "02/11/2026", "channel": "in_person"}

    def post() -> None:
        response = client.post(url, data)
        if response.status_code != 200 or response["Content-Type"] != "application/zip":
            export.errors.append(f"HTTP {response.status_code}")

    for index in range(WARM_UP + min(runs, RUNS)):
        pair = [(export, post), (alone, lambda: bare_rows(pk))]
        for timing, operation in pair if index % 2 == 0 else reversed(pair):
            if index < WARM_UP:
                operation()
            else:
                timing.measure(operation)
    return [export, alone], Beside(export, alone, EXPORT_GOAL)
