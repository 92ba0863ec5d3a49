"""Due dates in working days: computed when an item is saved, recomputed for every open item
when an administrator changes the holiday calendar (community_centre.calendar)."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from community_centre.calendar import WorkingCalendar
from requests.models import AssistanceRequest, DocumentRequest, InformationRequest


def start_day(value: date | datetime) -> date:
    """Day 0 of a deadline: the day of receipt, in Athens time."""
    return timezone.localdate(value) if isinstance(value, datetime) else value


def open_items():
    """(queryset of open items, name of the field their deadline counts from)."""
    return [
        (AssistanceRequest.objects.open(), "received_at"),
        (InformationRequest.objects.open(), "received_at"),
        (DocumentRequest.objects.open(), "requested_on"),
    ]


def recompute_open_due_dates(calendar: WorkingCalendar) -> int:
    """Set each open item's due date from its start day and its number of working days."""
    total = 0
    for queryset, start_field in open_items():
        changed = []
        for item in queryset.only("pk", "due_date", "due_working_days", start_field):
            due = calendar.add_working_days(
                start_day(getattr(item, start_field)), item.due_working_days
            )
            if due != item.due_date:
                item.due_date = due
                changed.append(item)
        queryset.model.objects.bulk_update(changed, ["due_date"], batch_size=1000)
        total += len(changed)
    return total
