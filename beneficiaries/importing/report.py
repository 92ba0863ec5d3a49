"""The report of an import: repeated errors grouped by kind, the lines `import_beneficiaries`
prints (every row that was not created, none left out), and the error file, an XLSX of the
register's rows with the outcome and the errors beside each, that the Centre corrects and
uploads again.

- `error_groups(errors)`: one `ErrorGroup` per (column, kind), «312 γραμμές: ΑΜΚΑ με λάθος
  ψηφίο ελέγχου (στήλη Α.Μ.Κ.Α.)», the largest first;
- `report_lines(result)`: the groups, then each already registered row and each error of each
  failed row (line, column, value, message);
- `error_workbook(table, outcomes)`: the XLSX (sheet «Μητρώο»: the rows as read, each on its
  line of the original file, with «ΑΠΟΤΕΛΕΣΜΑ ΕΙΣΑΓΩΓΗΣ» and «ΣΦΑΛΜΑΤΑ ΕΙΣΑΓΩΓΗΣ» at the right;
  sheet «Σύνοψη»: the counts and the groups). Uploaded again, the two added columns are left
  out by themselves (columns.REPORT_HEADERS).
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from beneficiaries.importing.columns import (
    ERRORS_HEADER,
    RESULT_HEADER,
    ColumnMapping,
    propose_mapping,
)
from beneficiaries.importing.outcomes import (
    OUTCOME_LABELS,
    ImportResult,
    Outcome,
    RowError,
    RowOutcome,
)
from beneficiaries.importing.reading import Table, cell_text
from community_centre.spreadsheet_cells import write_text

NO_COLUMN = "—"
EXAMPLES = 3
PRINTED_RANGES = 12  # of a group's lines on its printed line; every row is listed below it

# The kind of an error whose code has one meaning whatever the value; a code not here (a date
# the form refused, "invalid", or a header's problem) is named by its message.
KIND_LABELS = {
    "required": gettext_lazy("Κενό υποχρεωτικό πεδίο"),
    "max_length": gettext_lazy("Κείμενο μεγαλύτερο από όσο χωράει το πεδίο"),
    "choice": gettext_lazy("Τιμή που δεν είναι μία από τις επιλογές"),
    "invalid_choice": gettext_lazy("Τιμή που δεν είναι μία από τις επιλογές"),
    # A 10-digit AMKA has its zero restored (reading.cell_text): what is left is really wrong.
    "amka_length": gettext_lazy("ΑΜΚΑ που δεν έχει 11 ψηφία"),
    "amka_checksum": gettext_lazy("ΑΜΚΑ με λάθος ψηφίο ελέγχου"),
    "amka_date": gettext_lazy("ΑΜΚΑ που δεν αρχίζει με πραγματική ημερομηνία"),
    "amka_birth_mismatch": gettext_lazy(
        "ΑΜΚΑ που δεν ξεκινά με την ημερομηνία γέννησης, χωρίς αιτιολόγηση"
    ),
    "afm_length": gettext_lazy("ΑΦΜ που δεν έχει 9 ψηφία"),
    "afm_checksum": gettext_lazy("ΑΦΜ με λάθος ψηφίο ελέγχου"),
    "phone": gettext_lazy("Μη έγκυρος αριθμός τηλεφώνου"),
    "phone_count": gettext_lazy("Περισσότερα τηλέφωνα σε ένα κελί από όσα χωρούν"),
    "phone_conflict": gettext_lazy("Τηλέφωνα που δεν μοιράζονται σε κινητό και σταθερό"),
    "postal_code": gettext_lazy("Τ.Κ. που δεν έχει 5 ψηφία"),
    "impossible": gettext_lazy("Ημερομηνία που δεν υπάρχει"),
    "future": gettext_lazy("Μελλοντική ημερομηνία"),
    "out_of_range": gettext_lazy("Ημερομηνία εκτός των αποδεκτών ορίων"),
    "before_birth": gettext_lazy("Ημερομηνία εγγραφής πριν από τη γέννηση"),
    "settlement": gettext_lazy("Οικισμός που δεν αναγνωρίστηκε"),
    "settlement_unknown": gettext_lazy("Άγνωστος οικισμός του Δήμου"),
    "settlement_ambiguous": gettext_lazy("Όνομα που ταιριάζει σε περισσότερους οικισμούς"),
    "mixed_script": gettext_lazy("Όνομα με ελληνικά και λατινικά γράμματα μαζί"),
    "duplicate_in_file": gettext_lazy("Τιμή που υπάρχει και σε άλλη γραμμή του αρχείου"),
    "amka_other_person": gettext_lazy("ΑΜΚΑ άλλου καταχωρισμένου ωφελούμενου"),
    "afm_other_person": gettext_lazy("ΑΦΜ άλλου καταχωρισμένου ωφελούμενου"),
    "eps_other_person": gettext_lazy("Αριθμός Ε.Π.Σ. άλλου καταχωρισμένου ωφελούμενου"),
}
GENERIC_LABEL = gettext_lazy("Μη αποδεκτή τιμή")

# Identifiers and numbers a spreadsheet would store as numbers: written as text cells.
TEXT_FIELDS = {"amka", "afm", "postal_code", "phone_mobile", "phone_other", "eps_number"}
DATE_FORMAT = "DD/MM/YYYY"
FAILED_FILL = "FDE2E2"  # the row of a failed line
ERROR_FILL = "F5A3A3"  # the cell an error is about
HEADER_FILL = "E9ECEF"
COMMENT_AUTHOR = "Εισαγωγή μητρώου"


# --- groups -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ErrorGroup:
    """The rows that have one kind of error in one column."""

    column: str
    code: str
    label: str  # Greek: the kind («ΑΜΚΑ με λάθος ψηφίο ελέγχου»)
    lines: tuple[int, ...]  # sorted, each once
    examples: tuple[str, ...]  # a few of the values as typed

    @property
    def count(self) -> int:
        return len(self.lines)

    @property
    def line_ranges(self) -> str:
        """The lines compact: «2–14, 17, 20–312»."""
        return ", ".join(compact_lines(self.lines))

    def heading(self) -> str:
        """«312 γραμμές: ΑΜΚΑ με λάθος ψηφίο ελέγχου (στήλη Α.Μ.Κ.Α.)»."""
        rows = ngettext("%(count)d γραμμή", "%(count)d γραμμές", self.count) % {"count": self.count}
        if self.column and self.column != NO_COLUMN:
            return _("%(rows)s: %(kind)s (στήλη %(column)s)") % {
                "rows": rows,
                "kind": self.label,
                "column": self.column,
            }
        return _("%(rows)s: %(kind)s") % {"rows": rows, "kind": self.label}

    def __str__(self) -> str:
        """The heading, the lines and the examples: the group's line of the printed report."""
        ranges = compact_lines(self.lines)
        if len(ranges) > PRINTED_RANGES:
            ranges = [*ranges[:PRINTED_RANGES], "…"]
        text = _("%(heading)s — %(lines_word)s %(lines)s") % {
            "heading": self.heading(),
            "lines_word": ngettext("γραμμή", "γραμμές", self.count),
            "lines": ", ".join(ranges),
        }
        if self.examples:
            text += _("· π.χ. %(examples)s") % {"examples": quoted(self.examples)}
        return text


def compact_lines(lines: list[int] | tuple[int, ...]) -> list[str]:
    """[2, 3, 4, 7, 9, 10] -> ["2–4", "7", "9–10"]."""
    pieces: list[str] = []
    numbers = sorted(set(lines))
    start = previous = None
    for number in [*numbers, None]:
        if start is not None and number == previous + 1:
            previous = number
            continue
        if start is not None:
            pieces.append(str(start) if start == previous else f"{start}–{previous}")
        start = previous = number
    return pieces


def quoted(values: tuple[str, ...] | list[str]) -> str:
    return ", ".join(f"«{value}»" for value in values)


def error_groups(errors: list[RowError]) -> list[ErrorGroup]:
    """The errors grouped by (column, code): the largest group first, then by first line, then
    in the order the errors came."""
    found: dict[tuple[str, str], list[RowError]] = {}
    for error in errors:
        found.setdefault((error.column, error.code), []).append(error)
    groups = [_group(column, code, members) for (column, code), members in found.items()]
    return sorted(groups, key=lambda group: (-group.count, group.lines[0]))  # stable


def _group(column: str, code: str, errors: list[RowError]) -> ErrorGroup:
    examples: list[str] = []
    for error in errors:
        if error.value and error.value not in examples and len(examples) < EXAMPLES:
            examples.append(error.value)
    return ErrorGroup(
        column=column,
        code=code,
        label=kind_label(code, errors),
        lines=tuple(sorted({error.line for error in errors})),
        examples=tuple(examples),
    )


def kind_label(code: str, errors: list[RowError]) -> str:
    """The Greek name of a kind: the table's for a code of one meaning, else the errors' one
    message when they all say the same, else «Μη αποδεκτή τιμή»."""
    if code in KIND_LABELS:
        return str(KIND_LABELS[code])
    messages = {error.message for error in errors}
    if len(messages) == 1:
        return next(iter(messages)).rstrip(".")
    return str(GENERIC_LABEL)


# --- the printed report -------------------------------------------------------------------------


def error_line(error: RowError) -> str:
    """«γραμμή 5, στήλη ΑΜΚΑ: Ο ΑΜΚΑ δεν είναι έγκυρος (λάθος ψηφίο ελέγχου). — τιμή «123»»."""
    if not error.value:
        return str(error)
    return _("%(error)s — τιμή «%(value)s»") % {"error": str(error), "value": error.value}


def existing_line(outcome: RowOutcome) -> str:
    if outcome.existing_pk is None:
        return _("γραμμή %(line)d: ήδη καταχωρισμένος") % {"line": outcome.line}
    return _("γραμμή %(line)d: ήδη καταχωρισμένος — φάκελος αρ. %(pk)d") % {
        "line": outcome.line,
        "pk": outcome.existing_pk,
    }


def report_lines(result: ImportResult) -> list[str]:
    """What the command prints after the counts: one line per group of errors, then each row
    that was not created, in line order — each already registered row with its case file, and
    each error of each failed row (and of the header) with its column and value."""
    lines = [str(group) for group in error_groups(result.errors)]
    listed: list[tuple[int, int, str]] = []
    in_outcomes: Counter[RowError] = Counter()
    for outcome in result.outcomes:
        if outcome.outcome == Outcome.EXISTING:
            listed.append((outcome.line, 0, existing_line(outcome)))
        for error in outcome.errors:
            in_outcomes[error] += 1
            listed.append((error.line, 1, error_line(error)))
    for error in result.errors:  # the header's, and any a row outcome does not carry
        if in_outcomes[error]:
            in_outcomes[error] -= 1
        else:
            listed.append((error.line, 1, error_line(error)))
    listed.sort(key=lambda entry: entry[:2])  # stable: a row's errors keep their order
    return lines + [text for _line, _order, text in listed]


# --- the error file -----------------------------------------------------------------------------


def error_workbook(
    table: Table, outcomes: list[RowOutcome], mapping: ColumnMapping | None = None
) -> bytes:
    """The XLSX to correct and upload again: sheet «Μητρώο» with the header and every data row
    as read, each on its line of the original file (so «γραμμή 57» of the report is row 57),
    the outcome and the errors at the right, failed rows and erroneous cells filled and each
    such cell commented; sheet «Σύνοψη» with the counts and the groups of errors.
    `mapping` tells which columns are identifiers, written as text (default: the proposal)."""
    from openpyxl import Workbook

    mapping = mapping or propose_mapping(table.titles)
    workbook = Workbook()
    _register_sheet(workbook.active, table, outcomes, mapping)
    _summary_sheet(workbook.create_sheet(_("Σύνοψη")), outcomes)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _register_sheet(sheet, table: Table, outcomes: list[RowOutcome], mapping) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet.title = _("Μητρώο")
    fields = {index: name for name, index in mapping.field_columns().items()}
    width = max([len(table.titles), *(len(cells) for _line, cells in table.rows)])
    result_column, errors_column = width + 1, width + 2
    header = table.header_line
    for index, title in enumerate([*table.titles, *[""] * (width - len(table.titles))], 1):
        write_text(sheet.cell(header, index), title)
    write_text(sheet.cell(header, result_column), str(RESULT_HEADER))
    write_text(sheet.cell(header, errors_column), str(ERRORS_HEADER))
    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    for index in range(1, errors_column + 1):
        sheet.cell(header, index).font = Font(bold=True)
        sheet.cell(header, index).fill = header_fill
    by_line = {outcome.line: outcome for outcome in outcomes}
    by_title = {}
    for index, title in enumerate(table.titles, 1):
        by_title.setdefault(title, index)
    failed = PatternFill("solid", fgColor=FAILED_FILL)
    wrong = PatternFill("solid", fgColor=ERROR_FILL)
    for line, cells in table.rows:
        for index, value in enumerate(cells, 1):
            _write_value(sheet.cell(line, index), value, fields.get(index - 1))
        outcome = by_line.get(line)
        if outcome is None:
            continue
        write_text(sheet.cell(line, result_column), str(OUTCOME_LABELS[outcome.outcome]))
        if outcome.outcome != Outcome.ERROR:
            continue
        text = "\n".join(_("%(column)s: %(message)s") % vars(e) for e in outcome.errors)
        write_text(sheet.cell(line, errors_column), text)
        sheet.cell(line, errors_column).alignment = Alignment(wrap_text=True, vertical="top")
        for index in range(1, errors_column + 1):
            sheet.cell(line, index).fill = failed
        _mark_cells(sheet, line, outcome.errors, by_title, wrong)
    sheet.freeze_panes = sheet.cell(header + 1, 1)
    last_line = max([header, *(line for line, _cells in table.rows)])
    sheet.auto_filter.ref = f"A{header}:{get_column_letter(errors_column)}{last_line}"
    for index, title in enumerate(table.titles, 1):
        sheet.column_dimensions[get_column_letter(index)].width = max(10, min(len(title) + 4, 30))
    sheet.column_dimensions[get_column_letter(result_column)].width = 22
    sheet.column_dimensions[get_column_letter(errors_column)].width = 60


def _write_value(target, value: object, field: str | None) -> None:
    """A cell as it was read: text stays text (an identifier typed as a number becomes its text,
    zeros restored), dates stay dates, numbers numbers."""
    if value is None or value == "":
        return
    if field in TEXT_FIELDS and not isinstance(value, datetime | date):
        write_text(target, cell_text(value, field))
        target.number_format = "@"
    elif isinstance(value, datetime | date):
        target.value = value
        target.number_format = DATE_FORMAT
    elif isinstance(value, bool | int | float):
        target.value = value
    else:
        write_text(target, str(value))


def _mark_cells(sheet, line: int, errors: list[RowError], by_title: dict, fill) -> None:
    from openpyxl.comments import Comment

    messages: dict[int, list[str]] = {}
    for error in errors:
        index = by_title.get(error.column)
        if index is not None:
            messages.setdefault(index, []).append(error.message)
    for index, texts in messages.items():
        target = sheet.cell(line, index)
        target.fill = fill
        target.comment = Comment("\n".join(texts), COMMENT_AUTHOR, width=300, height=90)


def _summary_sheet(sheet, outcomes: list[RowOutcome]) -> None:
    from openpyxl.styles import Alignment, Font

    counts = Counter(outcome.outcome for outcome in outcomes)
    rows = [
        (_("Γραμμές"), len(outcomes)),
        (str(OUTCOME_LABELS[Outcome.CREATED]), counts[Outcome.CREATED]),
        (str(OUTCOME_LABELS[Outcome.EXISTING]), counts[Outcome.EXISTING]),
        (str(OUTCOME_LABELS[Outcome.ERROR]), counts[Outcome.ERROR]),
    ]
    for number, (label, count) in enumerate(rows, 1):
        write_text(sheet.cell(number, 1), label)
        sheet.cell(number, 1).font = Font(bold=True)
        sheet.cell(number, 2, count)
    titles = [
        _("Γραμμές"),
        _("Είδος σφάλματος"),
        _("Στήλη"),
        _("Αριθμοί γραμμών"),
        _("Παραδείγματα"),
    ]
    first = len(rows) + 2
    for index, title in enumerate(titles, 1):
        write_text(sheet.cell(first, index), title)
        sheet.cell(first, index).font = Font(bold=True)
    errors = [error for outcome in outcomes for error in outcome.errors]
    for number, group in enumerate(error_groups(errors), first + 1):
        sheet.cell(number, 1, group.count)
        for index, text in enumerate(
            (group.label, group.column, group.line_ranges, quoted(group.examples)), 2
        ):
            write_text(sheet.cell(number, index), text)
            sheet.cell(number, index).alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDE", (10, 50, 24, 40, 40), strict=True):
        sheet.column_dimensions[letter].width = width


__all__ = [
    "ErrorGroup",
    "compact_lines",
    "error_groups",
    "error_workbook",
    "kind_label",
    "report_lines",
]
