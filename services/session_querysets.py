"""Reads of individual sessions: the access gate (`visible_to`, with the case file) and the
rules the lists share — which sessions hold a worker's time, which are upcoming, which were held
in a period (what the monthly counts will aggregate on the plain `date`)."""

from __future__ import annotations

from datetime import date

from beneficiaries.querysets import CaseFileQuerySet

# The statuses in which a session holds its worker's time: planned or held. A cancelled session
# frees it, and so does one the person did not come to (the worker saw someone else instead).
HOLDING_STATUS_VALUES = ["planned", "held"]


class SessionSeriesQuerySet(CaseFileQuerySet):
    """Series of sessions: visible with their case file."""


class SessionQuerySet(CaseFileQuerySet):
    """Sessions: visible with their case file (caseworkers), else none."""

    def holding(self) -> SessionQuerySet:
        """Planned or held: the sessions that take their worker's time."""
        return self.filter(status__in=HOLDING_STATUS_VALUES)

    def upcoming(self, *, on: date) -> SessionQuerySet:
        """Planned, from `on` on."""
        return self.filter(status="planned", date__gte=on)

    def held(self) -> SessionQuerySet:
        return self.filter(status="held")

    def held_between(self, first: date, last: date) -> SessionQuerySet:
        """Held from `first` to `last`, both included (the monthly counts)."""
        return self.held().filter(date__gte=first, date__lte=last)

    def on_day(self, day: date) -> SessionQuerySet:
        return self.filter(date=day)
