"""Group activities and events of the Centre (δράσεις / εκδηλώσεις, axis C): what, when, where,
with which partner bodies, the registered beneficiaries who attended and an anonymous head
count of the others.

The day is a plain local date (`held_on`) and the times plain local times, so that counts by
month (issue 11: events, their attendance, attendance as a contact of the person) are SQL
aggregates on dates, with no time-zone arithmetic."""

from __future__ import annotations

import enum

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from community_centre.choices import ColoredChoices
from services.event_querysets import EventAttendanceQuerySet, EventQuerySet

# A sane bound on the anonymous head count: more than the town's biggest hall holds.
MAX_OTHER_ATTENDEES = 5000


class EventKind(ColoredChoices):
    """Stable codes: reports count events by kind."""

    EDUCATIONAL = "educational", _("Εκπαιδευτική")
    SOCIAL_CULTURAL = "social_cultural", _("Κοινωνική / πολιτιστική")
    NETWORKING = "networking", _("Δικτύωση με τοπικούς φορείς")
    INFORMATION_DAY = "information_day", _("Ημερίδα ενημέρωσης")
    GROUP_COUNSELLING = "group_counselling", _("Ομαδική συμβουλευτική")

    COLORS = enum.nonmember(
        {
            "educational": "primary",
            "social_cultural": "success",
            "networking": "info",
            "information_day": "warning",
            "group_counselling": "secondary",
        }
    )


class Event(models.Model):
    """A group activity or event of the Centre, with its partner bodies and attendance."""

    class Status(ColoredChoices):
        PLANNED = "planned", _("Προγραμματισμένη")
        HELD = "held", _("Πραγματοποιήθηκε")
        CANCELLED = "cancelled", _("Ακυρώθηκε")

        COLORS = enum.nonmember({"planned": "primary", "held": "success", "cancelled": "secondary"})

    title = models.CharField(_("τίτλος"), max_length=200)
    kind = models.CharField(_("είδος"), max_length=30, choices=EventKind.choices)
    held_on = models.DateField(_("ημερομηνία"))
    starts_at = models.TimeField(_("ώρα έναρξης"))
    ends_at = models.TimeField(_("ώρα λήξης"), null=True, blank=True)
    place = models.CharField(_("χώρος"), max_length=200)
    settlement = models.ForeignKey(
        "community_centre.Settlement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("οικισμός"),
    )
    partner_bodies = models.ManyToManyField(
        "referrals.PartnerBody",
        related_name="+",
        blank=True,
        verbose_name=_("συνεργαζόμενοι φορείς"),
    )
    other_attendees = models.PositiveIntegerField(
        _("άλλοι συμμετέχοντες (ανώνυμα)"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_OTHER_ATTENDEES)],
        help_text=_("Όσοι παρακολούθησαν χωρίς να είναι στο μητρώο: μόνο ο αριθμός."),
    )
    notes = models.TextField(_("σημειώσεις"), blank=True)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("υπεύθυνος/η οργάνωσης"),
    )
    status = models.CharField(
        _("κατάσταση"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    created_at = models.DateTimeField(_("καταχωρίστηκε"), auto_now_add=True)
    # The version every edit carries (community_centre.versions).
    updated_at = models.DateTimeField(_("τελευταία αλλαγή"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("δράση / εκδήλωση")
        verbose_name_plural = _("δράσεις / εκδηλώσεις")
        ordering = ["-held_on", "-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(other_attendees__lte=MAX_OTHER_ATTENDEES),
                name="event_head_count_sane",
                violation_error_message=_("Οι άλλοι συμμετέχοντες είναι το πολύ 5.000."),
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=F("starts_at")),
                name="event_ends_after_start",
                violation_error_message=_("Η ώρα λήξης είναι μετά την ώρα έναρξης."),
            ),
        ]
        indexes = [
            models.Index(fields=["held_on", "starts_at", "id"], name="event_day"),
            models.Index(fields=["organiser", "held_on"], name="event_organiser_day"),
            models.Index(fields=["kind", "held_on"], name="event_kind_day"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("services:event_detail", args=[self.pk])

    def get_status_color(self) -> str:
        return self.Status.color_of(self.status)

    def get_kind_color(self) -> str:
        return EventKind.color_of(self.kind)


class EventAttendance(models.Model):
    """A registered beneficiary on an event's list: registered, and whether they attended."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("δράση")
    )
    beneficiary = models.ForeignKey(
        "beneficiaries.Beneficiary",
        on_delete=models.PROTECT,
        related_name="event_attendances",
        verbose_name=_("ωφελούμενος"),
    )
    attended = models.BooleanField(_("παρών/ούσα"), default=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("καταχώρισε"),
    )
    added_at = models.DateTimeField(_("καταχωρίστηκε"), auto_now_add=True)

    objects = EventAttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("συμμετοχή σε δράση")
        verbose_name_plural = _("συμμετοχές σε δράσεις")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "beneficiary"],
                name="eventattendance_once",
                violation_error_message=_("Το πρόσωπο είναι ήδη στη λίστα της δράσης."),
            )
        ]
        indexes = [models.Index(fields=["beneficiary", "event"], name="eventattendance_person")]

    def __str__(self) -> str:
        return f"{self.event_id}: {self.beneficiary_id}"

    def get_additional_data(self) -> dict:
        return {"beneficiary_id": self.beneficiary_id}
