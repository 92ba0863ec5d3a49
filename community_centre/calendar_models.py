"""The Centre's editable holidays: local feasts every year, and changes for a given year."""

from __future__ import annotations

import calendar as pycalendar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class LocalHoliday(models.Model):
    """A holiday of the municipality on the same day every year (e.g. 23 September)."""

    month = models.PositiveSmallIntegerField(_("μήνας"))
    day = models.PositiveSmallIntegerField(_("ημέρα"))
    name = models.CharField(_("ονομασία"), max_length=200)
    is_active = models.BooleanField(_("ισχύει"), default=True)

    class Meta:
        verbose_name = _("τοπική αργία")
        verbose_name_plural = _("τοπικές αργίες")
        ordering = ["month", "day"]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "day"],
                name="local_holiday_unique_day",
                violation_error_message=_("Υπάρχει ήδη τοπική αργία αυτή την ημέρα."),
            ),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12, day__gte=1, day__lte=31),
                name="local_holiday_real_day",
                violation_error_message=_(
                    "Η ημέρα και ο μήνας πρέπει να είναι πραγματική ημερομηνία."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day:02d}/{self.month:02d} {self.name}"

    def clean(self) -> None:
        # 29 February is allowed (it is kept in leap years); 31 April is not a day.
        if (
            1 <= (self.month or 0) <= 12
            and (self.day or 0) > pycalendar.monthrange(2024, self.month)[1]
        ):
            raise ValidationError(
                {"day": _("Ο μήνας αυτός δεν έχει τόσες ημέρες.")}, code="invalid_day"
            )


class HolidayAdjustment(models.Model):
    """A change to one year's calendar: an extra holiday, or a holiday that is not kept.

    A holiday moved by ministerial decision (e.g. 1 May 2027 → 4 May) is a cancellation of the
    old date and an addition of the new one.
    """

    class Kind(models.TextChoices):
        ADD = "add", _("Πρόσθετη αργία")
        CANCEL = "cancel", _("Ακύρωση αργίας (εργάσιμη)")

    date = models.DateField(_("ημερομηνία"), unique=True)
    kind = models.CharField(_("είδος"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("ονομασία"), max_length=200)
    reason = models.CharField(_("αιτιολογία (π.χ. υπουργική απόφαση)"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("αλλαγή ημερολογίου")
        verbose_name_plural = _("αλλαγές ημερολογίου")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.get_kind_display()}: {self.name}"
