"""Assistance requests (αιτήματα) with their protocol number, status moves and history."""

from __future__ import annotations

import enum

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from community_centre.choices import ColoredChoices
from requests.models.base import Channel, ProtocolNumbered, WorkingDayDeadline
from requests.querysets import DeadlineQuerySet


class RequestCategory(models.Model):
    """A kind of request (ΕΕΕ application, housing, food aid …); an editable list."""

    code = models.SlugField(_("κωδικός"), max_length=50, unique=True)
    name = models.CharField(_("όνομα"), max_length=200)
    due_working_days = models.PositiveSmallIntegerField(
        _("συνήθης προθεσμία (εργάσιμες ημέρες)"), default=20
    )
    is_active = models.BooleanField(_("σε χρήση"), default=True)
    order = models.PositiveSmallIntegerField(_("σειρά"), default=100)

    class Meta:
        verbose_name = _("κατηγορία αιτήματος")
        verbose_name_plural = _("κατηγορίες αιτημάτων")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


# The statuses of a request still being worked on, as plain values for the partial indexes (the
# migrations store plain strings; equal to AssistanceRequest.OPEN_STATUSES, a test keeps them so).
OPEN_STATUS_VALUES = ["new", "in_progress", "waiting_documents", "referred"]


class AssistanceRequest(ProtocolNumbered, WorkingDayDeadline):
    """A request of a beneficiary, followed from receipt to an answer."""

    class Status(ColoredChoices):
        NEW = "new", _("Νέο")
        IN_PROGRESS = "in_progress", _("Σε εξέλιξη")
        WAITING_DOCUMENTS = "waiting_documents", _("Αναμονή δικαιολογητικών")
        REFERRED = "referred", _("Παραπέμφθηκε")
        COMPLETED = "completed", _("Ολοκληρώθηκε")
        REJECTED = "rejected", _("Απορρίφθηκε")
        WITHDRAWN = "withdrawn", _("Αποσύρθηκε")

        COLORS = enum.nonmember(
            {
                "new": "primary",
                "in_progress": "info",
                "waiting_documents": "warning",
                "referred": "secondary",
                "completed": "success",
                "rejected": "danger",
                "withdrawn": "light",
            }
        )

    TRANSITIONS: dict[str, set[str]] = {
        Status.NEW: {Status.IN_PROGRESS, Status.WITHDRAWN},
        Status.IN_PROGRESS: {
            Status.WAITING_DOCUMENTS,
            Status.REFERRED,
            Status.COMPLETED,
            Status.REJECTED,
            Status.WITHDRAWN,
        },
        Status.WAITING_DOCUMENTS: {
            Status.IN_PROGRESS,
            Status.COMPLETED,
            Status.REJECTED,
            Status.WITHDRAWN,
        },
        Status.REFERRED: {Status.IN_PROGRESS, Status.COMPLETED, Status.REJECTED, Status.WITHDRAWN},
        Status.COMPLETED: set(),
        Status.REJECTED: set(),
        Status.WITHDRAWN: set(),
    }
    OPEN_STATUSES = [Status.NEW, Status.IN_PROGRESS, Status.WAITING_DOCUMENTS, Status.REFERRED]
    # Moves that close the request for good: they are confirmed and carry their reason.
    FINAL_STATUSES = [Status.COMPLETED, Status.REJECTED, Status.WITHDRAWN]

    beneficiary = models.ForeignKey(
        "beneficiaries.Beneficiary",
        on_delete=models.PROTECT,
        related_name="assistance_requests",
        verbose_name=_("ωφελούμενος"),
    )
    received_at = models.DateTimeField(_("παραλαβή"))
    channel = models.CharField(_("τρόπος υποβολής"), max_length=20, choices=Channel.choices)
    category = models.ForeignKey(
        RequestCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("κατηγορία")
    )
    description = models.TextField(_("περιγραφή"))
    assigned_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assigned_requests",
        verbose_name=_("υπεύθυνος/η"),
    )
    status = models.CharField(
        _("κατάσταση"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    next_step = models.CharField(_("επόμενο βήμα"), max_length=300, blank=True)
    # Until the referrals app follows each referral, the body it went to, as the worker wrote it.
    referred_to = models.CharField(_("παραπέμφθηκε σε"), max_length=200, blank=True)
    outcome = models.CharField(
        _("έκβαση ή αιτιολογία"),
        max_length=500,
        blank=True,
        help_text=_("Πώς έκλεισε το αίτημα: το αποτέλεσμα, ή γιατί απορρίφθηκε ή αποσύρθηκε."),
    )
    last_action_at = models.DateTimeField(_("τελευταία ενέργεια"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("καταχώριση"),
    )
    created_at = models.DateTimeField(_("καταχωρίστηκε"), auto_now_add=True)
    updated_at = models.DateTimeField(_("τελευταία αλλαγή"), auto_now=True)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("αίτημα")
        verbose_name_plural = _("αιτήματα")
        ordering = ["-received_at", "-pk"]
        permissions = [("view_all_work", _("Βλέπει την εργασία όλων των κοινωνικών λειτουργών"))]
        constraints = [
            *ProtocolNumbered.Meta.constraints,
        ]
        indexes = [
            models.Index(fields=["beneficiary", "-received_at"], name="request_beneficiary"),
            models.Index(
                fields=["assigned_worker", "status", "due_date"], name="request_worker_due"
            ),
            models.Index(fields=["status", "last_action_at"], name="request_idle"),
            # The request list: everything newest first; open ones most urgent first.
            models.Index(fields=["-received_at", "-id"], name="request_received"),
            # The monthly report: the people served in a period, by an index-only range scan.
            models.Index(fields=["received_at", "beneficiary"], name="request_received_person"),
            models.Index(
                fields=["due_date", "id"],
                condition=models.Q(status__in=OPEN_STATUS_VALUES),
                name="request_open_due",
            ),
            # «My work»: the idle open requests, everyone's and one worker's, oldest first.
            models.Index(
                fields=["last_action_at", "id"],
                condition=models.Q(status__in=OPEN_STATUS_VALUES),
                name="request_open_idle",
            ),
            models.Index(
                fields=["assigned_worker", "last_action_at", "id"],
                condition=models.Q(status__in=OPEN_STATUS_VALUES),
                name="request_open_idle_worker",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.protocol} {self.category}"

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, set())

    @classmethod
    def open_condition(cls) -> models.Q:
        return models.Q(status__in=cls.OPEN_STATUSES)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def get_status_color(self) -> str:
        return self.Status.color_of(self.status)

    @classmethod
    def is_final(cls, status: str) -> bool:
        return status in cls.FINAL_STATUSES


class RequestStatusChange(models.Model):
    """One move of a request's status: who, when, from, to and why."""

    request = models.ForeignKey(
        AssistanceRequest,
        on_delete=models.CASCADE,
        related_name="history",
        verbose_name=_("αίτημα"),
    )
    from_status = models.CharField(
        _("από"), max_length=20, choices=AssistanceRequest.Status.choices, blank=True
    )
    to_status = models.CharField(_("σε"), max_length=20, choices=AssistanceRequest.Status.choices)
    note = models.CharField(_("σημείωση"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("από χρήστη"),
    )
    at = models.DateTimeField(_("πότε"), auto_now_add=True)

    class Meta:
        verbose_name = _("αλλαγή κατάστασης αιτήματος")
        verbose_name_plural = _("αλλαγές κατάστασης αιτημάτων")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        moved = f"{self.get_from_status_display() or '—'} → {self.get_to_status_display()}"
        return f"{self.request.protocol} · {moved}"

    def get_additional_data(self) -> dict:
        return {"beneficiary_id": self.request.beneficiary_id}
