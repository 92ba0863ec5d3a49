"""A month's figures as the coordinator signed them off, and the re-openings of signed months.

The signed figures are kept as the exact kk-report JSON text that was signed (and its sha256),
never rebuilt from the data, so that the month's report reads the same years later. A signed
report is never deleted: re-opening a month takes it out of force, with the reason, and the
month can be signed again; at most one signed report is in force per period.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from reporting.period import Period


class SignedReportQuerySet(models.QuerySet):
    def in_force(self) -> SignedReportQuerySet:
        return self.filter(in_force=True)

    def of(self, period: Period) -> SignedReportQuerySet:
        return self.filter(period_first=period.first, period_last=period.last)


class SignedReport(models.Model):
    """The figures of one period exactly as they were signed off: the JSON text and its hash."""

    period_first = models.DateField(_("από"))
    period_last = models.DateField(_("έως"))
    document = models.TextField(_("αναφορά (JSON)"))
    sha256 = models.CharField(_("αποτύπωμα SHA-256"), max_length=64)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("υπέγραψε"),
    )
    signed_at = models.DateTimeField(_("υπογράφηκε"))
    in_force = models.BooleanField(_("σε ισχύ"), default=True)

    objects = SignedReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("υπογεγραμμένη αναφορά")
        verbose_name_plural = _("υπογεγραμμένες αναφορές")
        ordering = ["-period_first", "-signed_at"]
        # Only the three permissions of the reporting pages: nothing here is added, changed or
        # deleted by hand (community_centre.permissions gives them to the coordinator).
        default_permissions = ()
        permissions = [
            ("view_report", _("Προβολή μηνιαίας αναφοράς")),
            ("sign_off_report", _("Υπογραφή μηνιαίας αναφοράς")),
            ("view_dashboard", _("Πίνακας ελέγχου συντονισμού")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["period_first", "period_last"],
                condition=Q(in_force=True),
                name="signedreport_one_in_force_per_period",
                violation_error_message=_("Η περίοδος έχει ήδη υπογεγραμμένη αναφορά σε ισχύ."),
            ),
            models.CheckConstraint(
                condition=Q(period_first__lte=F("period_last")),
                name="signedreport_period_in_order",
                violation_error_message=_("Η περίοδος τελειώνει πριν αρχίσει."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period.label} ({self.signed_at:%d/%m/%Y})"

    @property
    def period(self) -> Period:
        return Period(self.period_first, self.period_last)

    @staticmethod
    def digest(text: str) -> str:
        return hashlib.sha256(text.encode()).hexdigest()

    @property
    def is_intact(self) -> bool:
        """The stored text is the one that was signed (its hash still matches)."""
        return self.digest(self.document) == self.sha256


class Reopening(models.Model):
    """A signed month opened again: who, when and why; the signed report it took out of force."""

    signed_report = models.OneToOneField(
        SignedReport,
        on_delete=models.PROTECT,
        related_name="reopening",
        verbose_name=_("υπογεγραμμένη αναφορά"),
    )
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("άνοιξε ξανά"),
    )
    reopened_at = models.DateTimeField(_("πότε"))
    reason = models.TextField(_("αιτιολογία"), max_length=1000)

    class Meta:
        verbose_name = _("επανάνοιγμα μήνα")
        verbose_name_plural = _("επανανοίγματα μηνών")
        ordering = ["-reopened_at"]
        default_permissions = ()
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="reopening_has_reason",
                violation_error_message=_("Γράψτε γιατί ανοίγει ξανά ο μήνας."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.signed_report} — {self.reopened_at:%d/%m/%Y}"
