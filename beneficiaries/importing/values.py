"""A row's text as the case-file form takes it: the choices (sex, citizenship) in the words
people write, the settlement by any of its names, dates in the forms offices type them."""

from __future__ import annotations

import re

from django.forms.models import model_to_dict
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from beneficiaries.choices import Citizenship, Sex
from beneficiaries.forms import BeneficiaryForm
from beneficiaries.models import Beneficiary
from beneficiaries.normalize import fold
from beneficiaries.validators import normalize_postal_code
from community_centre.dates import parse_typed_date
from community_centre.models import Settlement
from community_centre.place_names import everyday_name

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

    def form_data(self, values: dict[str, str]) -> tuple[dict, dict[str, tuple[str, str]]]:
        """(data for BeneficiaryForm, {field: (Greek message, error code)}) for one row."""
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
                errors["settlement"] = (error, "settlement")
        return data, errors

    @staticmethod
    def _choice(values, name, lookup, data, errors) -> None:
        raw = values.get(name, "")
        if not raw:
            return
        code = lookup.get(fold(raw))
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
