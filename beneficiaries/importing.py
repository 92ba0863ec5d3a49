"""Import of an existing register of beneficiaries from a CSV or XLSX file.

The file is checked whole before anything is written: every row goes through the intake rules
(`BeneficiaryForm`: identifiers, dates, phones …), and AMKA/ΑΦΜ repeated inside the file are
errors. If any row is wrong nothing is imported. People already registered — same AMKA, else
same ΑΦΜ, else same name (normalised) and date of birth — are skipped, so importing the same
file twice creates no duplicates. Columns are documented in docs/import_format.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from beneficiaries.choices import Citizenship, Sex
from beneficiaries.forms import BeneficiaryForm
from beneficiaries.import_files import UnreadableFile, csv_rows, decode_csv, header_row
from beneficiaries.models import Beneficiary
from beneficiaries.normalize import fold, name_key
from beneficiaries.validators import normalize_afm, normalize_amka, normalize_postal_code
from community_centre.dates import parse_typed_date
from community_centre.models import Settlement
from community_centre.place_names import everyday_name

# field -> accepted headers (English, then Greek); compared after `header_key`.
COLUMNS: dict[str, tuple[str, ...]] = {
    "surname": ("surname", "επώνυμο", "επίθετο"),
    "given_name": ("given_name", "όνομα"),
    "father_name": ("father_name", "πατρώνυμο", "όνομα πατρός", "όνομα πατέρα"),
    "mother_name": ("mother_name", "μητρώνυμο", "όνομα μητρός", "όνομα μητέρας"),
    "sex": ("sex", "φύλο"),
    "date_of_birth": (
        "date_of_birth", "ημερομηνία_γέννησης", "ημ/νια γέννησης", "ημερ γέννησης",
        "ημ γέννησης", "γέννηση",
    ),
    "amka": ("amka", "αμκα"),
    "afm": ("afm", "αφμ"),
    "phone_mobile": ("phone_mobile", "κινητό", "κινητό τηλ", "κινητό τηλέφωνο"),
    "phone_other": ("phone_other", "τηλέφωνο", "τηλ", "σταθερό", "σταθερό τηλ"),
    "email": ("email", "e-mail"),
    "address": ("address", "διεύθυνση", "οδός"),
    "postal_code": ("postal_code", "τκ", "ταχ κωδικας", "ταχυδρομικός κώδικας"),
    "settlement": ("settlement", "οικισμός", "χωριό", "τοπική κοινότητα"),
    "eps_number": ("eps_number", "αριθμός_επσ"),
    "citizenship": ("citizenship", "υπηκοότητα", "ιθαγένεια"),
    "amka_mismatch_reason": ("amka_mismatch_reason", "αιτιολόγηση_αμκα"),
    "registered_on": ("registered_on", "ημερομηνία_εγγραφής", "ημ/νια εγγραφής", "ημερ εγγραφής"),
}  # fmt: skip
REQUIRED = ("surname", "given_name", "sex", "date_of_birth")
# Spreadsheets store identifiers typed as numbers without their leading zeros.
DIGITS_WIDTH = {"amka": 11, "afm": 9, "postal_code": 5}
EXTRA_SEX_VALUES = {
    "γ": Sex.FEMALE,
    "θ": Sex.FEMALE,
    "θηλυ": Sex.FEMALE,
    "f": Sex.FEMALE,
    "w": Sex.FEMALE,
    "woman": Sex.FEMALE,
    "α": Sex.MALE,
    "αρρεν": Sex.MALE,
    "αντρας": Sex.MALE,
    "m": Sex.MALE,
    "man": Sex.MALE,
}

Progress = Callable[[str, int, int], None]  # (stage, done, total)


class ImportFileError(Exception):
    """The file cannot be read as a register (format, encoding, header)."""


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("γραμμή %(line)d, στήλη %(column)s: %(message)s") % {
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class Row:
    """One data row: its line in the file and its values by field name."""

    line: int
    values: dict[str, str]
    form: BeneficiaryForm | None = None
    # Normalised name, date of birth, AMKA and ΑΦΜ: what tells who the person is.
    identity: dict = field(default_factory=dict)
    existing_pk: int | None = None


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    dry_run: bool = False
    encoding: str | None = None  # of a CSV file: "UTF-8", "Windows-1253" or "ISO-8859-7"


# --- reading the file --------------------------------------------------------------------------


def header_key(text: str) -> str:
    """'Ημερομηνία γέννησης' -> 'ημερομηνια_γεννησησ'; 'Τ.Κ.' -> 'τκ'; 'ΦΥΛΟ (Α/Γ)' -> 'φυλο';
    'ΗΜ/ΝΙΑ' and 'ΗΜ. ΝΙΑ' alike; case, accents, dots and a hint in brackets ignored."""
    key = re.sub(r"\([^)]*\)", " ", str(text or ""))
    key = fold(key.strip()).replace(".", "").replace("/", "")
    return re.sub(r"[\s\-_]+", "_", key).strip("_")


HEADERS = {header_key(h): name for name, headers in COLUMNS.items() for h in headers}


def read_table(path: Path) -> tuple[list[tuple[int, list[object]]], str | None]:
    """((line number, cells) of each row from the header on, the CSV's encoding or None) of a
    CSV or XLSX file. Lines are numbered as a spreadsheet shows them; title rows above the
    header are left out."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        try:
            text, encoding = decode_csv(path.read_bytes())
        except UnreadableFile as exc:
            raise ImportFileError(str(exc)) from exc
        rows = csv_rows(text)
    elif suffix == ".xlsx":
        rows, encoding = _read_xlsx(path), None
    else:
        raise ImportFileError(_("Υποστηρίζονται μόνο αρχεία .csv και .xlsx."))
    start = header_row(rows, lambda cell: header_key(cell) in HEADERS)
    return [(line, cells) for line, cells in enumerate(rows, 1)][start:], encoding


def _read_xlsx(path: Path) -> list[list[object]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        raise ImportFileError(_("Το αρχείο XLSX δεν μπορεί να διαβαστεί.")) from exc
    try:
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def cell_text(value: object, name: str) -> str:
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


def parse_rows(table: Iterable[tuple[int, list[object]]], result: ImportResult):
    """Map the header to fields; return ({field: column title}, [Row]) or raise on a bad header."""
    iterator = iter(table)
    try:
        header_line, header = next(iterator)
    except StopIteration as exc:
        raise ImportFileError(_("Το αρχείο είναι κενό.")) from exc
    columns: dict[str, tuple[int, str]] = {}
    header_errors = []
    for index, title in enumerate(header):
        title = str(title or "").strip()
        name = HEADERS.get(header_key(title))
        if name is None:
            if title:
                result.ignored_columns.append(title)
        elif name in columns:
            message = _("Η στήλη εμφανίζεται δύο φορές.")
            header_errors.append(RowError(header_line, title, message))
        else:
            columns[name] = (index, title)
    for name in REQUIRED:
        if name not in columns:
            title = "/".join(COLUMNS[name][::-1])
            header_errors.append(RowError(header_line, title, _("Λείπει η υποχρεωτική στήλη.")))
    if header_errors:
        result.errors.extend(header_errors)
        return {}, []
    rows = []
    for line, cells in iterator:
        values = {
            name: cell_text(cells[index] if index < len(cells) else None, name)
            for name, (index, _title) in columns.items()
        }
        if any(values.values()):
            rows.append(Row(line=line, values=values))
    return {name: title for name, (_i, title) in columns.items()}, rows


# --- turning values into form data --------------------------------------------------------------


def _choice_lookup(choices, extra: dict[str, str] | None = None) -> dict[str, str]:
    """Codes and labels (in every language of the site) of a TextChoices, folded."""
    lookup = {fold(value): value for value in choices.values}
    for language in ("el", "en"):
        with translation.override(language):
            lookup.update({fold(str(label)): value for value, label in choices.choices})
    lookup.update(extra or {})
    return lookup


class SettlementIndex:
    """Finds a settlement by ELSTAT code, by name or by 'Name (Community)', accents ignored.

    Both the everyday name ('Καρπενήσι', 'Μεγάλο Χωριό') and ELSTAT's katharevousa one
    ('Καρπενήσιον', 'Μέγα Χωρίον') are found.
    """

    def __init__(self) -> None:
        self.keys: dict[str, set[int]] = {}
        for settlement in Settlement.objects.all():
            for key in self._keys(settlement):
                self.keys.setdefault(key, set()).add(settlement.pk)

    @staticmethod
    def _keys(settlement: Settlement) -> set[str]:
        keys = {settlement.code}
        for name in {settlement.name, settlement.official_name} - {""}:
            keys |= {fold(name), fold(everyday_name(name))}
            keys.add(fold(f"{name} ({settlement.community})"))
        return keys

    def find(self, text: str) -> tuple[int | None, str | None]:
        """(pk, None) when exactly one settlement matches, else (None, Greek error)."""
        key = fold(text.split(",", 1)[0].strip()) if "(" not in text else fold(text.strip())
        matches = self.keys.get(key, set())
        if len(matches) == 1:
            return next(iter(matches)), None
        if matches:
            return None, _(
                "Υπάρχουν περισσότεροι οικισμοί «%(value)s»: γράψτε τον κωδικό ΕΛΣΤΑΤ "
                "ή «Όνομα (Κοινότητα)»."
            ) % {"value": text}
        return None, _("Δεν βρέθηκε οικισμός «%(value)s» του Δήμου.") % {"value": text}


class RowConverter:
    """Turns a row's text into BeneficiaryForm data, reporting values no form field accepts."""

    def __init__(self) -> None:
        self.sex = _choice_lookup(Sex, {**EXTRA_SEX_VALUES, "γυναικα": Sex.FEMALE})
        self.citizenship = _choice_lookup(Citizenship)
        self.settlements = SettlementIndex()
        defaults = model_to_dict(Beneficiary(), fields=BeneficiaryForm._meta.fields)
        self.defaults = {k: ("" if v is None else v) for k, v in defaults.items()}

    def form_data(self, values: dict[str, str]) -> tuple[dict, dict[str, str]]:
        """(data for BeneficiaryForm, {field: error}) for one row."""
        data, errors = dict(self.defaults), {}
        data.update({k: v for k, v in values.items() if k in self.defaults and v})
        data["date_of_birth"] = normalise_date(values.get("date_of_birth", ""))
        if values.get("registered_on"):  # the old register's date; else today
            data["registered_on"] = normalise_date(values["registered_on"])
        # '361 00' is how people write it, but the form field's max_length sees the space.
        data["postal_code"] = normalize_postal_code(values.get("postal_code", ""))
        self._choice(values, "sex", self.sex, data, errors)
        self._choice(values, "citizenship", self.citizenship, data, errors)
        if values.get("settlement"):
            data["settlement"], error = self.settlements.find(values["settlement"])
            if error:
                errors["settlement"] = error
        return data, errors

    @staticmethod
    def _choice(values, name, lookup, data, errors) -> None:
        raw = values.get(name, "")
        if not raw:
            return
        code = lookup.get(fold(raw))
        if code is None:
            errors[name] = _("Μη αποδεκτή τιμή «%(value)s».") % {"value": raw}
        else:
            data[name] = code


def normalise_date(text: str) -> str:
    """'5.3.1980', '05-03-1980' and '1980-03-05' become '05/03/1980'; a two-digit year is never
    in the future (both dates of a register, birth and registration, are past: '5/3/35' is
    1935); anything else is kept for the form to refuse."""
    text = text.strip()
    if re.fullmatch(r"\d{1,2}[./\-]\d{1,2}[./\-]\d{2}", text):
        try:
            return f"{parse_typed_date(text, past=True, today=timezone.localdate()):%d/%m/%Y}"
        except ValueError:
            return text
    if match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?", text):
        year, month, day = match.groups()
        return f"{day}/{month}/{year}"
    if match := re.fullmatch(r"(\d{1,2})[./\-](\d{1,2})[./\-](\d{4})", text):
        return "/".join(match.groups())
    return text


# --- the import ----------------------------------------------------------------------------------


class RegisterImport:
    """One run over one file: validate every row, match existing people, then write."""

    def __init__(self, path: Path, *, dry_run: bool, progress: Progress | None) -> None:
        self.path = Path(path)
        self.result = ImportResult(dry_run=dry_run)
        self.progress = progress or (lambda stage, done, total: None)
        self.titles: dict[str, str] = {}

    def run(self) -> ImportResult:
        table, self.result.encoding = read_table(self.path)
        self.titles, rows = parse_rows(table, self.result)
        self.result.rows = len(rows)
        if self.result.errors:
            return self.result
        self.validate(rows)
        if not self.result.errors:
            self.match_existing(rows)
        self.result.errors.sort(key=lambda e: e.line)
        if self.result.errors:
            return self.result
        new_rows = [row for row in rows if row.existing_pk is None]
        self.result.skipped = len(rows) - len(new_rows)
        self.result.created = len(new_rows)
        if not self.result.dry_run:
            self.write(new_rows)
        return self.result

    def column(self, name: str) -> str:
        if name in ("amka_mismatch_reason", "__all__") and name not in self.titles:
            name = "amka"
        return self.titles.get(name, "—")

    def error(self, row: Row, name: str, message: str) -> None:
        self.result.errors.append(RowError(row.line, self.column(name), message))

    def validate(self, rows: list[Row]) -> None:
        converter = RowConverter()
        first_line: dict[tuple[str, str], int] = {}
        for done, row in enumerate(rows, 1):
            data, errors = converter.form_data(row.values)
            row.form = BeneficiaryForm(data=data)
            row.form.is_valid()
            for name, message in errors.items():
                self.error(row, name, message)
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
                self.error(row, name, " ".join(error.messages))

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
    path: Path | str, *, dry_run: bool = False, progress: Progress | None = None
) -> ImportResult:
    """Validate the whole file; when every row is valid, create the people not yet registered."""
    return RegisterImport(Path(path), dry_run=dry_run, progress=progress).run()
