"""The record of each register import: who brought in which file, how each row ended."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("ανέβηκε")
    RUNNING = "running", _("σε εξέλιξη")
    CHECKED = "checked", _("ελέγχθηκε")
    IMPORTED = "imported", _("εισήχθη")
    FAILED = "failed", _("απέτυχε")
    UNDONE = "undone", _("αναιρέθηκε")


class ImportRunQuerySet(models.QuerySet):
    def visible_to(self, user) -> ImportRunQuerySet:
        """The coordinator's (the permission to import): the file and its report show people."""
        if (
            user is not None
            and user.is_authenticated
            and user.has_perm("beneficiaries.import_register")
        ):
            return self.all()
        return self.none()


class ImportRun(models.Model):
    """One upload of a register file and what its import did, row by row."""

    file_name = models.CharField(_("αρχείο"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("μέγεθος (bytes)"), default=0)
    # The uploaded bytes, for the preview and the import; cleared after an undo.
    content = models.BinaryField(_("περιεχόμενο"), default=b"")
    encoding = models.CharField(_("κωδικοποίηση"), max_length=20, blank=True)
    mapping = models.JSONField(_("αντιστοίχιση στηλών"), default=dict, blank=True)
    status = models.CharField(
        _("κατάσταση"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    stage = models.CharField(_("στάδιο"), max_length=10, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    rows = models.PositiveIntegerField(_("γραμμές"), default=0)
    created = models.PositiveIntegerField(_("νέοι φάκελοι"), default=0)
    skipped = models.PositiveIntegerField(_("ήδη καταχωρισμένοι"), default=0)
    failed = models.PositiveIntegerField(_("γραμμές με σφάλμα"), default=0)
    outcomes = models.JSONField(_("αποτελέσματα γραμμών"), default=list, blank=True)
    error = models.TextField(_("σφάλμα"), blank=True)
    valid_only = models.BooleanField(_("μόνο οι σωστές γραμμές"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("από χρήστη"),
    )
    created_at = models.DateTimeField(_("ανέβηκε"), auto_now_add=True)
    started_at = models.DateTimeField(_("ξεκίνησε"), null=True, blank=True)
    finished_at = models.DateTimeField(_("τελείωσε"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("αναιρέθηκε από"),
    )
    undone_at = models.DateTimeField(_("αναιρέθηκε"), null=True, blank=True)

    objects = ImportRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("εισαγωγή μητρώου")
        verbose_name_plural = _("εισαγωγές μητρώου")
        ordering = ["-created_at", "-pk"]
        permissions = [("import_register", _("Εισαγωγή μητρώου ωφελούμενων"))]

    def __str__(self) -> str:
        return (
            f"{self.file_name} ({self.created_at:%d/%m/%Y %H:%M})"
            if self.created_at
            else self.file_name
        )
