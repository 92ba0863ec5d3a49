"""What happened and what is needed: dated case notes and the person's needs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from beneficiaries.choices import NeedStatus, NoteKind
from beneficiaries.models.base import CaseRecord


class CaseNote(CaseRecord):
    """A dated entry of the case-notes timeline, written by a worker."""

    beneficiary = models.ForeignKey(
        "beneficiaries.Beneficiary",
        on_delete=models.CASCADE,
        related_name="notes",
        verbose_name=_("ωφελούμενος"),
    )
    occurred_on = models.DateField(_("ημερομηνία"))
    kind = models.CharField(_("είδος επαφής"), max_length=20, choices=NoteKind.choices)
    text = models.TextField(_("σημείωση"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("συντάκτης"),
    )
    created_at = models.DateTimeField(_("καταχωρίστηκε"), auto_now_add=True)

    class Meta:
        verbose_name = _("σημείωση φακέλου")
        verbose_name_plural = _("σημειώσεις φακέλου")
        ordering = ["-occurred_on", "-created_at", "-pk"]
        indexes = [
            models.Index(fields=["beneficiary", "-occurred_on"], name="casenote_timeline"),
            # The monthly report: the people served in a period, by an index-only range scan.
            models.Index(fields=["occurred_on", "beneficiary"], name="casenote_day_person"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_on:%d/%m/%Y} {self.get_kind_display()}"


class NeedCategory(models.Model):
    """A kind of need (income, housing, employment, health …); an editable list."""

    code = models.SlugField(_("κωδικός"), max_length=50, unique=True)
    name = models.CharField(_("όνομα"), max_length=200)
    is_active = models.BooleanField(_("σε χρήση"), default=True)

    class Meta:
        verbose_name = _("κατηγορία ανάγκης")
        verbose_name_plural = _("κατηγορίες αναγκών")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Need(CaseRecord):
    """A need identified with the person, followed until it is met or cannot be."""

    beneficiary = models.ForeignKey(
        "beneficiaries.Beneficiary",
        on_delete=models.CASCADE,
        related_name="needs",
        verbose_name=_("ωφελούμενος"),
    )
    category = models.ForeignKey(
        NeedCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("κατηγορία")
    )
    description = models.TextField(_("περιγραφή"), blank=True)
    identified_on = models.DateField(_("εντοπίστηκε"))
    status = models.CharField(
        _("κατάσταση"), max_length=20, choices=NeedStatus.choices, default=NeedStatus.OPEN
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("καταχώριση"),
    )
    # The version an edit form carries (community_centre.versions).
    updated_at = models.DateTimeField(_("τελευταία αλλαγή"), auto_now=True)

    class Meta:
        verbose_name = _("ανάγκη")
        verbose_name_plural = _("ανάγκες")
        ordering = ["status", "-identified_on", "pk"]

    def __str__(self) -> str:
        return str(self.category)

    def get_status_color(self) -> str:
        return NeedStatus.color_of(self.status)
