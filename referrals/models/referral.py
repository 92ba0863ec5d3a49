"""Referrals of a person to a partner body, followed to their outcome: what was disclosed, on
what consent or legal basis, each status move with its history."""

from __future__ import annotations

import enum
from datetime import date

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beneficiaries import special_categories
from beneficiaries.models.base import CaseRecord
from community_centre.choices import ColoredChoices
from community_centre.protocol import format_protocol
from referrals.querysets import ReferralQuerySet


class Urgency(ColoredChoices):
    NORMAL = "normal", _("Κανονική")
    URGENT = "urgent", _("Επείγουσα")

    COLORS = enum.nonmember({"normal": "secondary", "urgent": "danger"})


class Disclosed(models.TextChoices):
    """What of the case file a referral may disclose to the body, ticked one by one (the chosen
    documents of the case file are ticked separately, `Referral.disclosed_documents`)."""

    NAME = "name", _("Ονοματεπώνυμο")
    DATE_OF_BIRTH = "date_of_birth", _("Ημερομηνία γέννησης")
    AMKA = "amka", _("ΑΜΚΑ")
    AFM = "afm", _("ΑΦΜ")
    PHONE = "phone", _("Τηλέφωνο")
    ADDRESS = "address", _("Διεύθυνση")
    HOUSEHOLD = "household", _("Σύνθεση νοικοκυριού")
    REASON = "reason", _("Λόγος παραπομπής")


class Basis(models.TextChoices):
    """Why the body may receive the data: the person's consent, or a legal basis (GDPR art. 6)."""

    CONSENT = "consent", _("Συναίνεση του προσώπου")
    VITAL_INTEREST = "vital_interest", _("Ζωτικό συμφέρον")
    LEGAL_OBLIGATION = "legal_obligation", _("Έννομη υποχρέωση")
    PUBLIC_TASK = "public_task", _("Άσκηση δημόσιας εξουσίας / καθήκον δημόσιου συμφέροντος")


class ConsentHow(models.TextChoices):
    SIGNED_SLIP = "signed_slip", _("Υπογραφή στο παραπεμπτικό σημείωμα")
    IN_PERSON = "in_person", _("Προφορικά, αυτοπροσώπως")
    BY_PHONE_REPRESENTATIVE = "by_phone_representative", _("Τηλεφωνικά, μέσω εκπροσώπου")


# Plain values for the partial indexes and constraints (migrations store plain strings).
FOLLOWED_STATUS_VALUES = ["sent", "accepted"]


class Referral(CaseRecord):
    """A person referred to a partner body's service for one assistance request."""

    class Status(ColoredChoices):
        DRAFT = "draft", _("Πρόχειρη")
        SENT = "sent", _("Στάλθηκε")
        ACCEPTED = "accepted", _("Έγινε δεκτή")
        DECLINED = "declined", _("Απορρίφθηκε")
        COMPLETED = "completed", _("Ολοκληρώθηκε")
        DID_NOT_ATTEND = "did_not_attend", _("Δεν προσήλθε")
        REVOKED = "revoked", _("Ανακλήθηκε")

        COLORS = enum.nonmember(
            {
                "draft": "light",
                "sent": "primary",
                "accepted": "info",
                "declined": "danger",
                "completed": "success",
                "did_not_attend": "warning",
                "revoked": "secondary",
            }
        )

    TRANSITIONS: dict[str, set[str]] = {
        Status.DRAFT: {Status.SENT, Status.REVOKED},
        Status.SENT: {Status.ACCEPTED, Status.DECLINED, Status.REVOKED},
        Status.ACCEPTED: {Status.COMPLETED, Status.DID_NOT_ATTEND, Status.REVOKED},
        Status.DECLINED: set(),
        Status.COMPLETED: set(),
        Status.DID_NOT_ATTEND: set(),
        Status.REVOKED: set(),
    }
    # Waiting for the body: its answer (sent) or the outcome (accepted), by `follow_up_on`.
    FOLLOWED_STATUSES = [Status.SENT, Status.ACCEPTED]
    FINAL_STATUSES = [Status.DECLINED, Status.COMPLETED, Status.DID_NOT_ATTEND, Status.REVOKED]
    # The moves the body answers with (a partner account, or staff recording its answer).
    BODY_ANSWERS = [Status.ACCEPTED, Status.DECLINED, Status.COMPLETED, Status.DID_NOT_ATTEND]

    beneficiary = models.ForeignKey(
        "beneficiaries.Beneficiary",
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("ωφελούμενος"),
    )
    assistance_request = models.ForeignKey(
        "requests.AssistanceRequest",
        on_delete=models.PROTECT,
        related_name="referrals",
        verbose_name=_("αίτημα"),
    )
    body = models.ForeignKey(
        "referrals.PartnerBody",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("φορέας"),
    )
    service = models.ForeignKey(
        "referrals.PartnerService",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("υπηρεσία"),
    )
    reason = models.TextField(_("λόγος παραπομπής"))
    urgency = models.CharField(
        _("προτεραιότητα"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    status = models.CharField(
        _("κατάσταση"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    status_changed_at = models.DateTimeField(_("τελευταία αλλαγή κατάστασης"))
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("παρέπεμψε"),
    )
    # What the body receives, ticked by the worker; frozen into `snapshot` when sent.
    disclosed_fields = ArrayField(
        models.CharField(max_length=20, choices=Disclosed.choices),
        verbose_name=_("στοιχεία που γνωστοποιούνται"),
        default=list,
        blank=True,
    )
    # The special categories disclosed (keys of beneficiaries.special_categories), ticked apart
    # from the rest and never by default; frozen into the snapshot's "special" when sent.
    disclosed_special = ArrayField(
        models.CharField(max_length=30),
        verbose_name=_("ειδικές κατηγορίες δεδομένων που γνωστοποιούνται"),
        default=list,
        blank=True,
    )
    disclosed_documents = models.ManyToManyField(
        "beneficiaries.Document",
        through="referrals.ReferralDocument",
        related_name="+",
        blank=True,
        verbose_name=_("δικαιολογητικά που γνωστοποιούνται"),
    )
    snapshot = models.JSONField(
        _("στιγμιότυπο γνωστοποιημένων στοιχείων"), default=dict, blank=True
    )
    # Consent or legal basis of the disclosure.
    basis = models.CharField(_("βάση γνωστοποίησης"), max_length=20, choices=Basis.choices,
                             blank=True)  # fmt: skip
    consent_on = models.DateField(_("ημερομηνία συναίνεσης"), null=True, blank=True)
    consent_how = models.CharField(
        _("τρόπος συναίνεσης"), max_length=30, choices=ConsentHow.choices, blank=True
    )
    basis_note = models.CharField(_("σημείωση για τη βάση"), max_length=500, blank=True)
    consent_withdrawn_on = models.DateField(_("ανάκληση συναίνεσης στις"), null=True, blank=True)
    # Taken when sent: the outgoing protocol number and the follow-up date in working days.
    protocol_year = models.PositiveIntegerField(_("έτος πρωτοκόλλου"), null=True, blank=True,
                                                editable=False)  # fmt: skip
    protocol_number = models.PositiveIntegerField(_("αριθμός πρωτοκόλλου"), null=True,
                                                  blank=True, editable=False)  # fmt: skip
    sent_at = models.DateTimeField(_("αποστολή"), null=True, blank=True)
    follow_up_working_days = models.PositiveSmallIntegerField(
        _("παρακολούθηση (εργάσιμες)"), null=True, blank=True
    )
    follow_up_on = models.DateField(_("παρακολούθηση έως"), null=True, blank=True)
    # The body's decline reason or the outcome of a completed referral.
    outcome = models.CharField(_("έκβαση ή αιτιολογία"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("καταχωρίστηκε"), auto_now_add=True)
    # The version every edit and move carries (community_centre.versions).
    updated_at = models.DateTimeField(_("τελευταία αλλαγή"), auto_now=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("παραπομπή")
        verbose_name_plural = _("παραπομπές")
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("answer_referral", _("Απαντά στις παραπομπές προς τον φορέα του/της")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["protocol_year", "protocol_number"],
                name="referral_protocol_unique",
                violation_error_message=_("Ο αριθμός πρωτοκόλλου έχει ήδη δοθεί."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "revoked"]) | Q(sent_at__isnull=False),
                name="referral_answered_after_sending",
                violation_error_message=_("Μόνο μια παραπομπή που στάλθηκε έχει απάντηση."),
            ),
            models.CheckConstraint(
                condition=Q(sent_at__isnull=True)
                | Q(body__isnull=False, protocol_number__isnull=False, follow_up_on__isnull=False),
                name="referral_sent_has_body_number_and_follow_up",
                violation_error_message=_(
                    "Μια παραπομπή που στάλθηκε έχει φορέα, αριθμό πρωτοκόλλου και ημερομηνία "
                    "παρακολούθησης."
                ),
            ),
            models.CheckConstraint(
                condition=Q(sent_at__isnull=True) | ~Q(basis=""),
                name="referral_sent_has_basis",
                violation_error_message=_(
                    "Η παραπομπή στέλνεται μόνο με συναίνεση ή με νόμιμη βάση."
                ),
            ),
            models.CheckConstraint(
                condition=Q(sent_at__isnull=True)
                | ~Q(basis="consent")
                | (Q(consent_on__isnull=False) & ~Q(consent_how="")),
                name="referral_consent_has_date_and_way",
                violation_error_message=_("Γράψτε πότε και πώς δόθηκε η συναίνεση."),
            ),
            models.CheckConstraint(
                condition=Q(sent_at__isnull=True)
                | Q(basis__in=["", "consent"])
                | ~Q(basis_note=""),
                name="referral_legal_basis_has_note",
                violation_error_message=_("Γράψτε σημείωση που τεκμηριώνει τη νόμιμη βάση."),
            ),
            models.CheckConstraint(
                condition=Q(consent_withdrawn_on__isnull=True) | Q(basis="consent"),
                name="referral_withdrawal_only_of_consent",
                violation_error_message=_("Ανακαλείται μόνο συναίνεση."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["declined", "completed"]) | ~Q(outcome=""),
                name="referral_answer_has_outcome",
                violation_error_message=_(
                    "Η απόρριψη χρειάζεται αιτιολογία και η ολοκλήρωση την έκβαση."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["beneficiary", "-created_at"], name="referral_beneficiary"),
            models.Index(fields=["assistance_request"], name="referral_request"),
            models.Index(fields=["body", "status", "-sent_at"], name="referral_body_status"),
            # The monthly report: the people served in a period, by an index-only range scan.
            models.Index(
                fields=["sent_at", "beneficiary"],
                condition=Q(sent_at__isnull=False),
                name="referral_sent_person",
            ),
            models.Index(fields=["status", "-status_changed_at"], name="referral_status"),
            models.Index(fields=["referred_by", "status"], name="referral_worker_status"),
            # The staff list: the latest status change first, for all, one body or one worker.
            models.Index(fields=["-status_changed_at", "-id"], name="referral_changed"),
            models.Index(
                fields=["body", "-status_changed_at", "-id"], name="referral_body_changed"
            ),
            models.Index(
                fields=["referred_by", "-status_changed_at", "-id"], name="referral_worker_changed"
            ),
            # Overdue referrals («My work», the list): followed ones by follow-up date.
            models.Index(
                fields=["follow_up_on", "id"],
                condition=Q(status__in=FOLLOWED_STATUS_VALUES),
                name="referral_followed_due",
            ),
            models.Index(
                fields=["referred_by", "follow_up_on", "id"],
                condition=Q(status__in=FOLLOWED_STATUS_VALUES),
                name="referral_followed_worker",
            ),
        ]

    def __str__(self) -> str:
        body = self.body.name if self.body_id else _("χωρίς φορέα")
        return f"{self.protocol or _('Πρόχειρη')} → {body}"

    @property
    def protocol(self) -> str:
        """As printed: 2026/000153 (empty while a draft)."""
        if self.protocol_number is None:
            return ""
        return format_protocol(self.protocol_year, self.protocol_number)

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, set())

    def get_status_color(self) -> str:
        return self.Status.color_of(self.status)

    def get_urgency_color(self) -> str:
        return Urgency.color_of(self.urgency)

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_final(self) -> bool:
        return self.status in self.FINAL_STATUSES

    def is_overdue_on(self, day: date) -> bool:
        """Sent and not answered, or accepted without outcome, past the follow-up date."""
        return (
            self.status in self.FOLLOWED_STATUSES
            and self.follow_up_on is not None
            and self.follow_up_on < day
        )

    def days_in_status_on(self, day: date) -> int:
        """Whole days from the last status change (its local date) to `day`."""
        return (day - timezone.localdate(self.status_changed_at)).days

    @property
    def consent_withdrawn(self) -> bool:
        return self.consent_withdrawn_on is not None

    @property
    def body_sees_snapshot(self) -> bool:
        """Whether the body may read what was disclosed: sent, neither revoked nor with the
        consent withdrawn (then the body sees only that the referral was revoked)."""
        return (
            not self.is_draft and self.status != self.Status.REVOKED and not self.consent_withdrawn
        )

    def disclosed_items(self) -> list[tuple[str, list[str]]]:
        """The frozen snapshot as (label, lines) in the order of `Disclosed` (the household and
        the documents a line each; an empty value no line). Empty for a draft."""
        values = self.snapshot.get("values", {})
        items = [(str(choice.label), _lines(values[choice.value])) for choice in Disclosed
                 if choice.value in values]  # fmt: skip
        items += [(special_label(k), _lines(v)) for k, v in self.disclosed_special_items()]
        documents = self.snapshot.get("documents", [])
        if documents:
            items.append((str(_("Δικαιολογητικά")), [d["label"] for d in documents]))
        return items

    def disclosed_special_items(self) -> list[tuple[str, str]]:
        """The special categories the snapshot disclosed, as (label, answer)."""
        return special_categories.labelled(self.snapshot.get("special", {}))


def special_label(label: str) -> str:
    """How a disclosed special category is named wherever the body reads it."""
    return _("%(label)s (ειδική κατηγορία)") % {"label": label}


def _lines(value: str | list[str]) -> list[str]:
    if isinstance(value, list):
        return [str(line) for line in value]
    return [value] if value else []


class ReferralDocument(models.Model):
    """A document of the case file chosen to go with a referral (kept while the referral is)."""

    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="document_links",
        verbose_name=_("παραπομπή"),
    )  # fmt: skip
    document = models.ForeignKey(
        "beneficiaries.Document", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("δικαιολογητικό"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("δικαιολογητικό παραπομπής")
        verbose_name_plural = _("δικαιολογητικά παραπομπών")
        constraints = [
            models.UniqueConstraint(
                fields=["referral", "document"],
                name="referraldocument_once",
                violation_error_message=_("Το δικαιολογητικό έχει ήδη επιλεγεί."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.document_id}"

    def get_additional_data(self) -> dict:
        return {"beneficiary_id": self.referral.beneficiary_id}


class ReferralStatusChange(models.Model):
    """One move of a referral's status: who, when, from, to, why, and who stood for the body."""

    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="history", verbose_name=_("παραπομπή")
    )
    from_status = models.CharField(
        _("από"), max_length=20, choices=Referral.Status.choices, blank=True
    )
    to_status = models.CharField(_("σε"), max_length=20, choices=Referral.Status.choices)
    note = models.CharField(_("σημείωση"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("από χρήστη"),
    )
    at = models.DateTimeField(_("πότε"), auto_now_add=True)
    # The body's own account made the move; or staff recorded the body's answer, confirmed by
    # phone on that day.
    recorded_by_body = models.BooleanField(_("από τον φορέα"), default=False)
    confirmed_by_phone_on = models.DateField(
        _("επιβεβαιώθηκε τηλεφωνικά στις"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("αλλαγή κατάστασης παραπομπής")
        verbose_name_plural = _("αλλαγές κατάστασης παραπομπών")
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(recorded_by_body=False) | Q(confirmed_by_phone_on__isnull=True),
                name="referralstatuschange_body_or_phone",
                violation_error_message=_(
                    "Η απάντηση είτε καταχωρίστηκε από τον φορέα είτε επιβεβαιώθηκε τηλεφωνικά."
                ),
            )
        ]
        indexes = [models.Index(fields=["referral", "-at"], name="referralchange_referral")]

    def __str__(self) -> str:
        moved = f"{self.get_from_status_display() or '—'} → {self.get_to_status_display()}"
        return f"{self.referral_id} · {moved}"

    def get_additional_data(self) -> dict:
        return {"beneficiary_id": self.referral.beneficiary_id}
