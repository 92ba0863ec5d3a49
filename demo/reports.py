"""A signed-off month in the demo: the month before the last ended one, signed by the demo
coordinator, so that the report screen shows a signed month beside one still to sign. Nothing
when there is no demo coordinator (create_demo_users runs first in `make run`) or the month is
signed already."""

from __future__ import annotations

from django.utils.translation import gettext as _

from community_centre.models import User
from reporting.actions import sign_off
from reporting.forms import last_ended_month
from reporting.models import SignedReport

COORDINATOR = "syntonistria"


def seed_demo_sign_off(command) -> None:
    month = last_ended_month().previous_month()
    coordinator = User.objects.filter(username=COORDINATOR).first()
    if coordinator is None or SignedReport.objects.in_force().of(month).exists():
        return
    sign_off(month, coordinator)
    command.stdout.write(_("Υπογράφηκε ο μήνας %(month)s.") % {"month": month.label})
