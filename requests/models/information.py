"""«How is my request going?»: information requests, due in 10 working days, answered by a
printed status letter whose exact PDF is kept and whose delivery is recorded."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from requests.models.base import Channel, ProtocolNumbered, WorkingDayDeadline
from requests.querysets import DeadlineQuerySet, RequestQuerySet

INFORMATION_DUE_WORKING_DAYS = 10


def letter_path(instance: StatusLetter, filename: str) -> str:
    return f"letters/{instance.beneficiary_id}/{uuid.uuid4().hex}.pdf"


class InformationRequest(ProtocolNumbered, WorkingDayDeadline):
    """The beneficiary asked how their requests stand; the Centre answers within 10 working days."""

    beneficiary = models.ForeignKey(
        "beneficiaries.Beneficiary",
        on_delete=models.PROTECT,
        related_name="information_requests",
        verbose_name=_("ωφελούμενος"),
    )
    about = models.ForeignKey(
        "requests.AssistanceRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="information_requests",
        verbose_name=_("για το αίτημα"),
        help_text=_("Κενό: για όλα τα ανοικτά αιτήματα."),
    )
    received_at = models.DateTimeField(_("παραλαβή"))
    channel = models.CharField(_("τρόπος υποβολής"), max_length=20, choices=Channel.choices)
    note = models.CharField(_("σημείωση"), max_length=500, blank=True)
    # Without an index of its own: only the unanswered ones are looked up by due date, through
    # the partial index below. A plain one looked cheaper to the planner for «due soon» and made
    # it read and sort every match before taking the first 50.
    due_date = models.DateField(_("προθεσμία έως"))
    answered_on = models.DateField(_("απαντήθηκε στις"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("καταχώριση"),
    )

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("αίτημα ενημέρωσης")
        verbose_name_plural = _("αιτήματα ενημέρωσης")
        ordering = ["-received_at", "-pk"]
        constraints = [
            *ProtocolNumbered.Meta.constraints,
        ]
        indexes = [
            models.Index(fields=["answered_on", "due_date"], name="information_open_due"),
            # The monthly report: the people served in a period, by an index-only range scan.
            models.Index(fields=["received_at", "beneficiary"], name="information_received_person"),
            # «My work»: unanswered information requests by due date.
            models.Index(
                fields=["due_date", "id"],
                condition=models.Q(answered_on__isnull=True),
                name="information_unanswered_due",
            ),
        ]

    def __str__(self) -> str:
        return self.protocol  # «Αίτημα ενημέρωσης 2026/000523» where its kind is not obvious

    @classmethod
    def open_condition(cls) -> models.Q:
        return models.Q(answered_on__isnull=True)

    @property
    def is_open(self) -> bool:
        return self.answered_on is None


class StatusLetter(ProtocolNumbered):
    """A printed letter on the status of a person's requests, kept exactly as it was given."""

    class Delivery(models.TextChoices):
        BY_HAND = "by_hand", _("Ιδιοχείρως")
        POST = "post", _("Ταχυδρομικά")
        EMAIL = "email", _("Με email")

    class Recipient(models.TextChoices):
        PERSON = "person", _("Το ίδιο το πρόσωπο")
        REPRESENTATIVE = "representative", _("Ο εξουσιοδοτημένος εκπρόσωπος")
        OTHER = "other", _("Άλλο πρόσωπο")

    beneficiary = models.ForeignKey(
        "beneficiaries.Beneficiary",
        on_delete=models.PROTECT,
        related_name="status_letters",
        verbose_name=_("ωφελούμενος"),
    )
    information_request = models.ForeignKey(
        InformationRequest,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="letters",
        verbose_name=_("απάντηση στο αίτημα ενημέρωσης"),
    )
    about = models.ForeignKey(
        "requests.AssistanceRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="letters",
        verbose_name=_("για το αίτημα"),
    )
    issued_on = models.DateField(_("ημερομηνία"))
    pdf = models.FileField(_("έγγραφο"), upload_to=letter_path, max_length=200)
    sha256 = models.CharField(max_length=64)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("υπογράφων/ουσα"),
    )
    delivery_method = models.CharField(
        _("τρόπος επίδοσης"), max_length=10, choices=Delivery.choices, blank=True
    )
    delivered_on = models.DateField(_("επιδόθηκε στις"), null=True, blank=True)
    received_by = models.CharField(
        _("παρέλαβε"), max_length=20, choices=Recipient.choices, blank=True
    )
    received_by_name = models.CharField(_("όνομα παραλήπτη"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("καταχωρίστηκε"), auto_now_add=True)

    objects = RequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("επιστολή ενημέρωσης")
        verbose_name_plural = _("επιστολές ενημέρωσης")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            *ProtocolNumbered.Meta.constraints,
            models.CheckConstraint(
                condition=models.Q(delivered_on__isnull=True, delivery_method="")
                | (models.Q(delivered_on__isnull=False) & ~models.Q(delivery_method="")),
                name="statusletter_delivery_complete",
                violation_error_message=_("Η επίδοση χρειάζεται τρόπο και ημερομηνία."),
            ),
        ]

    def __str__(self) -> str:
        return self.protocol
