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

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext as _

from beneficiaries.choices import NoteKind
from beneficiaries.forms import BeneficiaryForm
from beneficiaries.importing.columns import REQUIRED, ColumnMapping, propose_mapping
from beneficiaries.importing.outcomes import ImportResult, Outcome, RowError, RowOutcome
from beneficiaries.importing.reading import Table, cell, cell_text, read_table
from beneficiaries.importing.values import RowConverter
from beneficiaries.models import Beneficiary, CaseNote
from beneficiaries.normalize import name_key
from community_centre.bulk_copy import copy_insert
from community_centre.models import Settlement

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class Row:
    """One data row: its line in the file and its values by field name."""

    line: int
    values: dict[str, str]
    cells: list[object] = field(default_factory=list)
    form: Checked | None = None
    # Normalised name, date of birth, AMKA and ΑΦΜ: what tells who the person is.
    identity: dict = field(default_factory=dict)
    existing_pk: int | None = None
    other_pk: int | None = None  # the person whose identifier an erroneous row holds
    has_error: bool = False


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


class ImportForm(BeneficiaryForm):
    """The case-file form without a query: identifiers are checked for the whole file at once
    (match_existing), and the settlement is looked up in a dict loaded once."""

    # Always checked, whatever the file holds: the required fields and what `clean` compares.
    ALWAYS = frozenset({*REQUIRED, "amka", "amka_mismatch_reason", "registered_on"})

    def __init__(
        self, *args, settlements: dict[int, Settlement], mapped: set[str] | None = None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["settlement"] = SettlementPkField(settlements, required=False)
        if mapped is not None:
            # A field the file has no column for keeps the model's default: checking its
            # default 5,000 times (form and model) was half of the validation's time.
            for name in set(self.fields) - self.ALWAYS - set(mapped):
                del self.fields[name]
        # Django 5.2's ModelForm._post_clean calls full_clean(validate_unique=False), which
        # still runs validate_constraints: one query per UniqueConstraint and row.
        self.instance.validate_constraints = _no_constraints

    def check(self, data: dict) -> Checked:
        """This one form checks each row in turn: a form per row would deep-copy its 33
        fields every time (a third of the validation's time)."""
        self.data, self._errors, self.amka_mismatch = data, None, False
        self.instance = Beneficiary()
        self.instance.validate_constraints = _no_constraints
        self.is_valid()
        return Checked(self.cleaned_data, self.errors, self.instance)

    def clean(self) -> dict:
        data = super().clean()
        # `clean` resets the disability's percentage; a field left out keeps its default.
        return {name: value for name, value in data.items() if name in self.fields}

    def validate_unique(self) -> None:
        """Unique AMKA/ΑΦΜ: match_existing decides, with one query for the whole file. The
        model's CheckConstraints (closed file's reason, disability percentage) concern fields
        an import never sets."""

    def validate_constraints(self) -> None:
        pass

    def _get_validation_exclusions(self):
        # The settlement was found in the dict: the model's ForeignKey.validate would query it.
        return {*super()._get_validation_exclusions(), "settlement"}


@dataclass
class Checked:
    """What the form found for one row: its cleaned values, errors and unsaved person."""

    cleaned_data: dict
    errors: forms.utils.ErrorDict
    instance: Beneficiary

    def save(self, commit: bool = False) -> Beneficiary:
        return self.instance


def _no_constraints(exclude=None) -> None:
    """The unique constraints are checked for the whole file (match_existing); the check
    constraints concern a closed file and the disability percentage, which no import sets."""


class SettlementPkField(forms.Field):
    def __init__(self, settlements: dict[int, Settlement], **kwargs) -> None:
        super().__init__(**kwargs)
        self.settlements = settlements

    def to_python(self, value) -> Settlement | None:
        if value in self.empty_values:
            return None
        try:
            return self.settlements[int(value)]
        except (KeyError, TypeError, ValueError) as exc:
            message = _("Δεν βρέθηκε οικισμός «%(value)s» του Δήμου.") % {"value": value}
            raise forms.ValidationError(message, code="settlement") from exc


Existing = dict  # pk, surname, given_name, date_of_birth, search_key, amka, afm, eps


class RegisterImport:
    """One run over one table: validate every row, match existing people, then write."""

    def __init__(
        self,
        table: Table,
        mapping: ColumnMapping,
        *,
        dry_run: bool,
        progress: Progress | None,
        valid_only: bool = False,
    ) -> None:
        self.table = table
        self.mapping = mapping
        self.valid_only = valid_only
        self.result = ImportResult(dry_run=dry_run, encoding=table.encoding)
        self.progress = progress or (lambda stage, done, total: None)
        self.titles: dict[str, str] = {}
        self.rows: list[Row] = []

    def check(self) -> ImportResult:
        """Validate and match every row; outcomes and counts as the import would end."""
        rows = self.rows = parse_rows(self.table, self.mapping, self.result)
        fields = self.mapping.field_columns().items()
        self.titles = {name: self.mapping.titles[index] for name, index in fields}
        self.result.rows = len(rows)
        if self.result.errors:
            return self.result
        self.validate(rows)
        self.match_existing(rows)
        self.result.errors.sort(key=lambda e: e.line)
        self.result.outcomes = self.outcomes(rows)
        new = self.new_rows()
        self.result.skipped = sum(1 for o in self.result.outcomes if o.outcome == Outcome.EXISTING)
        self.result.created = len(new) if self.writes() or self.result.dry_run else 0
        return self.result

    def writes(self) -> bool:
        """All or nothing, unless only the valid rows were asked for."""
        return not self.result.errors or (self.valid_only and bool(self.result.outcomes))

    def new_rows(self) -> list[Row]:
        created = {o.line for o in self.result.outcomes if o.outcome == Outcome.CREATED}
        return [row for row in self.rows if row.line in created]

    def run(self) -> ImportResult:
        self.check()
        if not self.result.dry_run and self.writes():
            self.write(self.new_rows(), author=None, run=None)
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
            pk = row.other_pk if errors else row.existing_pk
            found.append(RowOutcome(row.line, outcome, row.cells, errors, pk))
        self.result.failed = sum(1 for o in found if o.outcome == Outcome.ERROR)
        return found

    def field_shown(self, name: str) -> str:
        """The field whose column an error is shown under: an AMKA that disagrees with the
        birth date, with no column for a reason, is the AMKA's."""
        if name in ("amka_mismatch_reason", "__all__") and name not in self.titles:
            return "amka"
        return name

    def column(self, name: str) -> str:
        return self.titles.get(self.field_shown(name), "—")

    def error(self, row: Row, name: str, message: str, code: str = "") -> None:
        value = row.values.get(self.field_shown(name), "")
        self.result.errors.append(RowError(row.line, self.column(name), message, code, value))
        row.has_error = True

    def validate(self, rows: list[Row]) -> None:
        """The form's field rules row by row, without a query."""
        converter = RowConverter(settlement_choices=self.mapping.settlements)
        settlements = {s.pk: s for s in Settlement.objects.all()}
        first_line: dict[tuple[str, str], int] = {}
        mapped = set(self.mapping.field_columns())
        if mapped & PHONES:  # a mobile under «ΤΗΛΕΦΩΝΟ» is stored as the mobile
            mapped |= PHONES
        form = ImportForm(data={}, settlements=settlements, mapped=mapped)
        for done, row in enumerate(rows, 1):
            data, errors = converter.form_data(row.values)
            row.form = form.check(data)
            for name, (message, code) in errors.items():
                self.error(row, name, message, code)
            self._form_errors(row, skip=set(errors))
            row.identity = self._identity(row)
            self._file_duplicates(row, first_line)
            if done % PROGRESS_EVERY == 0 or done == len(rows):
                self.progress("validate", done, len(rows))

    def _form_errors(self, row: Row, *, skip: set[str]) -> None:
        for name, errors in row.form.errors.as_data().items():
            if name in skip:
                continue
            for error in errors:
                self.error(row, name, " ".join(error.messages), error.code or "invalid")

    @staticmethod
    def _identity(row: Row) -> dict:
        cleaned = row.form.cleaned_data
        identity = {k: cleaned.get(k) for k in ("surname", "given_name", "date_of_birth")}
        identity["amka"] = cleaned.get("amka") or None
        identity["afm"] = cleaned.get("afm") or None
        identity["eps"] = (cleaned.get("eps_number") or "").strip().upper() or None
        if identity["surname"] and identity["given_name"]:
            identity["key"] = name_key(identity["surname"], identity["given_name"])
        else:
            identity["key"] = None
        return identity

    def _file_duplicates(self, row: Row, first_line: dict[tuple[str, str], int]) -> None:
        for name, column in (("amka", "amka"), ("afm", "afm"), ("eps", "eps_number")):
            value = row.identity.get(name)
            if not value:
                continue
            earlier = first_line.setdefault((name, value), row.line)
            if earlier != row.line:
                message = _("Η ίδια τιμή υπάρχει και στη γραμμή %(line)d του αρχείου.")
                self.error(row, column, message % {"line": earlier}, "duplicate_in_file")

    def match_existing(self, rows: list[Row]) -> None:
        """Each row's registered person, in four queries for the whole file: the same person
        when the identifier that matches (AMKA, else ΑΦΜ, else Ε.Π.Σ.) and the name and the
        date of birth agree; an identifier of somebody else is an error naming that file."""
        data = [row.identity for row in rows]
        by_amka = _existing("amka", {d["amka"] for d in data if d.get("amka")})
        by_afm = _existing("afm", {d["afm"] for d in data if d.get("afm")})
        by_eps = _existing("eps", {d["eps"] for d in data if d.get("eps")})
        by_name = _existing_by_name([d for d in data if d.get("key") and d["date_of_birth"]])
        for row in rows:
            if row.form is not None and not row.form.cleaned_data.get("date_of_birth"):
                continue
            self._match(row, by_amka, by_afm, by_eps, by_name)

    def _match(self, row: Row, by_amka, by_afm, by_eps, by_name) -> None:
        d = row.identity
        found = {
            "amka": by_amka.get(d.get("amka")),
            "afm": by_afm.get(d.get("afm")),
            "eps": by_eps.get(d.get("eps")),
        }
        amka, afm = found["amka"], found["afm"]
        if amka and afm and amka["pk"] != afm["pk"]:
            message = _("Ο ΑΦΜ ανήκει σε άλλον ωφελούμενο από αυτόν με τον ίδιο ΑΜΚΑ.")
            self.error(row, "afm", message, "amka_afm_two_people")
            row.existing_pk = None
            row.other_pk = amka["pk"]
            return
        for name in ("amka", "afm", "eps"):
            person = found[name]
            if person is None:
                continue
            if not _same_person(person, d):
                self._other_person(row, name, person)
                return
            if name != "amka" and d.get("amka") and person["amka"] and person["amka"] != d["amka"]:
                message = _("Ο ΑΦΜ ανήκει σε ωφελούμενο που έχει άλλον ΑΜΚΑ.")
                self.error(row, "amka", message, "afm_other_amka")
                row.other_pk = person["pk"]
                return
            row.existing_pk = person["pk"]
            return
        match = _same_name(by_name, d)
        row.existing_pk = match["pk"] if match else None

    def _other_person(self, row: Row, name: str, person: Existing) -> None:
        messages = {
            "amka": _(
                "Ο ΑΜΚΑ ανήκει ήδη σε άλλον ωφελούμενο: φάκελος αρ. %(pk)d, %(name)s, %(born)s."
            ),
            "afm": _(
                "Ο ΑΦΜ ανήκει ήδη σε άλλον ωφελούμενο: φάκελος αρ. %(pk)d, %(name)s, %(born)s."
            ),
            "eps": _(
                "Ο αριθμός Ε.Π.Σ. ανήκει ήδη σε άλλον ωφελούμενο: φάκελος αρ. %(pk)d, %(name)s, "
                "%(born)s."
            ),
        }
        values = {
            "pk": person["pk"],
            "name": f"{person['surname']} {person['given_name']}",
            "born": f"{person['date_of_birth']:%d/%m/%Y}",
        }
        column = "eps_number" if name == "eps" else name
        self.error(row, column, messages[name] % values, f"{name}_other_person")
        row.other_pk = person["pk"]

    def write(self, rows: list[Row], *, author, run, progress_to=None) -> None:
        """Bulk-create the people, their remark notes and their audit entries, in one
        transaction, in batches; `progress_to(done, total)` after each batch."""
        with transaction.atomic():
            people = self._people(rows, run)
            for start in range(0, len(people), BATCH):
                copy_insert(people[start : start + BATCH])
                if progress_to:
                    progress_to(min(start + BATCH, len(people)), len(people))
            by_line = {row.line: person for row, person in zip(rows, people, strict=True)}
            for outcome in self.result.outcomes:
                if outcome.line in by_line:
                    outcome.created_pk = by_line[outcome.line].pk
            notes = self._remark_notes(rows, people, author)
            copy_insert(notes)
            name = run.file_name if run else self.table_name
            _audit_entries(people, notes, author=author, run=run, file_name=name)
        self.result.created = len(people)

    table_name = ""

    def _people(self, rows: list[Row], run) -> list[Beneficiary]:
        people = []
        for row in rows:
            person = row.form.save(commit=False)
            person.created_by = run.created_by if run else None
            person.register_import = run
            person.fill_search_fields()
            people.append(person)
        return people

    def remark_text(self, row: Row) -> str:
        """«Παρατηρήσεις μητρώου (αρχείο X):» then «ΣΤΗΛΗ: τιμή» lines; "" with none."""
        lines = []
        for index in self.mapping.remark_columns():
            value = cell_text(cell(row.cells, index))
            if value:
                lines.append(f"{self.mapping.titles[index]}: {value}")
        if not lines:
            return ""
        heading = _("Παρατηρήσεις μητρώου (αρχείο %(file)s):") % {"file": self.table_name}
        return "\n".join([heading, *lines])

    def _remark_notes(self, rows: list[Row], people: list[Beneficiary], author) -> list[CaseNote]:
        notes = []
        for row, person in zip(rows, people, strict=True):
            text = self.remark_text(row)
            if text and author is None:
                raise ValueError("remark notes need an author")  # run_import refuses first
            if text:
                # The day of the register, not today: the monthly report counts notes as served.
                notes.append(
                    CaseNote(
                        beneficiary=person,
                        occurred_on=person.registered_on,
                        kind=NoteKind.OTHER,
                        text=text,
                        author=author,
                    )
                )
        return notes

    def has_remarks(self) -> bool:
        return any(self.remark_text(row) for row in self.new_rows())


def _created_changes(record, fields_of: dict[type, list]) -> dict:
    """auditlog's changes of a creation: every field with a value, from "None" (auditlog's
    own diff, per record, costs more than the insert)."""
    model = type(record)
    if model not in fields_of:
        excluded = set(auditlog.get_model_fields(model).get("exclude_fields") or ())
        fields_of[model] = [f for f in model._meta.concrete_fields if f.name not in excluded]
    changes = {}
    for model_field in fields_of[model]:
        value = getattr(record, model_field.attname)
        if value is None or value == "":
            continue
        changes[model_field.name] = ["None", str(value)]
    return changes


def _audit_entries(people, notes, *, author, run, file_name: str) -> None:
    """auditlog's CREATE entries for what bulk_create wrote (it skips auditlog's signals)."""
    entries = []
    now = timezone.now()
    fields_of: dict[type, list] = {}
    for record in [*people, *notes]:
        person_pk = record.pk if isinstance(record, Beneficiary) else record.beneficiary_id
        changes = _created_changes(record, fields_of)
        entries.append(
            LogEntry(
                content_type=ContentType.objects.get_for_model(record),
                object_pk=str(record.pk),
                object_id=record.pk,
                object_repr=str(record)[:1000],
                action=LogEntry.Action.CREATE,
                changes=changes,
                changes_text="",
                actor=author,
                timestamp=now,
                additional_data={
                    "beneficiary_id": person_pk,
                    "register_import": run.pk if run else None,
                    "file": file_name,
                },
            )
        )
    copy_insert(entries, with_ids=False)


PHONES = {"phone_mobile", "phone_other"}
PROGRESS_EVERY = 200
BATCH = 500


def _same_person(person: Existing, identity: dict) -> bool:
    return person["search_key"] == identity.get("key") and (
        person["date_of_birth"] == identity.get("date_of_birth")
    )


_FIELDS = ("pk", "surname", "given_name", "date_of_birth", "search_key", "amka", "afm", "eps")


def _existing(name: str, values: set[str]) -> dict[str, Existing]:
    """{value: person} of registered people whose `name` (amka, afm, eps) is one of `values`."""
    found: dict[str, Existing] = {}
    values = sorted(values)
    for start in range(0, len(values), 5000):
        chunk = values[start : start + 5000]
        query = Beneficiary.objects.annotate(eps=Upper("eps_number"))
        query = query.filter(**{f"{name}__in": chunk}).order_by("pk")
        for person in query.values(*_FIELDS):
            found.setdefault(person[name], person)
    return found


def _existing_by_name(data: list[dict]) -> dict[tuple[str, date], list[Existing]]:
    """Registered people by (name key, date of birth), for the names and births in `data`."""
    if not data:
        return {}
    query = (
        Beneficiary.objects.annotate(eps=Upper("eps_number"))
        .filter(
            search_key__in={d["key"] for d in data},
            date_of_birth__in={d["date_of_birth"] for d in data},
        )
        .order_by("pk")
    )
    found: dict[tuple[str, date], list[Existing]] = {}
    for person in query.values(*_FIELDS):
        found.setdefault((person["search_key"], person["date_of_birth"]), []).append(person)
    return found


def _same_name(by_name: dict, row: dict) -> Existing | None:
    """The first registered namesake born the same day whose identifiers do not contradict."""
    for person in by_name.get((row.get("key"), row.get("date_of_birth")), []):
        if (not row.get("amka") or not person["amka"]) and (
            not row.get("afm") or not person["afm"]
        ):
            return person
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
    table = read_table(Path(path))
    found = (
        ColumnMapping.from_json(mapping, table.titles) if mapping else propose_mapping(table.titles)
    )
    engine = RegisterImport(table, found, dry_run=dry_run, progress=progress)
    engine.table_name = Path(path).name
    return engine.run()
