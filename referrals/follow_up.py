"""The follow-up date of a referral: the service's usual answer time, counted in working days
from the day it was sent (community_centre.calendar); recomputed for the referrals still waiting
for the body when an administrator changes the holiday calendar."""

from __future__ import annotations

from datetime import date

from community_centre.calendar import WorkingCalendar
from referrals.models import Referral
from requests.deadlines import start_day

# When the referral names no service (a body without listed services), the body is followed up
# after this many working days.
DEFAULT_ANSWER_WORKING_DAYS = 10


def follow_up_date(sent_on: date, working_days: int, calendar: WorkingCalendar | None = None):
    """Day 0 is the day of sending and is not counted."""
    return (calendar or WorkingCalendar()).add_working_days(sent_on, working_days)


def recompute_follow_up_dates(calendar: WorkingCalendar) -> int:
    """Set each followed referral's follow-up date again from its day of sending."""
    changed = []
    followed = Referral.objects.followed().only("pk", "sent_at", "follow_up_working_days",
                                                "follow_up_on")  # fmt: skip
    for referral in followed:
        due = follow_up_date(start_day(referral.sent_at), referral.follow_up_working_days, calendar)
        if due != referral.follow_up_on:
            referral.follow_up_on = due
            changed.append(referral)
    Referral.objects.bulk_update(changed, ["follow_up_on"], batch_size=1000)
    return len(changed)
