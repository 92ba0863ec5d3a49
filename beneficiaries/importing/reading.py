"""The rows of a register file: CSV or XLSX bytes to (line, cells), from the header on, and a
row's cells to the text of each field under a `ColumnMapping`."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from django.utils.translation import gettext as _

from beneficiaries.importing.columns import DIGITS_WIDTH, HEADERS, header_key
from beneficiaries.importing.files import UnreadableFile, csv_rows, decode_csv, header_row


class ImportFileError(Exception):
    """The file cannot be read as a register (format, encoding, header)."""


@dataclass
class Table:
    """A register as read: its header, its data rows (line, cells) and the CSV's encoding."""

    header_line: int
    titles: list[str]
    rows: list[tuple[int, list[object]]]
    encoding: str | None  # "UTF-8", "Windows-1253", "ISO-8859-7"; None for XLSX


def read_table(path: Path) -> Table:
    path = Path(path)
    return read_bytes(path.read_bytes(), path.name)


def read_bytes(data: bytes, name: str) -> Table:
    """The table of a CSV or XLSX file's bytes (the name tells which); ImportFileError if it is
    neither, cannot be read, or is empty. Lines are numbered as a spreadsheet shows them; title
    rows above the header and rows with no value are left out."""
    suffix = Path(name).suffix.lower()
    if suffix == ".csv":
        try:
            text, encoding = decode_csv(data)
        except UnreadableFile as exc:
            raise ImportFileError(str(exc)) from exc
        rows = csv_rows(text)
    elif suffix == ".xlsx":
        rows, encoding = _read_xlsx(data), None
    else:
        raise ImportFileError(_("Υποστηρίζονται μόνο αρχεία .csv και .xlsx."))
    if not rows:
        raise ImportFileError(_("Το αρχείο είναι κενό."))
    start = header_row(rows, lambda cell: header_key(cell) in HEADERS)
    titles = [str(cell if cell is not None else "").strip() for cell in rows[start]]
    data_rows = [
        (line, list(cells))
        for line, cells in enumerate(rows[start + 1 :], start + 2)
        if any(str(cell if cell is not None else "").strip() for cell in cells)
    ]
    return Table(header_line=start + 1, titles=titles, rows=data_rows, encoding=encoding)


def _read_xlsx(data: bytes) -> list[list[object]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise ImportFileError(_("Το αρχείο XLSX δεν μπορεί να διαβαστεί.")) from exc
    try:
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def cell_text(value: object, name: str = "") -> str:
    """A cell as the text the form expects: dates as dd/mm/yyyy, numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    # A CSV loses the leading zeros as a spreadsheet does: «1018012345» is ΑΜΚΑ 01018012345.
    if name in DIGITS_WIDTH and text.isdigit() and len(text) < DIGITS_WIDTH[name]:
        return text.zfill(DIGITS_WIDTH[name])
    return text


def cell(cells: list[object], index: int) -> object:
    return cells[index] if index < len(cells) else None
