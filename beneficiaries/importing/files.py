"""Reading a register as Greek offices export it: the bytes of a CSV in whichever encoding Greek
Excel or an old program wrote, with ',' or ';' between cells, and a title row or two above the
headers.

- Encodings: UTF-8 with or without a BOM, else Windows-1253 (Greek Excel's «CSV») or
  ISO-8859-7. The two single-byte ones agree on every Greek letter but «Ά» (0xA2 in
  Windows-1253, 0xB6 in ISO-8859-7, where Windows-1253 reads «¶»); the one that reads the file
  with fewer such misfits is chosen. `decode_csv` names what it found, for the import's report.
- The separator is the one of ';' and ',' that the first lines hold more of (Greek Excel writes
  ';', since ',' is the decimal mark).
- `header_row(rows, known)` finds the header among the first rows: the first row with at least
  two known column titles (a title such as «ΜΗΤΡΩΟ ΩΦΕΛΟΥΜΕΝΩΝ 2025» above it is skipped).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence

from django.utils.translation import gettext as _

UTF8 = "UTF-8"
ENCODINGS = {"cp1253": "Windows-1253", "iso-8859-7": "ISO-8859-7"}
# Characters that a Greek register does not hold, but that a wrong single-byte decoding makes
# of a Greek letter («¶» is ISO-8859-7's «Ά» read as Windows-1253; «’» Windows-1253's «Ά» read
# as ISO-8859-7, «΅» and «Ά» mix-ups alike).
_MISFITS = set("¶’‘΅\x81\x88\x8a\x8c\x8d\x8e\x8f\x90\x98\x9a\x9c\x9d\x9e\x9f")
HEADER_SEARCH_ROWS = 10
MIN_KNOWN_HEADERS = 2


class UnreadableFile(ValueError):
    """The bytes are no text in any encoding a Greek office uses."""


def decode_csv(data: bytes) -> tuple[str, str]:
    """(text, encoding name) of a CSV file's bytes; UnreadableFile if none fits."""
    try:
        return data.decode("utf-8-sig"), UTF8
    except UnicodeDecodeError:
        pass
    candidates = []
    for codec, name in ENCODINGS.items():
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        candidates.append((sum(text.count(char) for char in _MISFITS), text, name))
    if not candidates:
        message = _("Το αρχείο CSV δεν είναι σε UTF-8, Windows-1253 ή ISO-8859-7.")
        advice = _("Αποθηκεύστε το ως «CSV UTF-8».")
        raise UnreadableFile(f"{message} {advice}")
    _misfits, text, name = min(candidates, key=lambda candidate: candidate[0])
    return text, name


def csv_rows(text: str) -> list[list[str]]:
    """The cells of each line, split at ';' or ',' (whichever the first lines hold more of)."""
    sample = "\n".join(text.splitlines()[:HEADER_SEARCH_ROWS])
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def header_row(rows: Sequence[Sequence[object]], is_known: Callable[[object], bool]) -> int:
    """The index of the header among the first rows: the first with at least two known column
    titles; 0 (the first row) when none has, so that the header's errors name what is missing."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if sum(1 for cell in row if is_known(cell)) >= MIN_KNOWN_HEADERS:
            return index
    return 0
