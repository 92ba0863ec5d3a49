"""Reads of benefit applications: the access gate (`visible_to`, the case file's rule) and the
lists «to submit» and «renewal due» that «My work» and the application list share."""

from __future__ import annotations

from datetime import date

from django.db import models

from community_centre.roles import can_read_case_files


class ApplicationQuerySet(models.QuerySet):
    def visible_to(self, user) -> ApplicationQuerySet:
        """Caseworkers: every application, as every record of a case file. Anyone else: none."""
        return self if can_read_case_files(user) else self.none()

    def open(self) -> ApplicationQuerySet:
        return self.filter(status__in=self.model.OPEN_STATUSES)

    def to_submit(self) -> ApplicationQuerySet:
        """In preparation: still to be submitted (partial index application_to_submit)."""
        return self.filter(status=self.model.Status.PREPARING)

    def renewals_due(self, until: date) -> ApplicationQuerySet:
        """Submitted or approved, not yet renewed, whose renewal date is at most `until` (overdue
        ones included): `until` is services.checklist.renewals_due_until(today)."""
        return self.filter(
            status__in=self.model.RENEWED_STATUSES,
            renewed_by__isnull=True,
            renewal_on__isnull=False,
            renewal_on__lte=until,
        )


class ApplicationDocumentQuerySet(models.QuerySet):
    def visible_to(self, user) -> ApplicationDocumentQuerySet:
        return self if can_read_case_files(user) else self.none()
