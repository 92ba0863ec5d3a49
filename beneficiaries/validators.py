"""Greek identifiers and contact data, checked with python-stdnum and phonenumbers.

Public contract: `validate_amka(value)` and `validate_afm(value)` raise
`django.core.exceptions.ValidationError` for an invalid value and return None for a valid one.
The `normalize_*` helpers return the stored form of a value that is already known to be valid.
"""

from __future__ import annotations

import re
from datetime import date

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import luhn
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.gr import amka as stdnum_amka
from stdnum.gr import vat as stdnum_vat

_SEPARATORS = re.compile(r"[\s.\-/]")
# Latin letters that look like Greek capitals on an identity card (ΑΔΤ series letters).
_LATIN_TO_GREEK = str.maketrans("ABEZHIKMNOPTYX", "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ")


def normalize_amka(value: str) -> str:
    return _SEPARATORS.sub("", str(value))


def validate_amka(value: str) -> None:
    """Reject anything but 11 digits whose first six are a real date and whose Luhn digit holds."""
    number = normalize_amka(value)
    if not (number.isascii() and number.isdigit()) or len(number) != 11:
        raise ValidationError(_("Ο ΑΜΚΑ έχει 11 ψηφία."), code="amka_length")
    if not luhn.is_valid(number):
        raise ValidationError(
            _("Ο ΑΜΚΑ δεν είναι έγκυρος (λάθος ψηφίο ελέγχου)."), code="amka_checksum"
        )
    try:
        stdnum_amka.validate(number)
    except StdnumError as exc:
        raise ValidationError(
            _("Τα πρώτα έξι ψηφία του ΑΜΚΑ δεν είναι πραγματική ημερομηνία."), code="amka_date"
        ) from exc


def amka_matches_birth_date(amka: str, date_of_birth: date) -> bool:
    """Whether the DDMMYY part of a valid AMKA agrees with a date of birth (century ignored)."""
    return normalize_amka(amka)[:6] == date_of_birth.strftime("%d%m%y")


def normalize_afm(value: str) -> str:
    number = _SEPARATORS.sub("", str(value)).upper()
    return number[2:] if number[:2] in {"EL", "GR"} else number


def validate_afm(value: str) -> None:
    """Reject anything but 9 digits with a correct check digit; 000000000 is not a tax number."""
    number = normalize_afm(value)
    if not (number.isascii() and number.isdigit()) or len(number) != 9:
        raise ValidationError(_("Ο ΑΦΜ έχει 9 ψηφία."), code="afm_length")
    if number == "000000000" or not stdnum_vat.is_valid(number):
        raise ValidationError(
            _("Ο ΑΦΜ δεν είναι έγκυρος (λάθος ψηφίο ελέγχου)."), code="afm_checksum"
        )


def validate_personal_number(value: str) -> None:
    """The 12-character Προσωπικός Αριθμός ends in the holder's ΑΦΜ."""
    number = _SEPARATORS.sub("", str(value)).upper()
    if len(number) != 12:
        raise ValidationError(_("Ο Προσωπικός Αριθμός έχει 12 χαρακτήρες."), code="pa_length")
    try:
        validate_afm(number[-9:])
    except ValidationError as exc:
        raise ValidationError(
            _("Τα τελευταία 9 ψηφία του Προσωπικού Αριθμού πρέπει να είναι έγκυρος ΑΦΜ."),
            code="pa_afm",
        ) from exc


def normalize_id_number(value: str) -> str:
    """Upper-case, drop spaces, dots and dashes, write look-alike Latin letters in Greek."""
    return _SEPARATORS.sub("", str(value)).upper().translate(_LATIN_TO_GREEK)


def normalize_phone(value: str) -> str:
    """Parse a phone number (Greek unless it starts with +) and return it in E.164."""
    try:
        parsed = phonenumbers.parse(str(value), "GR")
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(_("Ο αριθμός τηλεφώνου δεν είναι έγκυρος."), code="phone") from exc
    if not phonenumbers.is_valid_number(parsed):
        raise ValidationError(_("Ο αριθμός τηλεφώνου δεν είναι έγκυρος."), code="phone")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def validate_phone(value: str) -> None:
    normalize_phone(value)


def format_phone(e164: str) -> str:
    """Display a stored number: national format for Greek numbers, international otherwise."""
    if not e164:
        return ""
    parsed = phonenumbers.parse(e164)
    fmt = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if parsed.country_code == 30
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(parsed, fmt)


def normalize_postal_code(value: str) -> str:
    return re.sub(r"\s", "", str(value))


def validate_postal_code(value: str) -> None:
    code = normalize_postal_code(value)
    if not (code.isascii() and code.isdigit() and len(code) == 5):
        raise ValidationError(_("Ο ταχυδρομικός κώδικας έχει 5 ψηφία."), code="postal_code")
