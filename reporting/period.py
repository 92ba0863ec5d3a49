"""The period a report covers: a calendar month or any range of days, in Athens local dates.

A period is read from what a person or a command typed — `month_period("2026-04")`,
`range_period("2026-04-01", "2026-04-15")` — and refused with a Greek message
(`PeriodError`, a ValueError) when it is not a month, ends before it starts, spans more than
five years, or starts in the future. `Period.bounds()` gives the aware datetimes (Europe/Athens)
that a timestamp must fall between to belong to it: a request received at 00:30 on 1 April
Athens time is April's, though it is still 31 March in UTC.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

ATHENS = ZoneInfo("Europe/Athens")
MAX_YEARS = 5
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

MONTH_NAMES = (
    "Ιανουάριος", "Φεβρουάριος", "Μάρτιος", "Απρίλιος", "Μάιος", "Ιούνιος",
    "Ιούλιος", "Αύγουστος", "Σεπτέμβριος", "Οκτώβριος", "Νοέμβριος", "Δεκέμβριος",
)  # fmt: skip


class PeriodError(ValueError):
    """The period typed cannot be reported on; the message says why, in Greek."""


def athens_today() -> date:
    return timezone.now().astimezone(ATHENS).date()


@dataclass(frozen=True, order=True)
class Period:
    first: date
    last: date

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        first = date(year, month, 1)
        following = date(year + month // 12, month % 12 + 1, 1)
        return cls(first, following - timedelta(days=1))

    @property
    def is_month(self) -> bool:
        return self.first.day == 1 and self == Period.month(self.first.year, self.first.month)

    @property
    def month_key(self) -> str | None:
        """ "YYYY-MM" when the period is one whole calendar month."""
        return f"{self.first:%Y-%m}" if self.is_month else None

    @property
    def label(self) -> str:
        """«Απρίλιος 2026», or «01/04/2026 – 15/04/2026» for a range."""
        if self.is_month:
            return f"{_(MONTH_NAMES[self.first.month - 1])} {self.first.year}"
        return f"{self.first:%d/%m/%Y} – {self.last:%d/%m/%Y}"

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def bounds(self) -> tuple[datetime, datetime]:
        """[start, end): midnight Athens time of the first day and of the day after the last."""
        start = datetime.combine(self.first, time.min, tzinfo=ATHENS)
        end = datetime.combine(self.last + timedelta(days=1), time.min, tzinfo=ATHENS)
        return start, end

    def previous_month(self) -> Period:
        before = self.first - timedelta(days=1)
        return Period.month(before.year, before.month)

    def same_month_last_year(self) -> Period:
        return Period.month(self.first.year - 1, self.first.month)

    def has_ended(self, today: date | None = None) -> bool:
        return self.last < (today or athens_today())

    def as_dict(self) -> dict[str, str]:
        return {"from": self.first.isoformat(), "to": self.last.isoformat()}


def month_period(text: str, *, today: date | None = None) -> Period:
    """The calendar month "YYYY-MM"; PeriodError if it is not one, or is in the future."""
    match = _MONTH.fullmatch((text or "").strip())
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1900:
        raise PeriodError(_("Ο μήνας γράφεται ΕΕΕΕ-ΜΜ, π.χ. 2026-04."))
    period = Period.month(int(match.group(1)), int(match.group(2)))
    _check(period, today or athens_today())
    return period


def range_period(first: str, last: str, *, today: date | None = None) -> Period:
    """The days from `first` to `last` ("YYYY-MM-DD", both included); PeriodError otherwise."""
    days = []
    for text in (first, last):
        text = (text or "").strip()
        try:
            if not _DAY.fullmatch(text):
                raise ValueError(text)
            days.append(date.fromisoformat(text))
        except ValueError:
            raise PeriodError(
                _("Η ημερομηνία «%(text)s» δεν είναι έγκυρη: γράφεται ΕΕΕΕ-ΜΜ-ΗΗ.") % {"text": text}
            ) from None
    period = Period(*days) if days[0] <= days[1] else None
    if period is None:
        raise PeriodError(_("Η περίοδος τελειώνει πριν αρχίσει."))
    today = today or athens_today()
    _check(period, today)
    if period.last > today:
        raise PeriodError(_("Η περίοδος δεν μπορεί να τελειώνει μετά τη σημερινή ημέρα."))
    return period


def _check(period: Period, today: date) -> None:
    if period.first > today:
        raise PeriodError(_("Η περίοδος δεν έχει αρχίσει ακόμη: δεν υπάρχουν στοιχεία για αυτήν."))
    try:
        limit = period.first.replace(year=period.first.year + MAX_YEARS)
    except ValueError:  # 29 February
        limit = date(period.first.year + MAX_YEARS, 3, 1)
    if period.last >= limit:
        message = _("Η περίοδος δεν μπορεί να ξεπερνά τα %(years)d έτη.")
        raise PeriodError(message % {"years": MAX_YEARS})
