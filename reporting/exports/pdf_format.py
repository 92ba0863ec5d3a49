"""The kk-report PDF (WeasyPrint, A4, the Centre's letterhead): the report's particulars, then
every table with its Greek labels and totals; participants by gender and by age and requests by
category are also drawn as bar charts (pygal SVG, inline, drawn on the server)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString

from community_centre.models import CentreProfile
from community_centre.pdf import render_pdf
from reporting.charts import bar_chart
from reporting.exports.cover import changed_text, cover_lines, title
from reporting.tables import SUPPRESSED_TEXT, TOTAL, Report, Table, display

TEMPLATE = "reporting/pdf/report.html"
# Tables drawn as a chart below their figures: key → horizontal bars (long labels).
CHARTS = {
    "participants_by_gender": False,
    "participants_by_age": False,
    "requests_by_category": True,
}


@dataclass
class PrintedRow:
    label: str
    cells: list[str]
    is_total: bool


@dataclass
class PrintedTable:
    table: Table
    headings: list[str]
    rows: list[PrintedRow]
    total_column: int | None  # index of the "total" column, bold
    chart: SafeString | None

    @property
    def width(self) -> int:
        """Columns printed: the labels, then the counts (one for a list)."""
        return 1 + len(self.headings)


def render(report: Report) -> bytes:
    context = {
        "centre": CentreProfile.current(),
        "title": title(),
        "report": report,
        "lines": cover_lines(report, changes=False),
        "changed": changed_text(report),
        "tables": [printed(table) for table in report.tables.values()],
    }
    return render_pdf(TEMPLATE, context)


def printed(table: Table) -> PrintedTable:
    columns = table.columns if table.is_grid else [(None, "")]
    rows = [
        PrintedRow(label, [display(table.get(row, column)) for column, _ in columns], row == TOTAL)
        for row, label in table.rows
    ]
    keys = [column for column, _label in columns]
    return PrintedTable(
        table=table,
        headings=[label for _key, label in table.columns or []] if table.is_grid else [""],
        rows=rows,
        total_column=keys.index(TOTAL) if TOTAL in keys else None,
        chart=_chart(table),
    )


def _chart(table: Table) -> SafeString | None:
    if table.key not in CHARTS or table.is_grid:
        return None
    # A hidden count draws no bar: its label says so, as the table does.
    shown = [
        (label if table.get(row) is not None else f"{label} ({SUPPRESSED_TEXT})", table.get(row))
        for row, label in table.rows
        if row != TOTAL
    ]
    horizontal = CHARTS[table.key]
    if horizontal:
        shown.reverse()  # pygal draws the first bar at the bottom; read from the top
    height = max(180, 30 * len(shown) + 70) if horizontal else 230
    return bar_chart(
        "",  # the table's heading is right above
        [label for label, _count in shown],
        [(table.title, [count for _label, count in shown])],
        horizontal=horizontal,
        height=height,
    )
