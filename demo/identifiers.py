"""Valid fictional AMKA and ΑΦΜ numbers for demo data and tests (check digits computed)."""

from __future__ import annotations

from datetime import date

from stdnum import luhn
from stdnum.gr import vat


def make_amka(date_of_birth: date, serial: int) -> str:
    """An AMKA whose date part is the date of birth and whose Luhn digit is right."""
    body = f"{date_of_birth:%d%m%y}{serial % 10_000:04d}"
    return body + luhn.calc_check_digit(body)


def make_afm(serial: int) -> str:
    """A valid 9-digit ΑΦΜ from a serial of up to 8 digits (never 000000000)."""
    body = f"{(serial % 99_999_999) + 1:08d}"
    return body + vat.calc_check_digit(body)
