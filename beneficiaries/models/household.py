"""The people around a beneficiary: household members and an authorised representative."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from beneficiaries.choices import Relationship, Sex
from beneficiaries.models.base import CaseRecord
from beneficiaries.querysets import CaseFileQuerySet
from beneficiaries.validators import format_phone, validate_amka, validate_phone


class HouseholdMember(CaseRecord):
    """A member of the beneficiary's household, as it counts for benefits such as the ΕΕΕ."""

    beneficiary = models.ForeignKey(
        "beneficiaries.Beneficiary",
        on_delete=models.CASCADE,
        related_name="household",
        verbose_name=_("ωφελούμενος"),
    )
    surname = models.CharField(_("επώνυμο"), max_length=100)
    given_name = models.CharField(_("όνομα"), max_length=100)
    relationship = models.CharField(_("σχέση"), max_length=20, choices=Relationship.choices)
    date_of_birth = models.DateField(_("ημερομηνία γέννησης"), null=True, blank=True)
    amka = models.CharField(_("ΑΜΚΑ"), max_length=11, blank=True, validators=[validate_amka])
    # The version an edit form carries (community_centre.versions).
    updated_at = models.DateTimeField(_("τελευταία αλλαγή"), auto_now=True)

    class Meta:
        verbose_name = _("μέλος νοικοκυριού")
        verbose_name_plural = _("μέλη νοικοκυριού")
        ordering = ["date_of_birth", "pk"]

    def __str__(self) -> str:
        return f"{self.surname} {self.given_name} ({self.get_relationship_display()})"


class RepresentativeQuerySet(CaseFileQuerySet):
    def valid_on(self, day) -> RepresentativeQuerySet:
        """Authorisations in force on `day`, the latest first."""
        return (
            self.filter(valid_from__lte=day)
            .filter(models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=day))
            .order_by("-valid_from", "-pk")
        )


class Representative(CaseRecord):
    """A person authorised (πληρεξούσιος) to act for the beneficiary, for a period."""

    objects = RepresentativeQuerySet.as_manager()

    beneficiary = models.ForeignKey(
        "beneficiaries.Beneficiary",
        on_delete=models.CASCADE,
        related_name="representatives",
        verbose_name=_("ωφελούμενος"),
    )
    surname = models.CharField(_("επώνυμο"), max_length=100)
    given_name = models.CharField(_("όνομα"), max_length=100)
    # For the Greek of printed forms («Ο εξουσιοδοτημένος» / «Η εξουσιοδοτημένη εκπρόσωπος»).
    sex = models.CharField(_("φύλο"), max_length=20, choices=Sex.choices, default=Sex.NOT_STATED)
    relationship = models.CharField(_("σχέση με τον/την ωφελούμενο/η"), max_length=100, blank=True)
    id_document_number = models.CharField(_("αριθμός ταυτότητας"), max_length=30, blank=True)
    phone = models.CharField(_("τηλέφωνο"), max_length=20, blank=True, validators=[validate_phone])
    authorisation_document = models.ForeignKey(
        "beneficiaries.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("έγγραφο εξουσιοδότησης"),
    )
    valid_from = models.DateField(_("ισχύει από"))
    valid_until = models.DateField(_("ισχύει έως"), null=True, blank=True)
    # The version an edit form carries (community_centre.versions).
    updated_at = models.DateTimeField(_("τελευταία αλλαγή"), auto_now=True)

    class Meta:
        verbose_name = _("εξουσιοδοτημένος εκπρόσωπος")
        verbose_name_plural = _("εξουσιοδοτημένοι εκπρόσωποι")
        ordering = ["-valid_from", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="representative_valid_period",
                violation_error_message=_(
                    "Η λήξη της εξουσιοδότησης δεν μπορεί να προηγείται της έναρξής της."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.surname} {self.given_name}"

    @property
    def phone_display(self) -> str:
        return format_phone(self.phone)

    def is_valid_on(self, day) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)

    def is_expired_on(self, day) -> bool:
        return self.valid_until is not None and self.valid_until < day
