"""The two phone columns of a register as people fill them: two numbers in one cell
(«6912345678 / 22370 23456»), a mobile under «ΤΗΛΕΦΩΝΟ», a landline under «ΚΙΝΗΤΟ».

The numbers of both cells are found with phonenumbers (Greek unless they start with +) and
placed: the first mobile (69x; any number phonenumbers calls a mobile) in `phone_mobile`, the
other number in `phone_other`. More than two numbers, or two landlines, do not fit the two
fields and are an error; so is text in a cell of two numbers that is not a number. A cell
with one number that phonenumbers does not find is left as typed, for the form's own message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from beneficiaries.validators import normalize_phone

MOBILE, OTHER = "phone_mobile", "phone_other"
MOBILE_KIND, LANDLINE, UNKNOWN = "mobile", "landline", "unknown"
# What may stand between two numbers of one cell.
_SEPARATORS = re.compile(r"(?:[\s/,;:&+\-–|]|\bκαι\b|\bή\b|\bκιν\b|\bτηλ\b|\.)+", re.IGNORECASE)


@dataclass(frozen=True)
class Phone:
    """One number found in a cell: as typed, in E.164, and its kind (MOBILE, LANDLINE, or
    UNKNOWN for a foreign number phonenumbers cannot tell)."""

    text: str
    e164: str
    kind: str

    @property
    def mobile(self) -> bool:
        return self.kind == MOBILE_KIND


@dataclass(frozen=True)
class PhoneError:
    """Why the phones of a row cannot be placed: the column to blame, Greek message, code."""

    field: str
    message: str
    code: str


def _kind(number: phonenumbers.PhoneNumber) -> str:
    kind = phonenumbers.number_type(number)
    if kind == phonenumbers.PhoneNumberType.MOBILE:
        return MOBILE_KIND
    return LANDLINE if kind == phonenumbers.PhoneNumberType.FIXED_LINE else UNKNOWN


def cell_phones(text: str) -> tuple[list[Phone], str]:
    """(the numbers found in a cell, what is left of it that is no number nor separator)."""
    text = text.strip()
    if not text:
        return [], ""
    try:  # the usual case, one number however spaced: no search needed
        e164 = normalize_phone(text)
    except ValidationError:  # not one number: search the cell
        pass
    else:
        return [Phone(text, e164, _kind(phonenumbers.parse(e164)))], ""
    found, rest, start = [], [], 0
    for match in phonenumbers.PhoneNumberMatcher(text, "GR", leniency=phonenumbers.Leniency.VALID):
        rest.append(text[start : match.start])
        start = match.end
        e164 = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        found.append(Phone(match.raw_string, e164, _kind(match.number)))
    rest.append(text[start:])
    left = " ".join(_SEPARATORS.sub(" ", part).strip() for part in rest).strip()
    return found, left


def place_phones(mobile_text: str, other_text: str) -> tuple[dict[str, str], PhoneError | None]:
    """({field: text for the form}, error or None) for a row's two phone cells."""
    mobiles, mobile_rest = cell_phones(mobile_text)
    others, other_rest = cell_phones(other_text)
    for name, phones, rest in ((MOBILE, mobiles, mobile_rest), (OTHER, others, other_rest)):
        if rest and phones:
            message = _("Το «%(value)s» δεν είναι αριθμός τηλεφώνου.") % {"value": rest}
            return {}, PhoneError(name, message, "phone")
        if rest:  # one thing and not a number: the form says why
            return {MOBILE: mobile_text, OTHER: other_text}, None
    numbers = list({phone.e164: phone for phone in [*mobiles, *others]}.values())
    blame = MOBILE if len(mobiles) > len(others) else OTHER
    if len(numbers) > 2:
        message = _(
            "%(count)d αριθμοί τηλεφώνου: ο φάκελος κρατά ένα κινητό και ένα άλλο τηλέφωνο· "
            "γράψτε τους υπόλοιπους στις παρατηρήσεις."
        ) % {"count": len(numbers)}
        return {}, PhoneError(blame, message, "phone_count")
    # The first mobile; failing one, a foreign number that may be one; else none.
    mobile = next((p for p in numbers if p.mobile), None) or next(
        (p for p in numbers if p.kind == UNKNOWN and len(numbers) == 2), None
    )
    rest = [phone for phone in numbers if phone is not mobile]
    if mobile is None and len(rest) == 2:
        message = _(
            "Δύο σταθερά τηλέφωνα (%(first)s, %(second)s): ο φάκελος κρατά ένα κινητό και ένα "
            "άλλο τηλέφωνο."
        ) % {"first": rest[0].text, "second": rest[1].text}
        return {}, PhoneError(MOBILE if mobiles else OTHER, message, "phone_conflict")
    placed = {MOBILE: mobile.e164 if mobile else "", OTHER: rest[0].e164 if rest else ""}
    return placed, None
