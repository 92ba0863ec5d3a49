"""How long each kind of record is kept (GDPR Art. 5(1)(e)), and the record of each run that
applied those periods (`manage.py apply_retention`)."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from beneficiaries.retention.periods import years_before


class RecordType(models.TextChoices):
    CASE_FILE = "case_file", _("Κλειστός φάκελος και όλα τα στοιχεία του")
    ACCESS_LOG = "access_log", _("Αρχείο πρόσβασης")
    IMPORT_FILE = "import_file", _("Αρχείο εισαγωγής μητρώου")
    LOGIN_RECORD = "login_record", _("Καταγραφές συνδέσεων")


class RetentionPolicy(models.Model):
    """How long one kind of record is kept: years and days after the moment its type names."""

    record_type = models.CharField(
        _("είδος στοιχείων"), max_length=20, choices=RecordType.choices, unique=True
    )
    years = models.PositiveSmallIntegerField(_("έτη"), default=0)
    days = models.PositiveSmallIntegerField(_("ημέρες"), default=0)
    note = models.TextField(_("αιτιολόγηση"), max_length=1000)
    # The version an edit form carries (community_centre.versions).
    updated_at = models.DateTimeField(_("τελευταία αλλαγή"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("από χρήστη"),
    )

    class Meta:
        verbose_name = _("πολιτική διατήρησης")
        verbose_name_plural = _("πολιτικές διατήρησης")
        ordering = ["record_type"]
        default_permissions = ("view", "change")
        permissions = [("manage_retention", _("Διαχείριση διατήρησης δεδομένων"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(years__gt=0) | Q(days__gt=0),
                name="retentionpolicy_positive_period",
                violation_error_message=_("Η διάρκεια διατήρησης δεν μπορεί να είναι μηδενική."),
            ),
            models.CheckConstraint(
                condition=Q(years__lte=100) & Q(days__lte=3650),
                name="retentionpolicy_period_in_range",
                violation_error_message=_(
                    "Η διάρκεια διατήρησης είναι έως 100 έτη και έως 3.650 ημέρες."
                ),
            ),
        ]

    def __str__(self) -> str:
        return str(self.get_record_type_display())

    def cutoff(self, today: date) -> date:
        """Records whose period started before this day are due."""
        return years_before(today, self.years) - timedelta(days=self.days)


class RetentionRun(models.Model):
    """One run of `apply_retention`: who started it and how, when, what it did or would do."""

    command_line = models.CharField(_("εντολή"), max_length=500)
    started_by = models.CharField(_("χρήστης του διακομιστή"), max_length=150, blank=True)
    dry_run = models.BooleanField(_("δοκιμαστική εκτέλεση"), default=False)
    started_at = models.DateTimeField(_("ξεκίνησε"), auto_now_add=True)
    finished_at = models.DateTimeField(_("τελείωσε"), null=True, blank=True)
    # {record type: records due (dry run) or done}, and the case files' numbers.
    counts = models.JSONField(_("πλήθος ανά είδος"), default=dict, blank=True)
    case_files = models.JSONField(_("αριθμοί φακέλων"), default=list, blank=True)
    errors = models.JSONField(_("σφάλματα"), default=list, blank=True)

    class Meta:
        verbose_name = _("εκτέλεση διατήρησης")
        verbose_name_plural = _("εκτελέσεις διατήρησης")
        ordering = ["-started_at", "-pk"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.command_line} {self.started_at:%d/%m/%Y %H:%M}"

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None
