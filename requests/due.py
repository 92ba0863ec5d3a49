"""Where an item with a working-day due date stands on a given day: the rule of «overdue» and
«due soon» that the models (`due_state`), the querysets (`overdue`, `due_soon`) and «My work»
share.

Overdue: still open and its due date has passed (an item due today is not overdue yet). Due
soon: still open and due from today up to DUE_SOON_WORKING_DAYS working days ahead. An answered,
completed or cancelled item is never either.
"""

from __future__ import annotations

import enum
from datetime import date

from community_centre.calendar import WorkingCalendar

DUE_SOON_WORKING_DAYS = 3


class DueState(enum.StrEnum):
    DONE = "done"
    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    ON_TIME = "on_time"


def due_soon_until(day: date, calendar: WorkingCalendar | None = None) -> date:
    """The last due date that is «soon» on `day` (reads the holidays: compute it once a page)."""
    return (calendar or WorkingCalendar()).add_working_days(day, DUE_SOON_WORKING_DAYS)
