"""Supporting documents (δικαιολογητικά) kept in the case file as private files."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from beneficiaries.models.base import CaseRecord


def document_path(instance: Document, filename: str) -> str:
    """A random name under the beneficiary's folder: the original name is kept in the row only."""
    return f"beneficiaries/{instance.beneficiary_id}/{uuid.uuid4().hex}"


class DocumentType(models.Model):
    """A kind of supporting document (identity card, tax assessment, lease …); an editable list."""

    # Codes the case file itself relies on (reference data creates them).
    CONSENT_FORM = "consent-form"
    AUTHORISATION = "authorisation"

    code = models.SlugField(_("κωδικός"), max_length=50, unique=True)
    name = models.CharField(_("όνομα"), max_length=200)
    has_expiry = models.BooleanField(_("έχει ημερομηνία λήξης"), default=False)
    is_active = models.BooleanField(_("σε χρήση"), default=True)

    class Meta:
        verbose_name = _("είδος δικαιολογητικού")
        verbose_name_plural = _("είδη δικαιολογητικών")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Document(CaseRecord):
    """An uploaded file of the case file, typed and dated, with an optional expiry."""

    beneficiary = models.ForeignKey(
        "beneficiaries.Beneficiary",
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("ωφελούμενος"),
    )
    document_type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("είδος")
    )
    description = models.CharField(_("περιγραφή"), max_length=200, blank=True)
    issued_on = models.DateField(_("ημερομηνία εγγράφου"), null=True, blank=True)
    expires_on = models.DateField(_("λήξη"), null=True, blank=True)
    file = models.FileField(_("αρχείο"), upload_to=document_path, max_length=200)
    original_name = models.CharField(_("όνομα αρχείου"), max_length=200)
    content_type = models.CharField(_("τύπος"), max_length=50)
    size = models.PositiveIntegerField(_("μέγεθος (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ανέβηκε από"),
    )
    uploaded_at = models.DateTimeField(_("ανέβηκε"), auto_now_add=True)

    class Meta:
        verbose_name = _("δικαιολογητικό")
        verbose_name_plural = _("δικαιολογητικά")
        ordering = ["-uploaded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True)
                | models.Q(issued_on__isnull=True)
                | models.Q(expires_on__gte=models.F("issued_on")),
                name="document_expires_after_issue",
                violation_error_message=_(
                    "Η ημερομηνία λήξης δεν μπορεί να προηγείται της ημερομηνίας του εγγράφου."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.document_type}: {self.original_name}"

    def is_expired_on(self, day) -> bool:
        return self.expires_on is not None and self.expires_on < day
