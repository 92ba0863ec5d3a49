"""The kk-report CSV export, and `parse()` that reads one back into the JSON document.

Layout (docs/report_format.md): UTF-8 with a byte-order mark (so that Excel opens Greek text as
UTF-8), `\\r\\n` line ends, comma-separated, quoted where needed. First the header lines, one
`# key,value` pair each (format, format_version, centre.*, period.from, period.to,
generated_at, signed_off, publication, then any other key of the document as JSON); then the
row `table,row,column,value` and one row per figure, totals included, in the order of the
tables and their rows: `column` is empty for a list of counts, `value` is the integer or
`<5`. A table without rows (no categories yet) is one row `table,,,`, a grid's row without
columns `table,row,,`, so that nothing of the document is lost. Every text cell is neutralised
against formula injection (cells.neutralise).
"""

from __future__ import annotations

import csv
import io
import json

from django.utils.translation import gettext as _

from community_centre.spreadsheet_cells import neutralise, restore
from reporting.tables import FORMAT, SUPPRESSED_TEXT, Report

BOM = "\ufeff"
HEADER = ["table", "row", "column", "value"]
MARK = "# "
_PLAIN = ("format", "format_version", "generated_at", "signed_off", "publication")


class CsvFormatError(ValueError):
    """The file is not a kk-report CSV export; the message says why, in Greek."""


def render(report: Report) -> bytes:
    document = report.to_json_dict()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for key, value in _header_lines(document):
        writer.writerow([MARK + key, neutralise(value)])
    writer.writerow(HEADER)
    for table, values in document["tables"].items():
        if not values:
            writer.writerow([neutralise(table), "", "", ""])
        for row, value in values.items():
            if value == {}:
                writer.writerow([neutralise(table), neutralise(row), "", ""])
            cells = value.items() if isinstance(value, dict) else [("", value)]
            for column, count in cells:
                writer.writerow([neutralise(table), neutralise(row), neutralise(column), count])
    return (BOM + out.getvalue()).encode()


def _header_lines(document: dict):
    for key, value in document.items():
        if key in _PLAIN:
            yield key, _text(value)
        elif key in ("centre", "period"):
            for inner, text in value.items():
                yield f"{key}.{inner}", _text(text)
        elif key != "tables":
            yield key, json.dumps(value, ensure_ascii=False)


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def parse(content: bytes) -> dict:
    """The kk-report document (as `Report.to_json_dict()`) a CSV export holds."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsvFormatError(_("Το αρχείο δεν είναι κείμενο UTF-8.")) from None
    rows = csv.reader(io.StringIO(text, newline=""))
    document: dict = {}
    for cells in rows:
        if cells == HEADER:
            break
        if len(cells) != 2 or not cells[0].startswith(MARK):
            raise CsvFormatError(_("Το αρχείο δεν είναι εξαγωγή αναφοράς kk-report σε CSV."))
        _read_header(document, cells[0][len(MARK) :], restore(cells[1]))
    if document.get("format") != FORMAT:
        raise CsvFormatError(_("Το αρχείο δεν είναι εξαγωγή αναφοράς kk-report σε CSV."))
    document["tables"] = _read_figures(rows)
    return _in_json_order(document)


def _read_header(document: dict, key: str, value: str) -> None:
    if key == "format_version":
        document[key] = int(value) if value.isdigit() else value
    elif key in ("signed_off", "publication"):
        document[key] = value == "true"
    elif key in _PLAIN:
        document[key] = value
    elif key.startswith(("centre.", "period.")):
        outer, inner = key.split(".", 1)
        document.setdefault(outer, {})[inner] = value
    else:
        try:
            document[key] = json.loads(value)
        except ValueError:
            raise CsvFormatError(_("Η γραμμή «%(key)s» δεν είναι έγκυρη.") % {"key": key}) from None


def _read_figures(rows) -> dict:
    tables: dict = {}
    for number, cells in enumerate(rows, start=1):
        if len(cells) != 4:
            raise CsvFormatError(_("Η γραμμή %(n)d των αριθμών δεν έχει 4 στήλες.") % {"n": number})
        table, row, column = (restore(cell) for cell in cells[:3])
        values = tables.setdefault(table, {})
        if cells[3] == "" and not column:  # an empty table, or a grid's row without columns
            if row:
                values[row] = {}
            continue
        value = _count(cells[3], number)
        if column:
            values.setdefault(row, {})[column] = value
        else:
            values[row] = value
    return tables


def _count(cell: str, number: int) -> int | str:
    if cell == SUPPRESSED_TEXT:
        return cell
    if not cell.isdigit():
        raise CsvFormatError(_("Η γραμμή %(n)d των αριθμών δεν έχει αριθμό.") % {"n": number})
    return int(cell)


def _in_json_order(document: dict) -> dict:
    first = ("format", "format_version", "centre", "period", "generated_at", "signed_off",
             "publication", "tables")  # fmt: skip
    ordered = {key: document[key] for key in first if key in document}
    ordered.update((key, value) for key, value in document.items() if key not in ordered)
    return ordered
