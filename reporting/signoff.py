"""The signed-off report of a period, read back exactly as it was signed.

`signed_report(period)` rebuilds the Report from the stored kk-report JSON text (titles and
labels from `reporting.figures.describe`), so that its JSON export is the stored text byte for
byte, says who signed it and when (`signed_by`, `signed_at`, not part of the JSON) and how
many records of the period changed after the signature (`changed_after_sign_off`,
reporting.changes). The signed figures are never counted again.
"""

from __future__ import annotations

import json

from reporting.changes import changed_records
from reporting.exports import render
from reporting.figures import describe
from reporting.models import Reopening, SignedReport
from reporting.period import Period
from reporting.tables import Report


def document_text(report: Report) -> str:
    """The text kept for a signed report: its JSON export, exactly."""
    return render(report, "json").decode()


def signed_row(period: Period) -> SignedReport | None:
    """The signed report in force for `period`, with who signed it."""
    return SignedReport.objects.in_force().of(period).select_related("signed_by").first()


def report_of(row: SignedReport) -> Report:
    """The Report a stored signed report holds (signed_off=True, as it was signed)."""
    return Report.from_json_dict(json.loads(row.document), describe)


def signed_report(period: Period) -> Report | None:
    """The period's signed-off report, or None when it is not signed (or was re-opened)."""
    row = signed_row(period)
    if row is None:
        return None
    report = report_of(row)
    report.changed_after_sign_off = changed_records(period, row.signed_at)
    report.signed_by, report.signed_at = str(row.signed_by), row.signed_at
    return report


def reopenings(period: Period):
    """The re-openings of the period, latest first, with who signed and who re-opened."""
    return (
        Reopening.objects.filter(
            signed_report__period_first=period.first, signed_report__period_last=period.last
        )
        .select_related("signed_report__signed_by", "reopened_by")
        .order_by("-reopened_at")
    )
