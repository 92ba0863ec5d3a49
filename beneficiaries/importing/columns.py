"""What each column of a register becomes: the headers people write for each case-file field,
and `ColumnMapping`, the choices made for one file (proposed, changed on the screen, or read
from `--mapping FILE`).

Every column of the file gets exactly one target: a case-file field, `REMARKS` (its values go
into one case note of the person, «Παρατηρήσεις μητρώου») or `IGNORE` (left out, only by an
explicit choice). `UNDECIDED` is a column nobody has chosen for yet; a mapping with one is not
ready to import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from beneficiaries.importing.settlement_names import settlement_key
from beneficiaries.normalize import fold

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

REMARKS = "remarks"
IGNORE = "ignore"
UNDECIDED = ""
REMARK_HEADERS = ("remarks", "παρατηρήσεις", "σχόλια", "σημειώσεις", "παρατήρηση")
# A running number of the old register («Α/Α») holds nothing of the person.
SERIAL_HEADERS = ("α/α", "αα", "αύξων αριθμός", "#", "no")
# The two columns the error file (report.error_workbook) adds beside the rows, in Greek and in
# English: a corrected error file uploaded again leaves them out by itself.
RESULT_HEADER = gettext_lazy("ΑΠΟΤΕΛΕΣΜΑ ΕΙΣΑΓΩΓΗΣ")
ERRORS_HEADER = gettext_lazy("ΣΦΑΛΜΑΤΑ ΕΙΣΑΓΩΓΗΣ")
REPORT_HEADERS = ("αποτέλεσμα εισαγωγής", "σφάλματα εισαγωγής", "import result", "import errors")

TARGET_LABELS = {
    REMARKS: gettext_lazy("Σημείωμα φακέλου «Παρατηρήσεις μητρώου»"),
    IGNORE: gettext_lazy("Να αγνοηθεί"),
}


def header_key(text: object) -> str:
    """'Ημερομηνία γέννησης' -> 'ημερομηνια_γεννησησ'; 'Τ.Κ.' -> 'τκ'; 'ΦΥΛΟ (Α/Γ)' -> 'φυλο';
    'ΗΜ/ΝΙΑ' and 'ΗΜ. ΝΙΑ' alike; case, accents, dots and a hint in brackets ignored."""
    key = re.sub(r"\([^)]*\)", " ", str(text or ""))
    key = fold(key.strip()).replace(".", "").replace("/", "")
    return re.sub(r"[\s\-_]+", "_", key).strip("_")


HEADERS = {header_key(h): name for name, headers in COLUMNS.items() for h in headers}
_REMARKS = {header_key(h) for h in REMARK_HEADERS}
_IGNORED = {header_key(h) for h in (*SERIAL_HEADERS, *REPORT_HEADERS)} | {""}


def field_label(name: str) -> str:
    """The Greek label of a target: the case-file field's verbose name, or remarks / ignore."""
    from beneficiaries.models import Beneficiary

    if name in TARGET_LABELS:
        return str(TARGET_LABELS[name])
    return str(Beneficiary._meta.get_field(name).verbose_name)


class MappingError(ValueError):
    """A mapping file that cannot be read or names what does not exist (Greek message)."""


@dataclass
class ColumnMapping:
    """The target of each column of one file, and the settlement chosen for unknown names."""

    titles: list[str]
    targets: list[str]
    # settlement_key(text as typed) -> ELSTAT code of the settlement chosen ("" = leave empty)
    settlements: dict[str, str] = field(default_factory=dict)

    def field_columns(self) -> dict[str, int]:
        """{field: column index} of the columns mapped to a case-file field."""
        return {
            target: index
            for index, target in enumerate(self.targets)
            if target not in (REMARKS, IGNORE, UNDECIDED)
        }

    def remark_columns(self) -> list[int]:
        return [index for index, target in enumerate(self.targets) if target == REMARKS]

    def problems(self) -> list[tuple[int | None, str, str]]:
        """(column index or None, column title, Greek message) of what stops an import with this
        mapping; a missing field's title is its headers, «φύλο/sex»."""
        found, seen = [], {}
        for index, target in enumerate(self.targets):
            if target == UNDECIDED and self.titles[index].strip():
                message = _("Επιλέξτε τι γίνεται με αυτή τη στήλη.")
                found.append((index, self.titles[index], message))
            elif target not in (REMARKS, IGNORE, UNDECIDED):
                if target in seen:
                    message = _("Η στήλη εμφανίζεται δύο φορές.")
                    found.append((index, self.titles[index], message))
                seen.setdefault(target, index)
        for name in REQUIRED:
            if name not in seen:
                title = "/".join(COLUMNS[name][::-1])
                found.append((None, title, _("Λείπει η υποχρεωτική στήλη.")))
        return found

    def to_json(self) -> dict:
        """The form of `--mapping FILE`: {"columns": {title: target}, "settlements": {...}}."""
        columns = {t: target for t, target in zip(self.titles, self.targets, strict=True) if t}
        return {"columns": columns, "settlements": dict(self.settlements)}

    @classmethod
    def from_json(cls, document: object, titles: list[str]) -> ColumnMapping:
        """The proposal for `titles`, changed by a `--mapping` document; MappingError if the
        document is not one or names a column or a target that does not exist."""
        mapping = propose_mapping(titles)
        if not isinstance(document, dict) or not isinstance(document.get("columns", {}), dict):
            raise MappingError(_('Το αρχείο αντιστοίχισης δεν έχει τη μορφή {"columns": {…}}.'))
        by_key = {header_key(title): index for index, title in enumerate(titles)}
        targets = {*COLUMNS, REMARKS, IGNORE, UNDECIDED}  # to_json keeps undecided columns
        for title, target in document.get("columns", {}).items():
            index = by_key.get(header_key(title))
            if index is None:
                message = _("Δεν υπάρχει στήλη «%(title)s» στο αρχείο.")
                raise MappingError(message % {"title": title})
            if target not in targets:
                message = _("Άγνωστος προορισμός «%(target)s» για τη στήλη «%(title)s».")
                raise MappingError(message % {"target": target, "title": title})
            mapping.targets[index] = target
        settlements = document.get("settlements", {})
        if not isinstance(settlements, dict):
            raise MappingError(_("Οι οικισμοί της αντιστοίχισης δίνονται ως {κείμενο: κωδικός}."))
        mapping.settlements = {settlement_key(str(k)): str(v or "") for k, v in settlements.items()}
        return mapping


def propose_target(title: object) -> str:
    """The target proposed for a column title: a field for a known header, remarks for
    «ΠΑΡΑΤΗΡΗΣΕΙΣ», ignore for «Α/Α», an empty title or a column the error file added, else
    undecided."""
    key = header_key(title)
    if key in HEADERS:
        return HEADERS[key]
    if key in _REMARKS:
        return REMARKS
    if key in _IGNORED:
        return IGNORE
    return UNDECIDED


def propose_mapping(titles: list[object]) -> ColumnMapping:
    """The proposed mapping of a header; a field proposed twice goes to its first column only."""
    names = [str(title or "").strip() for title in titles]
    targets, taken = [], set()
    for title in names:
        target = propose_target(title)
        if target in COLUMNS and target in taken:
            target = UNDECIDED
        taken.add(target)
        targets.append(target)
    return ColumnMapping(titles=names, targets=targets)
