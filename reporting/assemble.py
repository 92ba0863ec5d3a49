"""The report of a period as it is exported: the signed-off figures when the month is signed
off (never counted again), else freshly counted ones; then, for figures that leave the Centre,
with small counts suppressed."""

from __future__ import annotations

from dataclasses import replace

from reporting.period import Period
from reporting.tables import Report


def report_for(period: Period, *, publication: bool = False) -> Report:
    # Imported here: figures, sign-off and publication each load their own part of the app.
    from reporting.figures import build_report

    report = (_signed(period) if period.is_month else None) or build_report(period)
    if publication:
        from reporting.publication import publish

        report = publish(report)
    return report


def _signed(period: Period) -> Report | None:
    """The month's signed report, with who signed it and when (for the exports' particulars)."""
    from reporting.signoff import signed_report, signed_row

    report = signed_report(period)
    if report is None:
        return None
    row = signed_row(period)
    return replace(report, signed_by=str(row.signed_by), signed_at=row.signed_at)
