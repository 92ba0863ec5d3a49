"""The kk-report XLSX export (openpyxl): a cover sheet, then one formatted sheet per table.

Each table's sheet, named by its title (sheet_names): its Greek title, the period and the
centre, the note of what is counted; row 4 the column keys (small, grey), row 5 the Greek column
labels; then one row per row of the table: its label, the counts as numbers (a suppressed count
is the text «<5»), its key last.
Totals are bold; the header rows and the labels stay in view (frozen panes). Text cells are
neutralised against formula injection. The workbook is reproducible: its document dates are
the report's generation time and so are the dates of the files inside the archive.
"""

from __future__ import annotations

import io
import re
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from community_centre.spreadsheet_cells import neutralise
from reporting.exports.cover import cover_lines, title
from reporting.period import ATHENS
from reporting.tables import SUPPRESSED_TEXT, TOTAL, Report, Table

KEYS_ROW = 4
LABELS_ROW = 5
FIRST_ROW = 6
NUMBER_FORMAT = "#,##0"
BOLD = Font(bold=True)
TITLE_FONT = Font(bold=True, size=13)
KEY_FONT = Font(size=8, color="808080")
HEADER_FILL = PatternFill("solid", fgColor="E9ECEF")
SHEET_NAME_MAX = 31  # Excel's limit
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\']")


def render(report: Report) -> bytes:
    workbook = Workbook()
    names = sheet_names(report.tables.values())
    _cover(workbook.active, report, names)
    for name, table in zip(names, report.tables.values(), strict=True):
        _table_sheet(workbook.create_sheet(name), table, report)
    _properties(workbook, report)
    return _save(workbook, report)


def sheet_names(tables) -> list[str]:
    """One name per table: its title, at most 31 characters (a longer one cut after a whole
    word: «Αιτήσεις παροχών ανά πρόγραμμα…»), numbered where two would be the same."""
    names: list[str] = []
    for table in tables:
        name = _short(_SHEET_NAME_FORBIDDEN.sub("", table.title).strip() or table.key)
        if name in names or name == _("Στοιχεία αναφοράς"):
            name = _short(f"{len(names) + 1}. {name}")
        names.append(name)
    return names


def _short(name: str) -> str:
    if len(name) <= SHEET_NAME_MAX:
        return name
    cut = name[: SHEET_NAME_MAX - 1]
    if name[len(cut)] != " " and " " in cut:  # the cut falls inside a word: drop it
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip() + "…"


def _cover(sheet: Worksheet, report: Report, names: list[str]) -> None:
    sheet.title = _("Στοιχεία αναφοράς")[:31]
    sheet["A1"] = title()
    sheet["A1"].font = TITLE_FONT
    for offset, (label, text) in enumerate(cover_lines(report), start=3):
        sheet.cell(offset, 1, neutralise(label)).font = BOLD
        sheet.cell(offset, 2, neutralise(text))
    row = sheet.max_row + 2
    sheet.cell(row, 1, _("Πίνακες")).font = BOLD
    for number, (name, table) in enumerate(
        zip(names, report.tables.values(), strict=True), start=1
    ):
        sheet.cell(row + number, 1, neutralise(name))
        sheet.cell(row + number, 2, neutralise(table.key)).font = KEY_FONT
    _fit_widths(sheet, first_row=3)


def _table_sheet(sheet: Worksheet, table: Table, report: Report) -> None:
    sheet["A1"] = neutralise(table.title)
    sheet["A1"].font = TITLE_FONT
    sheet["A2"] = neutralise(f"{report.period.label} · {report.centre.get('name', '')}")
    if table.note:
        sheet["A3"] = neutralise(table.note)
        sheet["A3"].font = Font(italic=True)
    columns = table.columns if table.is_grid else [(None, _("Πλήθος"))]
    key_column = len(columns) + 2
    sheet.cell(LABELS_ROW, 1, _("Κατηγορία"))
    for index, (key, label) in enumerate(columns, start=2):
        if key is not None:
            sheet.cell(KEYS_ROW, index, neutralise(key)).font = KEY_FONT
        sheet.cell(LABELS_ROW, index, neutralise(label))
    sheet.cell(LABELS_ROW, key_column, _("Κωδικός"))
    for cell in sheet[LABELS_ROW]:
        cell.font, cell.fill = BOLD, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for offset, (row, label) in enumerate(table.rows):
        _figure_row(sheet, FIRST_ROW + offset, table, row, label, columns)
        sheet.cell(FIRST_ROW + offset, key_column, neutralise(row)).font = KEY_FONT
    sheet.freeze_panes = sheet.cell(FIRST_ROW, 2)
    _fit_widths(sheet, first_row=LABELS_ROW)


def _figure_row(sheet, at: int, table: Table, row: str, label: str, columns) -> None:
    bold_row = row == TOTAL
    sheet.cell(at, 1, neutralise(label)).font = BOLD if bold_row else Font()
    for index, (column, _label) in enumerate(columns, start=2):
        count = table.get(row, column)
        cell = sheet.cell(at, index, SUPPRESSED_TEXT if count is None else count)
        cell.number_format = NUMBER_FORMAT
        cell.alignment = Alignment(horizontal="right")
        if bold_row or column == TOTAL:
            cell.font = BOLD


def _fit_widths(sheet: Worksheet, *, first_row: int) -> None:
    """Each column as wide as its longest text from `first_row` on (titles may overflow)."""
    widths: dict[int, int] = {}
    for row in sheet.iter_rows(min_row=first_row):
        for cell in row:
            if cell.value is not None:
                length = len(str(cell.value)) + 2
                widths[cell.column] = max(widths.get(cell.column, 8), min(length, 60))
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = width


def _properties(workbook: Workbook, report: Report) -> None:
    stamp = report.generated_at.astimezone(ATHENS).replace(tzinfo=None)
    properties = workbook.properties
    properties.created = properties.modified = stamp
    properties.title = f"{title()} — {report.period.label}"
    properties.creator = properties.lastModifiedBy = str(report.centre.get("name", ""))


class _StampedZip(ZipFile):
    """A zip whose members all carry one date (not the time of writing)."""

    def __init__(self, file, date_time: tuple) -> None:
        super().__init__(file, "w", ZIP_DEFLATED)
        self.stamp = date_time

    def writestr(self, zinfo_or_arcname, data, *args, **kwargs) -> None:
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = ZipInfo(zinfo_or_arcname, date_time=self.stamp)
            zinfo_or_arcname.compress_type = ZIP_DEFLATED
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)

    def write(self, filename, arcname=None, *args, **kwargs) -> None:
        # openpyxl writes each sheet to a temporary file and adds it with its file date.
        with open(filename, "rb") as member:
            self.writestr(arcname or filename, member.read())


def _save(workbook: Workbook, report: Report) -> bytes:
    # openpyxl's save() stamps the workbook with the time of saving: write it ourselves.
    out = io.BytesIO()
    stamp = report.generated_at.astimezone(ATHENS).timetuple()[:6]
    with _StampedZip(out, stamp) as archive:
        ExcelWriter(workbook, archive).save()
    return out.getvalue()
