"""Reads of the requests app: the access gate and the lists of «My work»."""

from __future__ import annotations

from beneficiaries.querysets import CaseFileQuerySet


class RequestQuerySet(CaseFileQuerySet):
    """Requests, letters, document requests and appointments: visible with their case file."""

    def for_worker(self, user, field: str = "assigned_worker"):
        return self.filter(**{field: user})
