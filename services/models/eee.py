"""The dated amounts of the minimum-income screening (ΕΕΕ, formerly ΚΕΑ): the guaranteed amount
per member and the asset limits, each row in force from one date to another
(shared/domain/programmes.md). The amounts are data that administrators keep, never constants in
code: a new joint ministerial decision is a new row, not a release."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateRangeField, RangeOperators
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Func, Q, Value
from django.utils.translation import gettext_lazy as _

ZERO = Decimal("0")


class DateRange(Func):
    """daterange(valid_from, valid_to, '[]'): both days included, no end when valid_to is null."""

    function = "daterange"
    output_field = DateRangeField()


def _amount(verbose_name, **kwargs) -> models.DecimalField:
    return models.DecimalField(
        verbose_name,
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(ZERO)],
        **kwargs,
    )


class EeeRateQuerySet(models.QuerySet):
    def in_force_on(self, day: date) -> EeeRate | None:
        """The rate in force on `day` (at most one: their periods never overlap), or None."""
        in_force = Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        return self.filter(in_force).order_by("-valid_from").first()


class EeeRate(models.Model):
    """The amounts of the ΕΕΕ screening in force from one date to another."""

    valid_from = models.DateField(_("ισχύει από"))
    valid_to = models.DateField(
        _("ισχύει έως"), null=True, blank=True, help_text=_("Κενό: ισχύει μέχρι νεωτέρας.")
    )
    first_adult = _amount(_("εγγυημένο ποσό για τον πρώτο ενήλικα"))
    additional_adult = _amount(_("προσαύξηση ανά επιπλέον ενήλικα"))
    minor = _amount(_("προσαύξηση ανά ανήλικο"))
    real_estate_first = _amount(_("όριο ακίνητης περιουσίας για ένα άτομο"))
    real_estate_per_member = _amount(_("προσαύξηση ορίου ακίνητης περιουσίας ανά επιπλέον μέλος"))
    real_estate_max = _amount(_("ανώτατο όριο ακίνητης περιουσίας"))
    vehicles_max = _amount(_("όριο συνολικής αξίας οχημάτων"))
    deposit_cap = _amount(
        _("όριο καταθέσεων"),
        null=True,
        blank=True,
        help_text=_("Όπως ορίζεται στην ΚΥΑ· κενό όσο δεν είναι γνωστό."),
    )
    deposit_cap_confirmed = models.BooleanField(
        _("το όριο καταθέσεων έχει επιβεβαιωθεί"),
        default=False,
        help_text=_("Μένει ανεπιβεβαίωτο μέχρι να ελεγχθεί στην ισχύουσα ΚΥΑ."),
    )
    source = models.CharField(_("πηγή"), max_length=300, blank=True)

    objects = EeeRateQuerySet.as_manager()

    class Meta:
        verbose_name = _("ποσά ΕΕΕ")
        verbose_name_plural = _("ποσά ΕΕΕ")
        ordering = ["-valid_from"]
        permissions = [("use_eee_calculator", _("Χρήση του υπολογισμού ΕΕΕ"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="eee_rate_valid_to_after_from",
                violation_error_message=_("Η λήξη δεν μπορεί να είναι πριν από την έναρξη."),
            ),
            models.CheckConstraint(
                condition=Q(first_adult__gt=0)
                & Q(additional_adult__gte=0)
                & Q(minor__gte=0)
                & Q(real_estate_first__gte=0)
                & Q(real_estate_per_member__gte=0)
                & Q(real_estate_max__gte=F("real_estate_first"))
                & Q(vehicles_max__gte=0)
                & (Q(deposit_cap__isnull=True) | Q(deposit_cap__gte=0)),
                name="eee_rate_amounts_sane",
                violation_error_message=_(
                    "Τα ποσά δεν μπορούν να είναι αρνητικά, το ποσό του πρώτου ενήλικα πρέπει να "
                    "είναι θετικό και το ανώτατο όριο ακίνητης περιουσίας όχι μικρότερο από το "
                    "όριο για ένα άτομο."
                ),
            ),
            ExclusionConstraint(
                name="eee_rate_periods_do_not_overlap",
                expressions=[
                    (
                        DateRange(F("valid_from"), F("valid_to"), Value("[]")),
                        RangeOperators.OVERLAPS,
                    )
                ],
                violation_error_message=_(
                    "Η περίοδος επικαλύπτει άλλη περίοδο ποσών ΕΕΕ· κλείστε πρώτα την προηγούμενη."
                ),
            ),
        ]

    def __str__(self) -> str:
        if self.valid_to is None:
            return _("Ποσά ΕΕΕ από %(start)s") % {"start": f"{self.valid_from:%d/%m/%Y}"}
        return _("Ποσά ΕΕΕ %(start)s–%(end)s") % {
            "start": f"{self.valid_from:%d/%m/%Y}",
            "end": f"{self.valid_to:%d/%m/%Y}",
        }

    def validate_constraints(self, exclude=None) -> None:
        # A period that ends before it starts is no range at all: PostgreSQL would refuse to build
        # it while checking the overlap, so it is refused here first.
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError(
                {"valid_to": _("Η λήξη δεν μπορεί να είναι πριν από την έναρξη.")}, code="backwards"
            )
        super().validate_constraints(exclude=exclude)
