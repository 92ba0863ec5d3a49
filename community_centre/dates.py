"""Dates as people type them at a Greek desk: 15/3/1980, 15.3.1980, 15-3-1980, 15/03/80.

`parse_typed_date` reads day, month and year in that order, with /, ., - or spaces between
them, and also the ISO form 1980-03-15 that spreadsheets write. A two-digit year is put in the
century that makes sense: for a date that cannot be in the future (a date of birth) the latest
one not after today (5/3/35 is 1935), otherwise the one nearest today (1/12/26 is 2026).
"""

from __future__ import annotations

import re
from datetime import date

_DMY = re.compile(r"\s*(\d{1,2})\s*[./\-\s]\s*(\d{1,2})\s*[./\-\s]\s*(\d{2}|\d{4})\s*")
_ISO = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*")


class UnreadableDate(ValueError):
    """The text is not written as a date at all."""


class ImpossibleDate(ValueError):
    """The text is written as a date, but no such day exists (31/02/1980)."""


def _full_year(two_digits: int, *, past: bool, today: date) -> int:
    century = today.year // 100 * 100
    candidates = [century - 100 + two_digits, century + two_digits, century + 100 + two_digits]
    if past:
        # The latest year that is not after this one (a person born in '35 is not yet unborn).
        return max(year for year in candidates if year <= today.year)
    return min(candidates, key=lambda year: abs(year - today.year))


def parse_typed_date(text: str, *, past: bool = False, today: date | None = None) -> date:
    """The date `text` stands for; UnreadableDate or ImpossibleDate otherwise."""
    today = today or date.today()
    if match := _ISO.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DMY.fullmatch(text):
        day, month = int(match.group(1)), int(match.group(2))
        digits = match.group(3)
        year = int(digits) if len(digits) == 4 else _full_year(int(digits), past=past, today=today)
    else:
        raise UnreadableDate(text)
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise ImpossibleDate(text) from exc
