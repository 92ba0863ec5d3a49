"""Rectification of a case file at the person's request (GDPR art. 16): what was corrected,
from what to what, why, and when and how the person asked."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from beneficiaries.models.base import CaseRecord


class RequestedHow(models.TextChoices):
    """How the person asked for the correction."""

    IN_PERSON = "in_person", _("Αυτοπροσώπως")
    PHONE = "phone", _("Τηλεφωνικά")
    LETTER = "letter", _("Με επιστολή ή αίτηση")
    EMAIL = "email", _("Με ηλεκτρονικό ταχυδρομείο")
    REPRESENTATIVE = "representative", _("Μέσω εκπροσώπου")


class Rectification(CaseRecord):
    """One correction of a case file's personal data asked for by the person (art. 16 GDPR)."""

    beneficiary = models.ForeignKey(
        "beneficiaries.Beneficiary",
        on_delete=models.CASCADE,
        related_name="rectifications",
        verbose_name=_("ωφελούμενος"),
    )
    # The household member corrected (their own request, or the person's for them); empty for a
    # correction of the case file itself. Kept empty if the member is later removed.
    member = models.ForeignKey(
        "beneficiaries.HouseholdMember",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rectifications",
        verbose_name=_("μέλος νοικοκυριού"),
    )
    # {field name: [old, new]}, the values as they were stored (text, dates ISO, ids of choices),
    # of the case file's fields, or of the member's when `member` is set
    changes = models.JSONField(_("διορθώσεις"))
    reason = models.CharField(_("αιτιολογία"), max_length=500)
    requested_on = models.DateField(_("ημερομηνία αιτήματος"))
    requested_how = models.CharField(
        _("τρόπος αιτήματος"), max_length=20, choices=RequestedHow.choices
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("από χρήστη"),
    )
    at = models.DateTimeField(_("πότε"), auto_now_add=True)

    class Meta:
        verbose_name = _("διόρθωση στοιχείων")
        verbose_name_plural = _("διορθώσεις στοιχείων")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["beneficiary", "-at"], name="rectification_person")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(changes={}),
                name="rectification_changes_something",
                violation_error_message=_("Μια διόρθωση αλλάζει τουλάχιστον ένα στοιχείο."),
            ),
            models.CheckConstraint(
                condition=~models.Q(reason=""),
                name="rectification_has_reason",
                violation_error_message=_("Γράψτε την αιτιολογία της διόρθωσης."),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Διόρθωση στοιχείων της %s") % self.requested_on.strftime("%d/%m/%Y"))

    @property
    def fields(self) -> list[str]:
        return list(self.changes)
