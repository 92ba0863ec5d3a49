"""Benefit applications the Centre prepares with a household: the members covered, the document
checklist taken from the programme, the external submission, the decision and the renewal."""

from __future__ import annotations

import enum
from datetime import date

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from beneficiaries.models.base import CaseRecord
from community_centre.choices import ColoredChoices
from services.models.programmes import Requirement
from services.querysets.applications import ApplicationDocumentQuerySet, ApplicationQuerySet

# Plain values for the constraints and partial indexes (migrations store plain strings).
OPEN_STATUS_VALUES = ["preparing", "submitted"]
RENEWED_STATUS_VALUES = ["submitted", "approved"]


class BenefitApplication(CaseRecord):
    """An application of a household to a programme, prepared with the Centre."""

    class Status(ColoredChoices):
        PREPARING = "preparing", _("Σε προετοιμασία")
        SUBMITTED = "submitted", _("Υποβλήθηκε")
        APPROVED = "approved", _("Εγκρίθηκε")
        REJECTED = "rejected", _("Απορρίφθηκε")
        WITHDRAWN = "withdrawn", _("Αποσύρθηκε")

        COLORS = enum.nonmember(
            {
                "preparing": "warning",
                "submitted": "primary",
                "approved": "success",
                "rejected": "danger",
                "withdrawn": "secondary",
            }
        )

    TRANSITIONS: dict[str, set[str]] = {
        Status.PREPARING: {Status.SUBMITTED, Status.WITHDRAWN},
        Status.SUBMITTED: {Status.APPROVED, Status.REJECTED, Status.WITHDRAWN},
        Status.APPROVED: set(),
        Status.REJECTED: set(),
        Status.WITHDRAWN: set(),
    }
    OPEN_STATUSES = [Status.PREPARING, Status.SUBMITTED]
    # Statuses whose renewal date is reminded of (until a newer application renews it).
    RENEWED_STATUSES = [Status.SUBMITTED, Status.APPROVED]

    beneficiary = models.ForeignKey(
        "beneficiaries.Beneficiary",
        on_delete=models.PROTECT,
        related_name="benefit_applications",
        verbose_name=_("αιτών/ούσα"),
    )
    programme = models.ForeignKey(
        "services.Programme",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("πρόγραμμα"),
    )
    covered_members = models.ManyToManyField(
        "beneficiaries.HouseholdMember",
        blank=True,
        related_name="+",
        verbose_name=_("μέλη που καλύπτει"),
    )
    status = models.CharField(
        _("κατάσταση"), max_length=20, choices=Status.choices, default=Status.PREPARING
    )
    status_changed_at = models.DateTimeField(_("τελευταία αλλαγή κατάστασης"))
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("λειτουργός"),
    )
    prepared_from = models.DateField(_("έναρξη προετοιμασίας"))
    # The ΕΕΕ screening: what the form asks beyond the members' ages.
    single_parent = models.BooleanField(_("μονογονεϊκή οικογένεια"), default=False)
    unprotected_children = models.PositiveSmallIntegerField(_("απροστάτευτα τέκνα"), default=0)
    income_6m = models.DecimalField(
        _("δηλωμένο εισόδημα 6 μηνών (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    # The external submission.
    submitted_on = models.DateField(_("ημερομηνία υποβολής"), null=True, blank=True)
    submitted_via = models.CharField(_("πλατφόρμα ή φορέας υποβολής"), max_length=200,
                                     blank=True)  # fmt: skip
    external_protocol = models.CharField(_("αριθμός πρωτοκόλλου φορέα"), max_length=100,
                                         blank=True)  # fmt: skip
    # The decision.
    decided_on = models.DateField(_("ημερομηνία απόφασης"), null=True, blank=True)
    monthly_amount = models.DecimalField(
        _("μηνιαίο ποσό (€)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    renewal_on = models.DateField(_("ημερομηνία ανανέωσης"), null=True, blank=True)
    # The newer application of the same programme that renews this one: no more reminders.
    renewed_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ανανεώθηκε με"),
    )
    # The latest request of the missing documents (requests app), printed from there.
    document_request = models.ForeignKey(
        "requests.DocumentRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("αίτημα ελλειπόντων δικαιολογητικών"),
    )
    notes = models.TextField(_("σημειώσεις"), blank=True)
    created_at = models.DateTimeField(_("καταχωρίστηκε"), auto_now_add=True)
    # The version every edit and move carries (community_centre.versions).
    updated_at = models.DateTimeField(_("τελευταία αλλαγή"), auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("αίτηση παροχής")
        verbose_name_plural = _("αιτήσεις παροχών")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["beneficiary", "programme"],
                condition=Q(status__in=OPEN_STATUS_VALUES),
                name="application_one_open_per_programme",
                violation_error_message=_(
                    "Ο φάκελος έχει ήδη ανοικτή αίτηση σε αυτό το πρόγραμμα· συνεχίστε εκείνη."
                ),
            ),
            models.CheckConstraint(
                condition=Q(submitted_on__isnull=True) | Q(submitted_on__gte=F("prepared_from")),
                name="application_submitted_after_preparation",
                violation_error_message=_(
                    "Η υποβολή δεν μπορεί να προηγείται της έναρξης της προετοιμασίας."
                ),
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True)
                | (Q(submitted_on__isnull=False) & Q(decided_on__gte=F("submitted_on"))),
                name="application_decided_after_submission",
                violation_error_message=_("Η απόφαση δεν μπορεί να προηγείται της υποβολής."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["preparing"])
                | Q(status="withdrawn")
                | Q(submitted_on__isnull=False),
                name="application_submitted_has_date",
                violation_error_message=_("Μια αίτηση που υποβλήθηκε έχει ημερομηνία υποβολής."),
            ),
            models.CheckConstraint(
                condition=(Q(monthly_amount__isnull=True) | Q(monthly_amount__gte=0))
                & (Q(income_6m__isnull=True) | Q(income_6m__gte=0)),
                name="application_amounts_not_negative",
                violation_error_message=_("Τα ποσά δεν μπορούν να είναι αρνητικά."),
            ),
        ]
        indexes = [
            models.Index(fields=["beneficiary", "-created_at"], name="application_beneficiary"),
            # The staff list: latest status change first, for all, a programme or a status.
            models.Index(fields=["-status_changed_at", "-id"], name="application_changed"),
            models.Index(
                fields=["programme", "-status_changed_at", "-id"], name="application_programme"
            ),
            models.Index(fields=["status", "-status_changed_at", "-id"], name="application_status"),
            # «My work» and «to submit»: those in preparation, oldest first.
            models.Index(
                fields=["worker", "prepared_from", "id"],
                condition=Q(status="preparing"),
                name="application_to_submit_worker",
            ),
            models.Index(
                fields=["prepared_from", "id"],
                condition=Q(status="preparing"),
                name="application_to_submit",
            ),
            # Renewals due: by renewal date, while not renewed.
            models.Index(
                fields=["renewal_on", "id"],
                condition=Q(
                    status__in=RENEWED_STATUS_VALUES,
                    renewed_by__isnull=True,
                    renewal_on__isnull=False,
                ),
                name="application_renewal_due",
            ),  # fmt: skip
            models.Index(
                fields=["worker", "renewal_on", "id"],
                condition=Q(
                    status__in=RENEWED_STATUS_VALUES,
                    renewed_by__isnull=True,
                    renewal_on__isnull=False,
                ),
                name="application_renewal_worker",
            ),  # fmt: skip
            # Issue 11: applications submitted in a period.
            models.Index(fields=["submitted_on"], name="application_submitted_on"),
            # The monthly report: the people served in a period, by an index-only range scan.
            models.Index(
                fields=["submitted_on", "beneficiary"], name="application_submitted_person"
            ),
        ]

    def __str__(self) -> str:
        # Own fields only: the case file's history names many applications at once.
        return _("Αίτηση παροχής της %(day)s") % {"day": f"{self.prepared_from:%d/%m/%Y}"}

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, set())

    def get_status_color(self) -> str:
        return self.Status.color_of(self.status)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_preparing(self) -> bool:
        return self.status == self.Status.PREPARING

    @property
    def reminds_renewal(self) -> bool:
        return (
            self.status in self.RENEWED_STATUSES
            and self.renewed_by_id is None
            and self.renewal_on is not None
        )

    def renewal_due_on(self, day: date, until: date) -> bool:
        """Whether the renewal is reminded of on `day`, `until` being the last renewal date
        reminded that day (services.checklist.renewals_due_until)."""
        return self.reminds_renewal and self.renewal_on <= until

    def renewal_overdue_on(self, day: date) -> bool:
        return self.reminds_renewal and self.renewal_on < day


class ItemState(models.TextChoices):
    MISSING = "missing", _("Λείπει")
    COLLECTED = "collected", _("Συγκεντρώθηκε")
    NOT_APPLICABLE = "not_applicable", _("Δεν ισχύει")


class ApplicationDocument(CaseRecord):
    """One line of an application's checklist: a document of the applicant or of one covered
    member, collected, missing or not applicable, with the file of the case file that satisfies
    it."""

    application = models.ForeignKey(
        BenefitApplication,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("αίτηση"),
    )
    document_type = models.ForeignKey(
        "beneficiaries.DocumentType",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("δικαιολογητικό"),
    )
    # None: the applicant's own document; else the covered member's it is.
    member = models.ForeignKey(
        "beneficiaries.HouseholdMember",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("μέλος"),
    )
    requirement = models.CharField(_("πόσο χρειάζεται"), max_length=20, choices=Requirement.choices)
    note = models.CharField(_("σημείωση"), max_length=300, blank=True)
    position = models.PositiveIntegerField(_("σειρά"), default=0)
    state = models.CharField(
        _("κατάσταση"), max_length=20, choices=ItemState.choices, default=ItemState.MISSING
    )
    document = models.ForeignKey(
        "beneficiaries.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("έγγραφο του φακέλου"),
    )
    collected_on = models.DateField(_("συγκεντρώθηκε στις"), null=True, blank=True)
    # The line of the document request that asked for it (requests app): ticking it there, as
    # received, collects this one too.
    requested_item = models.ForeignKey(
        "requests.DocumentRequestItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ζητήθηκε με"),
    )
    updated_at = models.DateTimeField(_("τελευταία αλλαγή"), auto_now=True)

    objects = ApplicationDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("δικαιολογητικό αίτησης")
        verbose_name_plural = _("δικαιολογητικά αιτήσεων")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state="collected")
                | Q(document__isnull=True, collected_on__isnull=True),
                name="applicationdocument_document_only_when_collected",
                violation_error_message=_(
                    "Έγγραφο και ημερομηνία συγκέντρωσης έχει μόνο ένα δικαιολογητικό που "
                    "συγκεντρώθηκε."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["application", "position"], name="applicationdoc_application")
        ]

    def __str__(self) -> str:
        return str(self.document_type)

    def get_additional_data(self) -> dict:
        return {"beneficiary_id": self.application.beneficiary_id}


class ApplicationStatusChange(models.Model):
    """One move of an application's status: who, when, from, to and why."""

    application = models.ForeignKey(
        BenefitApplication,
        on_delete=models.CASCADE,
        related_name="history",
        verbose_name=_("αίτηση"),
    )
    from_status = models.CharField(
        _("από"), max_length=20, choices=BenefitApplication.Status.choices, blank=True
    )
    to_status = models.CharField(_("σε"), max_length=20, choices=BenefitApplication.Status.choices)
    note = models.CharField(_("σημείωση"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("από χρήστη"),
    )
    at = models.DateTimeField(_("πότε"), auto_now_add=True)

    class Meta:
        verbose_name = _("αλλαγή κατάστασης αίτησης")
        verbose_name_plural = _("αλλαγές κατάστασης αιτήσεων")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["application", "-at"], name="applicationchange_app")]

    def __str__(self) -> str:
        moved = f"{self.get_from_status_display() or '—'} → {self.get_to_status_display()}"
        return f"{self.application_id} · {moved}"

    def get_additional_data(self) -> dict:
        return {"beneficiary_id": self.application.beneficiary_id}
