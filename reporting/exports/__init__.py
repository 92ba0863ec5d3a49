"""A report exported as bytes, in the four formats of docs/report_format.md.

`render(report, fmt)` for fmt in FORMATS; every format carries exactly the figures of
`report.to_json_dict()`, and the same report always gives the same bytes. An export is the
Centre's document: it is written in the site's language (Greek) whatever the reader's —
`in_report_language()` around counting and rendering.
"""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.utils import translation

from reporting.tables import Report

FORMATS = ("json", "csv", "xlsx", "pdf")
CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def in_report_language() -> translation.override:
    """The language exports are written in (settings.LANGUAGE_CODE), as a context manager."""
    return translation.override(settings.LANGUAGE_CODE)


def render(report: Report, fmt: str) -> bytes:
    """The report in format `fmt` ("json", "csv", "xlsx" or "pdf"); ValueError otherwise."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    # Imported on use: the PDF renderer loads WeasyPrint, which the other formats do not need.
    with in_report_language():
        return import_module(f"reporting.exports.{fmt}_format").render(report)


def filename(report: Report, fmt: str) -> str:
    """«kk-report-2026-04.csv», «kk-report-2026-04-01_2026-04-15-publication.pdf»."""
    period = report.period
    span = period.month_key or f"{period.first.isoformat()}_{period.last.isoformat()}"
    mark = "-publication" if report.publication else ""
    return f"kk-report-{span}{mark}.{fmt}"
