"""Working days of the Centre and deadlines counted in them (DESIGN.md §5, domain/calendar.md).

A working day is Monday–Friday, not a Greek national public holiday (computed by the `holidays`
package, with Greek names) and not a local holiday of the municipality, after the yearly
adjustments an administrator recorded. 24 and 31 December are half-days and count as working
days. Deadlines: the day of receipt is day 0 and is not counted; the deadline is the n-th working
day after it.

Public contract: `is_working_day(day)` and `add_working_days(start, days)`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, timedelta

import holidays as holidays_package

from community_centre.calendar_models import HolidayAdjustment, LocalHoliday

SATURDAY = 5
# Guard against a runaway loop if a calendar were ever made to have no working day at all.
MAX_SPAN_DAYS = 3660


@functools.cache
def _national_holidays(year: int) -> tuple[tuple[date, str], ...]:
    """Greece's public holidays in `year` with their Greek names: the same for every request,
    and computing them (Orthodox Easter, the package's Greek translations) takes milliseconds."""
    return tuple(holidays_package.Greece(years=year, language="el").items())


def holidays_in(year: int) -> dict[date, str]:
    """Every holiday of the Centre in `year`, date → Greek name (two small queries)."""
    days: dict[date, str] = dict(_national_holidays(year))
    for local in LocalHoliday.objects.filter(is_active=True):
        try:
            days[date(year, local.month, local.day)] = local.name
        except ValueError:  # 29 February in a common year
            continue
    adjustments = HolidayAdjustment.objects.filter(date__year=year)
    for adjustment in adjustments:
        if adjustment.kind == HolidayAdjustment.Kind.ADD:
            days[adjustment.date] = adjustment.name
        else:
            days.pop(adjustment.date, None)
    return dict(sorted(days.items()))


class WorkingCalendar:
    """Working-day arithmetic over a span of years, reading each year's holidays once."""

    def __init__(self) -> None:
        self._years: dict[int, dict[date, str]] = {}

    def holidays(self, year: int) -> dict[date, str]:
        if year not in self._years:
            self._years[year] = holidays_in(year)
        return self._years[year]

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < SATURDAY and day not in self.holidays(day.year)

    def add_working_days(self, start: date, days: int) -> date:
        step = timedelta(days=1 if days >= 0 else -1)
        remaining, current = abs(days), start
        for _ in range(MAX_SPAN_DAYS):
            if remaining == 0:
                return current
            current += step
            if self.is_working_day(current):
                remaining -= 1
        raise ValueError("no working days in the calendar span")


def is_working_day(day: date) -> bool:
    """True when the Centre is open on `day`: a weekday that is no national or local holiday."""
    return WorkingCalendar().is_working_day(day)


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start`; `start` itself (day of receipt) not counted.

    add_working_days(date(2026, 4, 8), 10) == date(2026, 4, 24): Good Friday and Easter Monday
    are skipped. A negative `days` counts back.
    """
    return WorkingCalendar().add_working_days(start, days)


# Apps whose records carry due dates in working days register a function that recomputes the
# open ones; `calendar_changed()` runs them after an administrator edits the holidays.
_recomputers: list[Callable[[WorkingCalendar], int]] = []


def register_due_date_recomputer(recompute: Callable[[WorkingCalendar], int]) -> None:
    if recompute not in _recomputers:
        _recomputers.append(recompute)


def calendar_changed() -> int:
    """Recompute the due dates of every open item after a calendar change; returns how many."""
    calendar = WorkingCalendar()
    return sum(recompute(calendar) for recompute in _recomputers)
