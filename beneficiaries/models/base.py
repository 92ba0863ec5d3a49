"""What every record of a case file shares: its access gate and its place in the history."""

from __future__ import annotations

from django.db import models

from beneficiaries.querysets import CaseFileQuerySet
from community_centre.choice_labels import ChoiceLabels


class CaseRecord(ChoiceLabels, models.Model):
    """Abstract base of records that belong to one beneficiary's case file."""

    objects = CaseFileQuerySet.as_manager()

    class Meta:
        abstract = True

    def get_additional_data(self) -> dict:
        """Kept by django-auditlog with each change, so the file's history can find it."""
        return {"beneficiary_id": self.beneficiary_id}
