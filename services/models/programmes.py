"""The programme catalogue: the benefits and municipal structures the Centre files or informs
about (shared/domain/programmes.md), each with its document checklist. Reference data kept by
staff in the application and by administrators in the admin; it holds no personal data."""

from __future__ import annotations

import enum

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from community_centre.choices import ColoredChoices
from community_centre.roles import is_partner


class ProgrammeQuerySet(models.QuerySet):
    def visible_to(self, user) -> ProgrammeQuerySet:
        """The catalogue holds no personal data: every account that may view it reads all of
        it (caseworkers and administrators); a partner account none."""
        reads = user.is_authenticated and not is_partner(user)
        return self if reads and user.has_perm("services.view_programme") else self.none()

    def active(self) -> ProgrammeQuerySet:
        return self.filter(is_active=True)


class Programme(models.Model):
    """A benefit or municipal programme the Centre files or informs about, with its checklist."""

    # The minimum income: its applications show the ΕΕΕ screening (services.eee).
    EEE = "eee"

    code = models.SlugField(_("κωδικός"), max_length=50, unique=True)
    name = models.CharField(_("ονομασία"), max_length=200, unique=True)
    deciding_body = models.CharField(
        _("φορέας που αποφασίζει"), max_length=200, help_text=_("Π.χ. ΟΠΕΚΑ, ΔΥΠΑ, ο Δήμος.")
    )
    submitted_via = models.CharField(
        _("πού υποβάλλεται"), max_length=200, help_text=_("Η πλατφόρμα ή ο φορέας υποβολής.")
    )
    centre_files = models.BooleanField(
        _("την υποβάλλει το Κέντρο"),
        default=True,
        help_text=_("Αλλιώς το Κέντρο μόνο ενημερώνει και ο/η ωφελούμενος/η την υποβάλλει."),
    )
    renewal_months = models.PositiveSmallIntegerField(
        _("ανανέωση κάθε (μήνες)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Κενό: δεν ανανεώνεται."),
    )
    description = models.TextField(_("περιγραφή"), blank=True)
    is_active = models.BooleanField(_("σε ισχύ"), default=True)
    updated_at = models.DateTimeField(_("τελευταία αλλαγή"), auto_now=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("πρόγραμμα παροχών")
        verbose_name_plural = _("προγράμματα παροχών")
        ordering = ["-is_active", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_eee(self) -> bool:
        return self.code == self.EEE


class Requirement(ColoredChoices):
    REQUIRED = "required", _("Υποχρεωτικό")
    WHERE_RELEVANT = "where_relevant", _("Όπου ισχύει")

    COLORS = enum.nonmember({"required": "primary", "where_relevant": "secondary"})


class Scope(models.TextChoices):
    """Whose document it is: the applicant's, one per adult member, one per covered member."""

    APPLICANT = "applicant", _("Του/της αιτούντος/ούσας")
    ADULT_MEMBER = "adult_member", _("Κάθε ενήλικου μέλους")
    EVERY_MEMBER = "every_member", _("Κάθε μέλους")


class ProgrammeDocument(models.Model):
    """One item of a programme's document checklist: a document type, whose, and how needed."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="checklist", verbose_name=_("πρόγραμμα")
    )
    document_type = models.ForeignKey(
        "beneficiaries.DocumentType",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("δικαιολογητικό"),
    )
    requirement = models.CharField(
        _("πόσο χρειάζεται"),
        max_length=20,
        choices=Requirement.choices,
        default=Requirement.REQUIRED,
    )
    scope = models.CharField(
        _("για ποιον"), max_length=20, choices=Scope.choices, default=Scope.APPLICANT
    )
    note = models.CharField(_("σημείωση"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("σειρά"), default=0)
    updated_at = models.DateTimeField(_("τελευταία αλλαγή"), auto_now=True)

    class Meta:
        verbose_name = _("δικαιολογητικό προγράμματος")
        verbose_name_plural = _("δικαιολογητικά προγράμματος")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "document_type", "scope"],
                name="programmedocument_once_per_scope",
                violation_error_message=_(
                    "Το δικαιολογητικό αυτό υπάρχει ήδη στη λίστα του προγράμματος για τα ίδια "
                    "πρόσωπα."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme}: {self.document_type}"

    def get_requirement_color(self) -> str:
        return Requirement.color_of(self.requirement)
