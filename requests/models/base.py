"""Shared parts of the requests app's models: protocol numbers and working-day deadlines."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from beneficiaries.models.base import CaseRecord
from community_centre.protocol import format_protocol


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
