"""How long each kind of record is kept (GDPR Art. 5(1)(e)), and the record of each run that
applied those periods (`manage.py apply_retention`)."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from beneficiaries.models.base import CaseRecord
from beneficiaries.retention.periods import years_before


class RecordType(models.TextChoices):
    CASE_FILE = "case_file", _("Κλειστός φάκελος και όλα τα στοιχεία του")
    ACCESS_LOG = "access_log", _("Αρχείο πρόσβασης")
    IMPORT_FILE = "import_file", _("Αρχείο εισαγωγής μητρώου")
    LOGIN_RECORD = "login_record", _("Καταγραφές συνδέσεων")


# From when each period counts.
STARTS_FROM = {
    RecordType.CASE_FILE: _("από το κλείσιμο του φακέλου"),
    RecordType.ACCESS_LOG: _("από την καταγραφή"),
    RecordType.IMPORT_FILE: _("από το τέλος της εισαγωγής"),
    RecordType.LOGIN_RECORD: _("από τη σύνδεση"),
}
# What happens when it ends.
WHAT_HAPPENS = {
    RecordType.CASE_FILE: _("Ανωνυμοποίηση (αφαιρούνται τα στοιχεία ταυτότητας και τα αρχεία)"),
    RecordType.ACCESS_LOG: _("Διαγραφή"),
    RecordType.IMPORT_FILE: _("Διαγραφή του αρχείου και των γραμμών της αναφοράς"),
    RecordType.LOGIN_RECORD: _("Διαγραφή"),
}


class RetentionPolicy(models.Model):
    """How long one kind of record is kept: years and days after the moment its type names."""

    record_type = models.CharField(
        _("είδος στοιχείων"), max_length=20, choices=RecordType.choices, unique=True
    )
    years = models.PositiveSmallIntegerField(
        _("έτη"), default=0, validators=[MaxValueValidator(100, _("Το πολύ 100 έτη."))]
    )
    days = models.PositiveSmallIntegerField(
        _("ημέρες"), default=0, validators=[MaxValueValidator(3650, _("Το πολύ 3.650 ημέρες."))]
    )
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

    @property
    def period_display(self) -> str:
        parts = []
        if self.years:
            parts.append(ngettext("%(n)d έτος", "%(n)d έτη", self.years) % {"n": self.years})
        if self.days:
            parts.append(ngettext("%(n)d ημέρα", "%(n)d ημέρες", self.days) % {"n": self.days})
        return " ".join(parts) if len(parts) < 2 else _("%(years)s και %(days)s") % {
            "years": parts[0], "days": parts[1]
        }  # fmt: skip

    @property
    def starts_from(self) -> str:
        return str(STARTS_FROM.get(self.record_type, ""))

    @property
    def what_happens(self) -> str:
        return str(WHAT_HAPPENS.get(self.record_type, ""))

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

    def summary(self) -> list[tuple[str, int]]:
        """(record type's label, records due or done) for every record type."""
        return [(label, self.counts.get(value, 0)) for value, label in RecordType.choices]


class LegalHoldChange(CaseRecord):
    """One placing or lifting of a legal hold on a case file: who, when and why."""

    beneficiary = models.ForeignKey(
        "beneficiaries.Beneficiary",
        on_delete=models.CASCADE,
        related_name="legal_hold_changes",
        verbose_name=_("ωφελούμενος"),
    )
    placed = models.BooleanField(_("δέσμευση"))
    reason = models.CharField(_("αιτιολογία"), max_length=300)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("από χρήστη"),
    )
    at = models.DateTimeField(_("πότε"), auto_now_add=True)

    class Meta:
        verbose_name = _("αλλαγή δέσμευσης φακέλου")
        verbose_name_plural = _("αλλαγές δέσμευσης φακέλου")
        ordering = ["-at", "-pk"]
        default_permissions = ("view",)
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="legalholdchange_has_reason",
                violation_error_message=_("Γράψτε την αιτιολογία."),
            ),
        ]

    def __str__(self) -> str:
        return str(_("Δέσμευση") if self.placed else _("Άρση δέσμευσης"))
