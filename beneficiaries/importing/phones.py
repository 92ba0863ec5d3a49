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
from django.utils.translation import gettext as _

MOBILE, OTHER = "phone_mobile", "phone_other"
MOBILE_KIND, LANDLINE, UNKNOWN = "mobile", "landline", "unknown"
E164 = phonenumbers.PhoneNumberFormat.E164
# What may stand between two numbers of one cell.
_DIGITS = re.compile(r"\d")
_STRONG_SEPARATORS = re.compile(r"[/,;&|]|\s[-–]\s|\bκαι\b|\bή\b", re.IGNORECASE)
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
    if number.country_code == 30:  # Greek numbers tell by their first digits, without a lookup
        national = str(number.national_number)
        return (
            MOBILE_KIND
            if national.startswith("69")
            else LANDLINE
            if national[0] == "2"
            else UNKNOWN
        )
    kind = phonenumbers.number_type(number)
    if kind == phonenumbers.PhoneNumberType.MOBILE:
        return MOBILE_KIND
    return LANDLINE if kind == phonenumbers.PhoneNumberType.FIXED_LINE else UNKNOWN


def _phone(text: str, number: phonenumbers.PhoneNumber | None = None) -> Phone | None:
    """The number `text` is, read as validators.normalize_phone reads it (Greek unless it
    starts with +, valid by phonenumbers, E.164), or None."""
    if number is None and len(_DIGITS.findall(text)) > 17:  # no one number is that long
        return None
    try:
        number = number or phonenumbers.parse(text, "GR")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return Phone(text, phonenumbers.format_number(number, E164), _kind(number))


def cell_phones(text: str) -> tuple[list[Phone], str]:
    """(the numbers found in a cell, what is left of it that is no number nor separator)."""
    text = text.strip()
    if not text:
        return [], ""
    if phone := _phone(text):  # the usual case, one number however spaced
        return [phone], ""
    parts = [part for part in _STRONG_SEPARATORS.split(text) if part.strip()]
    phones = [_phone(part.strip()) for part in parts]
    if len(parts) > 1 and all(phones):  # «6912345678 / 22370 23456»: no search needed
        return phones, ""
    found, rest, start = [], [], 0
    for match in phonenumbers.PhoneNumberMatcher(text, "GR", leniency=phonenumbers.Leniency.VALID):
        rest.append(text[start : match.start])
        start = match.end
        found.append(_phone(match.raw_string, match.number))
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
