"""The report of a period as it is exported: the signed-off figures when the month is signed
off (never counted again), else freshly counted ones; then, for figures that leave the Centre,
with small counts suppressed."""

from __future__ import annotations

from reporting.period import Period
from reporting.tables import Report


def report_for(period: Period, *, publication: bool = False) -> Report:
    # Imported here: figures, sign-off and publication each load their own part of the app.
    from reporting.figures import build_report
    from reporting.signoff import signed_report

    report = (signed_report(period) if period.is_month else None) or build_report(period)
    if publication:
        from reporting.publication import publish

        report = publish(report)
    return report
