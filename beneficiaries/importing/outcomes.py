"""What an import found, row by row: each row ends in exactly one `Outcome` (created, already
registered, or an error), and every error names its line, column, the value and the kind."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Outcome(StrEnum):
    CREATED = "created"  # (or "would be created" in a dry run / before the import)
    EXISTING = "existing"  # the same person is registered: identifier, name and birth agree
    ERROR = "error"


OUTCOME_LABELS = {
    Outcome.CREATED: gettext_lazy("Νέος φάκελος"),
    Outcome.EXISTING: gettext_lazy("Ήδη καταχωρισμένος"),
    Outcome.ERROR: gettext_lazy("Σφάλμα"),
}


@dataclass(frozen=True)
class RowError:
    """One problem of one cell (or of the header, or of the row as a whole)."""

    line: int  # the spreadsheet's row number
    column: str  # the column's title as the file writes it, "—" for none
    message: str  # Greek, whole
    code: str = ""  # the kind, for grouping: a validator's code or one of the import's own
    value: str = ""  # the cell as typed

    def __str__(self) -> str:
        return _("γραμμή %(line)d, στήλη %(column)s: %(message)s") % {
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class RowOutcome:
    """How one data row of the file ended."""

    line: int
    outcome: Outcome
    cells: list[object] = field(default_factory=list)  # the row as read, for the error file
    errors: list[RowError] = field(default_factory=list)
    # EXISTING: the registered person it is; ERROR: the person whose identifier it holds, if any
    existing_pk: int | None = None
    created_pk: int | None = None


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    skipped: int = 0  # already registered
    failed: int = 0  # rows with an error
    errors: list[RowError] = field(default_factory=list)  # header's and rows', in line order
    outcomes: list[RowOutcome] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    remark_columns: list[str] = field(default_factory=list)
    dry_run: bool = False
    encoding: str | None = None  # of a CSV file: "UTF-8", "Windows-1253" or "ISO-8859-7"
