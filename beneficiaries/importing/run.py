"""Import of an existing register of beneficiaries from a CSV or XLSX file.

The file is checked whole before anything is written: every row goes through the intake rules
(`BeneficiaryForm`: identifiers, dates, phones …), and AMKA/ΑΦΜ repeated inside the file are
errors. If any row is wrong nothing is imported. People already registered — same AMKA, else
same ΑΦΜ, else same name (normalised) and date of birth — are skipped, so importing the same
file twice creates no duplicates. Columns are documented in docs/import_format.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from beneficiaries.forms import BeneficiaryForm
from beneficiaries.importing.columns import ColumnMapping, propose_mapping
from beneficiaries.importing.outcomes import ImportResult, Outcome, RowError, RowOutcome
from beneficiaries.importing.reading import Table, cell, cell_text, read_table
from beneficiaries.importing.values import RowConverter
from beneficiaries.models import Beneficiary
from beneficiaries.normalize import name_key
from beneficiaries.validators import normalize_afm, normalize_amka

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class Row:
    """One data row: its line in the file and its values by field name."""

    line: int
    values: dict[str, str]
    cells: list[object] = field(default_factory=list)
    form: BeneficiaryForm | None = None
    # Normalised name, date of birth, AMKA and ΑΦΜ: what tells who the person is.
    identity: dict = field(default_factory=dict)
    existing_pk: int | None = None


def parse_rows(table: Table, mapping: ColumnMapping, result: ImportResult) -> list[Row]:
    """The rows' values by field under `mapping`; [] with the header's errors in `result` when
    the mapping cannot import (a required field missing, a field twice, a column undecided)."""
    for _index, title, message in mapping.problems():
        result.errors.append(RowError(table.header_line, title, message, code="header"))
    if result.errors:
        return []
    columns = mapping.field_columns()
    result.ignored_columns = [
        title
        for title, target in zip(mapping.titles, mapping.targets, strict=True)
        if title and target == "ignore"
    ]
    result.remark_columns = [mapping.titles[index] for index in mapping.remark_columns()]
    return [
        Row(
            line=line,
            values={name: cell_text(cell(cells, index), name) for name, index in columns.items()},
            cells=cells,
        )
        for line, cells in table.rows
    ]


# --- the import ----------------------------------------------------------------------------------


class RegisterImport:
    """One run over one file: validate every row, match existing people, then write."""

    def __init__(
        self,
        path: Path,
        *,
        dry_run: bool,
        progress: Progress | None,
        mapping: dict | None = None,
    ) -> None:
        self.path = Path(path)
        self.mapping_document = mapping
        self.result = ImportResult(dry_run=dry_run)
        self.progress = progress or (lambda stage, done, total: None)
        self.titles: dict[str, str] = {}

    def run(self) -> ImportResult:
        table = read_table(self.path)
        self.result.encoding = table.encoding
        if self.mapping_document is None:
            mapping = propose_mapping(table.titles)
        else:
            mapping = ColumnMapping.from_json(self.mapping_document, table.titles)
        rows = parse_rows(table, mapping, self.result)
        self.settlement_choices = mapping.settlements
        fields = mapping.field_columns().items()
        self.titles = {name: mapping.titles[index] for name, index in fields}
        self.result.rows = len(rows)
        if self.result.errors:
            return self.result
        self.validate(rows)
        if not self.result.errors:
            self.match_existing(rows)
        self.result.errors.sort(key=lambda e: e.line)
        self.result.outcomes = self.outcomes(rows)
        if self.result.errors:
            return self.result
        new_rows = [row for row in rows if row.existing_pk is None]
        self.result.skipped = len(rows) - len(new_rows)
        self.result.created = len(new_rows)
        if not self.result.dry_run:
            self.write(new_rows)
        return self.result

    def outcomes(self, rows: list[Row]) -> list[RowOutcome]:
        by_line: dict[int, list[RowError]] = {}
        for error in self.result.errors:
            by_line.setdefault(error.line, []).append(error)
        found = []
        for row in rows:
            errors = by_line.get(row.line, [])
            if errors:
                outcome = Outcome.ERROR
            elif row.existing_pk is not None:
                outcome = Outcome.EXISTING
            else:
                outcome = Outcome.CREATED
            found.append(RowOutcome(row.line, outcome, row.cells, errors, row.existing_pk))
        self.result.failed = sum(1 for o in found if o.outcome == Outcome.ERROR)
        return found

    def column(self, name: str) -> str:
        if name in ("amka_mismatch_reason", "__all__") and name not in self.titles:
            name = "amka"
        return self.titles.get(name, "—")

    def error(self, row: Row, name: str, message: str, code: str = "") -> None:
        value = row.values.get(name, "")
        self.result.errors.append(RowError(row.line, self.column(name), message, code, value))

    def validate(self, rows: list[Row]) -> None:
        converter = RowConverter(settlement_choices=self.settlement_choices)
        first_line: dict[tuple[str, str], int] = {}
        for done, row in enumerate(rows, 1):
            data, errors = converter.form_data(row.values)
            row.form = BeneficiaryForm(data=data)
            row.form.is_valid()
            for name, (message, code) in errors.items():
                self.error(row, name, message, code)
            self._form_errors(row, skip=set(errors))
            row.identity = self._identity(row)
            self._file_duplicates(row, first_line)
            self.progress("validate", done, len(rows))

    def _form_errors(self, row: Row, *, skip: set[str]) -> None:
        for name, errors in row.form.errors.as_data().items():
            if name in skip:
                continue
            for error in errors:
                # An AMKA/ΑΦΜ already registered means "same person": match_existing decides.
                if error.code == "unique":
                    continue
                self.error(row, name, " ".join(error.messages), error.code or "invalid")

    @staticmethod
    def _identity(row: Row) -> dict:
        """The identifying values; a field whose only error is "already registered" counts."""
        cleaned, errors = row.form.cleaned_data, row.form.errors.as_data()
        identity = {k: cleaned.get(k) for k in ("surname", "given_name", "date_of_birth")}
        normalise = {"amka": normalize_amka, "afm": normalize_afm}
        for name, normalised in normalise.items():
            if all(error.code == "unique" for error in errors.get(name, [])):
                identity[name] = normalised(row.values[name]) if row.values.get(name) else None
        return identity

    def _file_duplicates(self, row: Row, first_line: dict[tuple[str, str], int]) -> None:
        for name in ("amka", "afm"):
            value = row.identity.get(name)
            if not value:
                continue
            earlier = first_line.setdefault((name, value), row.line)
            if earlier != row.line:
                message = _("Η ίδια τιμή υπάρχει και στη γραμμή %(line)d του αρχείου.")
                self.error(row, name, message % {"line": earlier})

    def match_existing(self, rows: list[Row]) -> None:
        """Point each row at the person it already is: same AMKA, else ΑΦΜ, else name and birth."""
        data = [row.identity for row in rows]
        by_amka = _existing("amka", {d["amka"] for d in data if d.get("amka")})
        by_afm = _existing("afm", {d["afm"] for d in data if d.get("afm")})
        by_name = _existing_by_name(data)
        for row, d in zip(rows, data, strict=True):
            amka_match, afm_match = by_amka.get(d.get("amka")), by_afm.get(d.get("afm"))
            if amka_match and afm_match and amka_match[0] != afm_match[0]:
                message = _("Ο ΑΦΜ ανήκει σε άλλον ωφελούμενο από αυτόν με τον ίδιο ΑΜΚΑ.")
                self.error(row, "afm", message)
            elif not amka_match and afm_match and d.get("amka") and afm_match[1]:
                message = _("Ο ΑΦΜ ανήκει σε ωφελούμενο που έχει άλλον ΑΜΚΑ.")
                self.error(row, "amka", message)
            match = amka_match or afm_match or _same_name(by_name, d)
            row.existing_pk = match[0] if match else None

    @transaction.atomic
    def write(self, rows: list[Row]) -> None:
        for done, row in enumerate(rows, 1):
            person = row.form.save(commit=False)
            person.created_by = None
            person.save()
            self.progress("write", done, len(rows))


def _existing(name: str, values: set[str]) -> dict[str, tuple[int, str | None]]:
    """{value: (pk, amka)} of registered people whose `name` is one of `values`."""
    found = {}
    values = sorted(values)
    for start in range(0, len(values), 5000):
        chunk = values[start : start + 5000]
        query = Beneficiary.objects.filter(**{f"{name}__in": chunk})
        found.update({v: (pk, amka) for v, pk, amka in query.values_list(name, "pk", "amka")})
    return found


Candidate = tuple[int, str | None, str | None]  # pk, AMKA, ΑΦΜ


def _existing_by_name(data: list[dict]) -> dict[tuple[str, date], list[Candidate]]:
    """Registered people by (name key, date of birth), for the names and births in `data`."""
    wanted = {(name_key(d["surname"], d["given_name"]), d["date_of_birth"]) for d in data}
    query = Beneficiary.objects.filter(
        search_key__in={key for key, _born in wanted},
        date_of_birth__in={born for _key, born in wanted},
    ).order_by("pk")
    found: dict[tuple[str, date], list[Candidate]] = {}
    for key, born, *candidate in query.values_list(
        "search_key", "date_of_birth", "pk", "amka", "afm"
    ):
        found.setdefault((key, born), []).append(tuple(candidate))
    return found


def _same_name(by_name: dict, row: dict) -> Candidate | None:
    """The first registered namesake born the same day whose identifiers do not contradict."""
    key = (name_key(row["surname"], row["given_name"]), row["date_of_birth"])
    for pk, amka, afm in by_name.get(key, []):
        if (not row.get("amka") or not amka) and (not row.get("afm") or not afm):
            return (pk, amka, afm)
    return None


def import_beneficiaries(
    path: Path | str,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    mapping: dict | None = None,
) -> ImportResult:
    """Validate the whole file; when every row is valid, create the people not yet registered.
    `mapping` is a `--mapping` document (ColumnMapping.to_json()); None takes the proposal."""
    return RegisterImport(Path(path), dry_run=dry_run, progress=progress, mapping=mapping).run()
