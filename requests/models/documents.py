"""Documents a beneficiary must bring, with a due date in working days and a printed list."""

from __future__ import annotations

import enum

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from beneficiaries.models.base import CaseRecord
from community_centre.choices import ColoredChoices
from requests.models.base import WorkingDayDeadline
from requests.querysets import DeadlineQuerySet


class DocumentRequest(CaseRecord, WorkingDayDeadline):
    """A list of supporting documents asked of a beneficiary, to be brought by a due date."""

    class Status(ColoredChoices):
        OPEN = "open", _("Εκκρεμεί")
        COMPLETE = "complete", _("Προσκομίστηκαν όλα")
        CANCELLED = "cancelled", _("Ακυρώθηκε")

        COLORS = enum.nonmember(
            {"open": "warning", "complete": "success", "cancelled": "secondary"}
        )

    beneficiary = models.ForeignKey(
        "beneficiaries.Beneficiary",
        on_delete=models.PROTECT,
        related_name="document_requests",
        verbose_name=_("ωφελούμενος"),
    )
    assistance_request = models.ForeignKey(
        "requests.AssistanceRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="document_requests",
        verbose_name=_("για το αίτημα"),
    )
    requested_on = models.DateField(_("ζητήθηκαν στις"))
    note = models.TextField(_("σημείωση"), blank=True)
    status = models.CharField(
        _("κατάσταση"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("καταχώριση"),
    )

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("αίτημα δικαιολογητικών")
        verbose_name_plural = _("αιτήματα δικαιολογητικών")
        ordering = ["-requested_on", "-pk"]
        indexes = [
            # «My work»: open document requests by due date.
            models.Index(
                fields=["due_date", "id"], condition=models.Q(status="open"), name="docreq_open_due"
            )
        ]

    def __str__(self) -> str:
        return _("της %(day)s") % {"day": f"{self.requested_on:%d/%m/%Y}"}

    @classmethod
    def open_condition(cls) -> models.Q:
        return models.Q(status=cls.Status.OPEN)

    @property
    def is_open(self) -> bool:
        """Still waiting for documents; past its due date the person may be excluded from the
        programme (seed page)."""
        return self.status == self.Status.OPEN

    def get_status_color(self) -> str:
        return self.Status.color_of(self.status)


class DocumentRequestItem(models.Model):
    """One document of a document request, ticked off when it arrives."""

    document_request = models.ForeignKey(
        DocumentRequest,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("αίτημα δικαιολογητικών"),
    )
    document_type = models.ForeignKey(
        "beneficiaries.DocumentType",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("δικαιολογητικό"),
    )
    description = models.CharField(_("διευκρίνιση"), max_length=300, blank=True)
    received_document = models.ForeignKey(
        "beneficiaries.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("έγγραφο που προσκομίστηκε"),
    )
    received_on = models.DateField(_("προσκομίστηκε στις"), null=True, blank=True)

    class Meta:
        verbose_name = _("δικαιολογητικό που ζητήθηκε")
        verbose_name_plural = _("δικαιολογητικά που ζητήθηκαν")
        ordering = ["pk"]

    def __str__(self) -> str:
        return str(self.document_type)

    def get_additional_data(self) -> dict:
        return {"beneficiary_id": self.document_request.beneficiary_id}
