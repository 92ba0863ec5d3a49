"""Shared parts of the requests app's models: protocol numbers and working-day deadlines."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from beneficiaries.models.base import CaseRecord
from community_centre.protocol import format_protocol
from requests.due import DueState


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("Αυτοπροσώπως")
    PHONE = "phone", _("Τηλεφωνικά")
    EMAIL = "email", _("Με email")
    POST = "post", _("Ταχυδρομικά")
    REPRESENTATIVE = "representative", _("Μέσω εκπροσώπου")


class ProtocolNumbered(CaseRecord):
    """A record of a case file entered in the Centre's protocol book (year + gapless number)."""

    protocol_year = models.PositiveIntegerField(_("έτος πρωτοκόλλου"), editable=False)
    protocol_number = models.PositiveIntegerField(_("αριθμός πρωτοκόλλου"), editable=False)

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["protocol_year", "protocol_number"],
                name="%(app_label)s_%(class)s_protocol_unique",
                violation_error_message=_("Ο αριθμός πρωτοκόλλου έχει ήδη δοθεί."),
            )
        ]

    @property
    def protocol(self) -> str:
        """As printed: 2026/000153."""
        return format_protocol(self.protocol_year, self.protocol_number)


class WorkingDayDeadline(models.Model):
    """A due date counted in working days from a start date; kept so it can be recomputed."""

    due_working_days = models.PositiveSmallIntegerField(_("προθεσμία (εργάσιμες)"))
    due_date = models.DateField(_("προθεσμία έως"), db_index=True)

    class Meta:
        abstract = True

    @classmethod
    def open_condition(cls) -> models.Q:
        """Which rows are still open (the SQL twin of `is_open`); DeadlineQuerySet uses it."""
        raise NotImplementedError

    @property
    def is_open(self) -> bool:
        raise NotImplementedError

    def due_state(self, day: date, *, soon_until: date | None = None) -> DueState:
        """Where the item stands on `day`; «due soon» only when `soon_until` is given
        (requests.due.due_soon_until, computed once a page)."""
        if not self.is_open:
            return DueState.DONE
        if self.due_date < day:
            return DueState.OVERDUE
        if soon_until is not None and self.due_date <= soon_until:
            return DueState.DUE_SOON
        return DueState.ON_TIME

    def is_overdue_on(self, day: date) -> bool:
        return self.due_state(day) is DueState.OVERDUE
