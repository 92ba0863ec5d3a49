"""A row's text as the case-file form takes it: the choices (sex, citizenship) in the words
people write, the settlement by any of its names (settlement_names) or as chosen for a name not
found, dates in the forms offices type them, Greek names with Latin look-alike letters turned
Greek (lookalikes), the two phone cells sorted into mobile and other (phones)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.forms.models import model_to_dict
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from beneficiaries.choices import Citizenship, Sex
from beneficiaries.forms import BeneficiaryForm
from beneficiaries.importing.lookalikes import LATIN_TO_GREEK, to_greek
from beneficiaries.importing.phones import MOBILE, OTHER, place_phones
from beneficiaries.importing.settlement_names import community_keys, name_keys, settlement_key
from beneficiaries.models import Beneficiary
from beneficiaries.normalize import fold
from beneficiaries.validators import normalize_postal_code
from community_centre.dates import parse_typed_date
from community_centre.models import Settlement

NAME_FIELDS = ("surname", "given_name", "father_name", "mother_name")
_LOOKALIKES = str.maketrans(LATIN_TO_GREEK)

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


def _choice_lookup(choices, extra: dict[str, str] | None = None) -> dict[str, str]:
    """Codes and labels (in every language of the site) of a TextChoices, folded."""
    lookup = {fold(value): value for value in choices.values}
    for language in ("el", "en"):
        with translation.override(language):
            lookup.update({fold(str(label)): value for value, label in choices.choices})
    lookup.update(extra or {})
    return lookup


class SettlementIndex:
    """Finds a settlement by ELSTAT code or by any way of writing its name (settlement_names:
    katharevousa or everyday, abbreviated, accents and case ignored), with its community in
    brackets when two share a name: «Άγιος Χαράλαμπος (Ψιανών)». Built with one query."""

    def __init__(self) -> None:
        self.keys: dict[str, set[int]] = {}
        self.codes: dict[str, int] = {}
        self.communities: dict[int, set[str]] = {}
        self.labels: dict[int, tuple[str, str]] = {}  # pk -> (ELSTAT code, «Name (Community)»)
        for settlement in Settlement.objects.all():
            self.codes[settlement.code] = settlement.pk
            self.communities[settlement.pk] = community_keys(settlement.community)
            self.labels[settlement.pk] = (settlement.code, str(settlement))
            for key in name_keys(settlement.official_name or settlement.name, settlement.name):
                self.keys.setdefault(key, set()).add(settlement.pk)

    def matches(self, text: str) -> set[int]:
        """The settlements `text` may mean: one, none, or several of the same name."""
        text = text.strip()
        if text in self.codes:
            return {self.codes[text]}
        name, bracket, community = text.partition("(")
        if not bracket:  # «Καρπενήσι, Ευρυτανίας»: the place is what comes first
            name = name.split(",", 1)[0]
        found = set(self.keys.get(settlement_key(name), set()))
        community = settlement_key(community.rstrip(") "))
        if community:
            found = {pk for pk in found if community in self.communities[pk]}
        return found

    def find(self, text: str) -> tuple[int | None, str | None]:
        """(pk, None) when exactly one settlement matches, else (None, Greek error)."""
        pk, error = self.lookup(text)
        return pk, error[0] if error else None

    def lookup(self, text: str) -> tuple[int | None, tuple[str, str] | None]:
        """(pk, None), or (None, (Greek error, code «settlement_ambiguous» or
        «settlement_unknown»))."""
        matches = self.matches(text)
        if len(matches) == 1:
            return next(iter(matches)), None
        if matches:
            message = _(
                "Υπάρχουν περισσότεροι οικισμοί «%(value)s»: γράψτε τον κωδικό ΕΛΣΤΑΤ "
                "ή «Όνομα (Κοινότητα)»."
            ) % {"value": text}
            return None, (message, "settlement_ambiguous")
        message = _("Δεν βρέθηκε οικισμός «%(value)s» του Δήμου.") % {"value": text}
        return None, (message, "settlement_unknown")

    def candidates(self, text: str, limit: int = 5) -> list[SettlementCandidate]:
        """The settlements whose names are closest to `text`, best first (difflib's ratio over
        the index's keys; the matches themselves first when the name is ambiguous)."""
        key = settlement_key(text)
        best: dict[int, float] = dict.fromkeys(self.matches(text), 1.0)
        matcher = SequenceMatcher(b=key, autojunk=False)
        for name, pks in self.keys.items():
            matcher.set_seq1(name)
            if matcher.real_quick_ratio() < 0.5 or matcher.quick_ratio() < 0.5:
                continue
            score = matcher.ratio()
            for pk in pks:
                best[pk] = max(score, best.get(pk, 0.0))
        ranked = sorted(best.items(), key=lambda item: (-item[1], self.labels[item[0]][1]))
        return [
            SettlementCandidate(*self.labels[pk], round(score, 2))
            for pk, score in ranked[:limit]
            if score >= 0.6
        ]


@dataclass(frozen=True)
class SettlementCandidate:
    """A settlement offered for a name not found: its ELSTAT code, «Name (Community)», and how
    alike the names are (0–1)."""

    code: str
    label: str
    score: float


@dataclass
class UnknownSettlement:
    """A settlement text of the file that finds no single settlement: as first typed, its key
    (`settlement_key`, the key of ColumnMapping.settlements), on how many rows, the closest
    settlements; `ambiguous` when several settlements bear the name."""

    text: str
    key: str
    count: int
    candidates: list[SettlementCandidate] = field(default_factory=list)
    ambiguous: bool = False


def unknown_settlements(
    texts: Iterable[str],
    index: SettlementIndex | None = None,
    choices: dict[str, str] | None = None,
) -> list[UnknownSettlement]:
    """The distinct settlement texts (of a file's settlement column) that find no single
    settlement, each once, in the order first met, for the screen to ask once for all rows;
    those already in `choices` (ColumnMapping.settlements) are not asked again."""
    index = index or SettlementIndex()
    found: dict[str, UnknownSettlement] = {}
    known: set[str] = {settlement_key(text) for text in choices or {}}
    for text in texts:
        text = str(text or "").strip()
        key = settlement_key(text)
        if not key or key in known:
            continue
        if key in found:
            found[key].count += 1
            continue
        matches = index.matches(text)
        if len(matches) == 1:
            known.add(key)
            continue
        unknown = UnknownSettlement(text, key, 1, index.candidates(text), len(matches) > 1)
        found[key] = unknown
    return list(found.values())


class RowConverter:
    """Turns a row's text into BeneficiaryForm data, reporting values no form field accepts.

    `settlement_choices` ({settlement_key(text): ELSTAT code, or "" for none}, the mapping's
    "settlements") settle the names the index does not find. Everything it looks up is read
    once, when it is made: converting a row queries nothing."""

    def __init__(self, settlement_choices: dict[str, str] | None = None) -> None:
        self.sex = _choice_lookup(Sex, {**EXTRA_SEX_VALUES, "γυναικα": Sex.FEMALE})
        self.citizenship = _choice_lookup(Citizenship)
        self.settlements = SettlementIndex()
        self.settlement_choices = {
            settlement_key(text): str(code or "").strip()
            for text, code in (settlement_choices or {}).items()
        }
        self._settlement_cache: dict[str, tuple[int | None, tuple[str, str] | None]] = {}
        defaults = model_to_dict(Beneficiary(), fields=BeneficiaryForm._meta.fields)
        self.defaults = {k: ("" if v is None else v) for k, v in defaults.items()}

    def form_data(self, values: dict[str, str]) -> tuple[dict, dict[str, tuple[str, str]]]:
        """(data for BeneficiaryForm, {field: (Greek message, error code)}) for one row."""
        data, errors = dict(self.defaults), {}
        data.update({k: v for k, v in values.items() if k in self.defaults and v})
        data["date_of_birth"] = normalise_date(values.get("date_of_birth", ""))
        if values.get("registered_on"):  # the old register's date; else today
            data["registered_on"] = normalise_date(values["registered_on"])
        # '361 00' is how people write it, but the form field's max_length sees the space.
        data["postal_code"] = normalize_postal_code(values.get("postal_code", ""))
        self._names(values, data, errors)
        self._phones(values, data, errors)
        self._choice(values, "sex", self.sex, data, errors)
        self._choice(values, "citizenship", self.citizenship, data, errors)
        if values.get("settlement"):
            data["settlement"], error = self._settlement(values["settlement"])
            if error:
                errors["settlement"] = error
        return data, errors

    @staticmethod
    def _names(values, data, errors) -> None:
        """Latin look-alikes in Greek names turned Greek; a word that cannot be is an error.
        The address is turned likewise where it can be, and never refused for it."""
        for name in (*NAME_FIELDS, "address"):
            if not values.get(name):
                continue
            data[name], undecided = to_greek(values[name])
            if undecided and name != "address":
                message = _(
                    "Το «%(word)s» έχει μαζί ελληνικά και λατινικά γράμματα: γράψτε το όλο με "
                    "ελληνικά ή όλο με λατινικά."
                ) % {"word": undecided[0]}
                errors[name] = (message, "mixed_script")

    @staticmethod
    def _phones(values, data, errors) -> None:
        mobile, other = values.get(MOBILE, ""), values.get(OTHER, "")
        if not (mobile or other):
            return
        placed, error = place_phones(mobile, other)
        if error:
            errors[error.field] = (error.message, error.code)
        else:
            data.update(placed)

    def _settlement(self, text: str) -> tuple[int | None, tuple[str, str] | None]:
        if text not in self._settlement_cache:  # a register repeats its villages
            self._settlement_cache[text] = self._find_settlement(text)
        return self._settlement_cache[text]

    def _find_settlement(self, text: str) -> tuple[int | None, tuple[str, str] | None]:
        key = settlement_key(text)
        if key in self.settlement_choices:
            code = self.settlement_choices[key]
            if not code:
                return None, None
            if code in self.settlements.codes:
                return self.settlements.codes[code], None
            message = _(
                "Ο κωδικός ΕΛΣΤΑΤ «%(code)s» που επιλέχθηκε για «%(value)s» δεν είναι "
                "οικισμός του Δήμου."
            )
            return None, (message % {"code": code, "value": text}, "settlement_choice")
        return self.settlements.lookup(text)

    @staticmethod
    def _choice(values, name, lookup, data, errors) -> None:
        raw = values.get(name, "")
        if not raw:
            return
        # «A» typed with the Latin key for «Α» (Άνδρας) still counts.
        code = lookup.get(fold(raw)) or lookup.get(fold(raw.translate(_LOOKALIKES)))
        if code is None:
            errors[name] = (_("Μη αποδεκτή τιμή «%(value)s».") % {"value": raw}, "choice")
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
