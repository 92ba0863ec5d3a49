"""Telling a partner body of a rectification (art. 19 GDPR): a task for each sent referral whose
frozen snapshot gave the body a value that has since been corrected."""

from __future__ import annotations

import enum

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from beneficiaries import special_categories
from community_centre.choices import ColoredChoices
from referrals.models.referral import Disclosed, special_label


class InformedHow(models.TextChoices):
    """How the body was told of the correction."""

    PRINTED = "printed", _("Έντυπη ενημέρωση (επιστολή)")
    EMAIL = "email", _("Ηλεκτρονικό ταχυδρομείο")
    PHONE = "phone", _("Τηλεφωνικά")
    PARTNER_ACCOUNT = "partner_account", _("Επιβεβαίωση από τον φορέα στον λογαριασμό του")


# What a worker chooses; the body's own acknowledgement is recorded by its account.
STAFF_INFORMED_HOW = [c for c in InformedHow.choices if c[0] != InformedHow.PARTNER_ACCOUNT]


class RectificationTaskQuerySet(models.QuerySet):
    def visible_to(self, user) -> RectificationTaskQuerySet:
        """As the referrals they belong to: every one for caseworkers, those of the body's own
        referrals for a partner account, none for anyone else."""
        referrals = self.model._meta.get_field("referral").related_model.objects
        return self.filter(referral__in=referrals.visible_to(user))

    def open(self) -> RectificationTaskQuerySet:
        return self.filter(status=RectificationTask.Status.OPEN)

    def for_worker(self, worker) -> RectificationTaskQuerySet:
        """The worker's: they sent the referral, or the person is assigned to them."""
        if worker is None:
            return self
        return self.filter(Q(referral__referred_by=worker) | Q(beneficiary__assigned_worker=worker))


class RectificationTask(models.Model):
    """«Ενημέρωση φορέα για διόρθωση στοιχείων»: one referral, the fields it disclosed that
    were corrected (old → new, as the body received them and as they are now), until done."""

    class Status(ColoredChoices):
        OPEN = "open", _("Εκκρεμεί")
        DONE = "done", _("Ο φορέας ενημερώθηκε")

        COLORS = enum.nonmember({"open": "warning", "done": "success"})

    referral = models.ForeignKey(
        "referrals.Referral", on_delete=models.CASCADE, related_name="rectification_tasks",
        verbose_name=_("παραπομπή"),
    )  # fmt: skip
    rectification = models.ForeignKey(
        "beneficiaries.Rectification", on_delete=models.CASCADE, related_name="+",
        verbose_name=_("διόρθωση στοιχείων"),
    )  # fmt: skip
    beneficiary = models.ForeignKey(
        "beneficiaries.Beneficiary", on_delete=models.CASCADE, related_name="+",
        verbose_name=_("ωφελούμενος"),
    )  # fmt: skip
    # [{"field": a Disclosed value, "old": as the snapshot gave it, "new": as corrected}]
    items = models.JSONField(_("διορθωμένα στοιχεία"))
    status = models.CharField(
        _("κατάσταση"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("δημιουργήθηκε"), auto_now_add=True)
    informed_on = models.DateField(_("ενημερώθηκε στις"), null=True, blank=True)
    informed_how = models.CharField(
        _("τρόπος ενημέρωσης"), max_length=20, choices=InformedHow.choices, blank=True
    )
    note = models.CharField(_("σημείωση"), max_length=300, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("καταχωρίστηκε από"),
    )  # fmt: skip
    done_at = models.DateTimeField(_("καταχωρίστηκε"), null=True, blank=True)
    updated_at = models.DateTimeField(_("τελευταία αλλαγή"), auto_now=True)

    objects = RectificationTaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("ενημέρωση φορέα για διόρθωση στοιχείων")
        verbose_name_plural = _("ενημερώσεις φορέων για διόρθωση στοιχείων")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["rectification", "referral"],
                name="rectificationtask_once_per_referral",
                violation_error_message=_("Η παραπομπή έχει ήδη εργασία για αυτή τη διόρθωση."),
            ),
            models.CheckConstraint(
                condition=Q(status="open", done_at__isnull=True, informed_how="")
                | Q(status="done", done_at__isnull=False, informed_on__isnull=False)
                & ~Q(informed_how=""),
                name="rectificationtask_done_says_when_and_how",
                violation_error_message=_("Γράψτε πότε και πώς ενημερώθηκε ο φορέας."),
            ),
        ]
        indexes = [
            models.Index(
                fields=["created_at", "id"],
                condition=Q(status="open"),
                name="rectificationtask_open",
            ),  # fmt: skip
            models.Index(fields=["referral", "-created_at"], name="rectificationtask_referral"),
        ]

    def __str__(self) -> str:
        return str(_("Ενημέρωση φορέα για διόρθωση στοιχείων"))

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def get_status_color(self) -> str:
        return self.Status.color_of(self.status)

    def get_additional_data(self) -> dict:
        return {"beneficiary_id": self.beneficiary_id}

    def lines(self) -> list[tuple[str, str, str]]:
        """(label, old, new) of each corrected item, in the order of `Disclosed`, as the
        Centre's pages show them: a special category's values hidden."""
        shown = zip(self.items, self.disclosed_lines(), strict=True)
        return [(line[0], HIDDEN_VALUE, HIDDEN_VALUE) if is_special_item(item["field"]) else line
                for item, line in shown]  # fmt: skip

    def disclosed_lines(self) -> list[tuple[str, str, str]]:
        """(label, old, new) of each corrected item with every value, special ones too: what
        the body, which was given them, reads (its page, the printed notice)."""
        return [(item_label(i["field"]), _text(i["old"]), _text(i["new"])) for i in self.items]

    @property
    def has_special(self) -> bool:
        return any(is_special_item(i["field"]) for i in self.items)


# A corrected special category is the item "special:<key of beneficiaries.special_categories>".
SPECIAL_ITEM = "special:"
HIDDEN_VALUE = special_categories.HIDDEN_VALUE


def special_item(key: str) -> str:
    return f"{SPECIAL_ITEM}{key}"


def is_special_item(field: str) -> bool:
    return field.startswith(SPECIAL_ITEM)


def special_category(field: str) -> special_categories.SpecialCategory | None:
    """The special category of the item `field` ("special:<key>"), or None."""
    if not is_special_item(field):
        return None
    return special_categories.BY_KEY.get(field.removeprefix(SPECIAL_ITEM))


def item_label(field: str) -> str:
    """The label of a task's item: a `Disclosed` one, or a special category as disclosed."""
    if is_special_item(field):
        category = special_category(field)
        return special_label(category.label if category else field)
    return str(dict(Disclosed.choices).get(field, field))


def _text(value) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value) if value else "—"
