"""The partner directory: bodies the Centre refers people to, their services, and the accounts
of a body's staff (in the spirit of the Open Referral HSDS organisation/service model)."""

from __future__ import annotations

import enum

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from beneficiaries.normalize import fold
from community_centre.choices import ColoredChoices
from referrals.querysets import PartnerBodyQuerySet, PartnerServiceQuerySet


class BodyKind(ColoredChoices):
    MUNICIPAL = "municipal", _("Δημοτικός")
    STATE = "state", _("Κρατικός")
    NGO = "ngo", _("ΜΚΟ")
    OTHER = "other", _("Άλλος")

    COLORS = enum.nonmember(
        {"municipal": "primary", "state": "info", "ngo": "success", "other": "secondary"}
    )


class FoldedName(models.Model):
    """A directory entry found by its name whatever the case, accents or final sigma."""

    # fold(name) (beneficiaries.normalize), filled on every save; the directory searches it.
    search_name = models.CharField(max_length=200, editable=False, default="")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        self.search_name = fold(self.name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_name"}
        super().save(*args, **kwargs)


class PartnerBody(FoldedName):
    """A body the Centre refers people to, or a helpline shown to staff (not a referral target)."""

    code = models.SlugField(_("κωδικός"), max_length=50, unique=True)
    name = models.CharField(_("επωνυμία"), max_length=200, unique=True)
    kind = models.CharField(_("είδος φορέα"), max_length=20, choices=BodyKind.choices)
    address = models.CharField(_("διεύθυνση"), max_length=200, blank=True)
    settlement = models.ForeignKey(
        "community_centre.Settlement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("οικισμός"),
    )
    phones = models.CharField(_("τηλέφωνα"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("ιστοσελίδα"), blank=True)
    hours = models.CharField(_("ωράριο"), max_length=200, blank=True)
    contact_person = models.CharField(_("υπεύθυνος/η επικοινωνίας"), max_length=200, blank=True)
    uses_system = models.BooleanField(
        _("εργάζεται στο σύστημα"),
        default=False,
        help_text=_(
            "Με λογαριασμούς συνεργαζόμενου φορέα· αλλιώς λαμβάνει έντυπο παραπεμπτικό σημείωμα."
        ),
    )
    is_helpline = models.BooleanField(
        _("γραμμή βοήθειας"),
        default=False,
        help_text=_(
            "Εμφανίζεται στο προσωπικό (π.χ. ΕΚΚΑ 197, 15900), αλλά δεν δέχεται παραπομπές."
        ),
    )
    notes = models.TextField(_("σημειώσεις"), blank=True)
    is_active = models.BooleanField(_("σε λειτουργία"), default=True)
    updated_at = models.DateTimeField(_("τελευταία αλλαγή"), auto_now=True)

    objects = PartnerBodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("συνεργαζόμενος φορέας")
        verbose_name_plural = _("συνεργαζόμενοι φορείς")
        ordering = ["is_helpline", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_helpline=False) | Q(uses_system=False),
                name="partnerbody_helpline_has_no_accounts",
                violation_error_message=_(
                    "Μια γραμμή βοήθειας δεν δέχεται παραπομπές, άρα ούτε λογαριασμούς φορέα."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def takes_referrals(self) -> bool:
        """Whether a referral may be sent to the body: in operation and not a helpline."""
        return self.is_active and not self.is_helpline

    def get_kind_color(self) -> str:
        return BodyKind.color_of(self.kind)


class PartnerService(FoldedName):
    """A service a body offers: who may be referred, what they must bring, how soon it answers."""

    body = models.ForeignKey(
        PartnerBody, on_delete=models.PROTECT, related_name="services", verbose_name=_("φορέας")
    )
    name = models.CharField(_("υπηρεσία"), max_length=200)
    description = models.TextField(_("περιγραφή"), blank=True)
    eligibility = models.TextField(_("ποιοι μπορούν να παραπεμφθούν"), blank=True)
    required_document_types = models.ManyToManyField(
        "beneficiaries.DocumentType",
        blank=True,
        related_name="+",
        verbose_name=_("δικαιολογητικά που ζητά ο φορέας"),
    )
    need_categories = models.ManyToManyField(
        "beneficiaries.NeedCategory",
        blank=True,
        related_name="+",
        verbose_name=_("ανάγκες που καλύπτει"),
    )
    answer_working_days = models.PositiveSmallIntegerField(
        _("συνήθης χρόνος απάντησης (εργάσιμες)"),
        default=10,
        help_text=_("Από την αποστολή της παραπομπής· ορίζει την ημερομηνία παρακολούθησης."),
    )
    capacity_note = models.CharField(
        _("διαθεσιμότητα ή λίστα αναμονής"), max_length=300, blank=True
    )
    is_active = models.BooleanField(_("σε λειτουργία"), default=True)
    updated_at = models.DateTimeField(_("τελευταία αλλαγή"), auto_now=True)

    objects = PartnerServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("υπηρεσία φορέα")
        verbose_name_plural = _("υπηρεσίες φορέων")
        ordering = ["body__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "name"],
                name="partnerservice_unique_name_per_body",
                violation_error_message=_("Ο φορέας έχει ήδη υπηρεσία με αυτό το όνομα."),
            ),
            models.CheckConstraint(
                condition=Q(answer_working_days__gte=1, answer_working_days__lte=250),
                name="partnerservice_answer_days_in_range",
                violation_error_message=_(
                    "Ο χρόνος απάντησης είναι από 1 έως 250 εργάσιμες ημέρες."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} — {self.name}"


class PartnerMembership(models.Model):
    """The body whose referrals a partner account reads: exactly one per account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="partner_membership",
        verbose_name=_("λογαριασμός"),
    )
    body = models.ForeignKey(
        PartnerBody,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("φορέας"),
        limit_choices_to={"is_helpline": False},
    )
    created_at = models.DateTimeField(_("καταχωρίστηκε"), auto_now_add=True)

    class Meta:
        verbose_name = _("λογαριασμός φορέα")
        verbose_name_plural = _("λογαριασμοί φορέων")
        ordering = ["body__name", "user__username"]

    def __str__(self) -> str:
        return f"{self.user} → {self.body}"
