"""Reads of the requests app: the access gate and the deadline rules of «My work»."""

from __future__ import annotations

from datetime import date

from beneficiaries.querysets import CaseFileQuerySet
from requests.due import due_soon_until


class RequestQuerySet(CaseFileQuerySet):
    """Requests, letters, document requests and appointments: visible with their case file."""


class DeadlineQuerySet(RequestQuerySet):
    """Items with a working-day due date; each model says which are open (`open_condition`)."""

    def open(self) -> DeadlineQuerySet:
        return self.filter(self.model.open_condition())

    def overdue(self, *, on: date) -> DeadlineQuerySet:
        """Open and due before `on` (requests.due)."""
        return self.open().filter(due_date__lt=on)

    def due_soon(self, *, on: date, until: date | None = None) -> DeadlineQuerySet:
        """Open and due from `on` up to `until` (default: due_soon_until(on), a calendar read)."""
        return self.open().filter(due_date__gte=on, due_date__lte=until or due_soon_until(on))
