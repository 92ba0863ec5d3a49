"""Appointments at the desk: inside opening hours, on working days, one person per worker slot."""

from __future__ import annotations

import enum

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeOperators
from django.db import models
from django.utils.translation import gettext_lazy as _

from beneficiaries.models.base import CaseRecord
from community_centre.choices import ColoredChoices
from requests.querysets import RequestQuerySet


class TsTzRange(models.Func):
    """The half-open time range [starts_at, ends_at) for the overlap constraint."""

    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class Appointment(CaseRecord):
    """A meeting of a beneficiary with a worker at a set time."""

    class Status(ColoredChoices):
        SCHEDULED = "scheduled", _("Προγραμματισμένο")
        ATTENDED = "attended", _("Προσήλθε")
        NO_SHOW = "no_show", _("Δεν προσήλθε")
        CANCELLED = "cancelled", _("Ακυρώθηκε")

        COLORS = enum.nonmember(
            {
                "scheduled": "primary",
                "attended": "success",
                "no_show": "warning",
                "cancelled": "secondary",
            }
        )

    beneficiary = models.ForeignKey(
        "beneficiaries.Beneficiary",
        on_delete=models.PROTECT,
        related_name="appointments",
        verbose_name=_("ωφελούμενος"),
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="appointments",
        verbose_name=_("κοινωνικός/ή λειτουργός"),
    )
    starts_at = models.DateTimeField(_("έναρξη"))
    ends_at = models.DateTimeField(_("λήξη"))
    purpose = models.CharField(_("σκοπός"), max_length=300)
    assistance_request = models.ForeignKey(
        "requests.AssistanceRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name=_("για το αίτημα"),
    )
    status = models.CharField(
        _("κατάσταση"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("καταχώριση"),
    )
    created_at = models.DateTimeField(_("καταχωρίστηκε"), auto_now_add=True)

    objects = RequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("ραντεβού")
        verbose_name_plural = _("ραντεβού")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="appointment_ends_after_start",
                violation_error_message=_("Η λήξη πρέπει να είναι μετά την έναρξη."),
            ),
            ExclusionConstraint(
                name="appointment_worker_not_double_booked",
                expressions=[
                    (TsTzRange("starts_at", "ends_at"), RangeOperators.OVERLAPS),
                    ("worker", RangeOperators.EQUAL),
                ],
                condition=~models.Q(status="cancelled"),
                violation_error_message=_("Το στέλεχος έχει ήδη ραντεβού αυτή την ώρα."),
            ),
        ]
        indexes = [models.Index(fields=["worker", "starts_at"], name="appointment_worker_day")]

    def __str__(self) -> str:
        return f"{self.starts_at:%d/%m/%Y %H:%M} {self.purpose}"

    def get_status_color(self) -> str:
        return self.Status.color_of(self.status)
