"""What events add to a case file (beneficiaries.sections.register_section): the events the
person is on the list of, latest first, with date, title, kind and whether they attended, in
one query."""

from __future__ import annotations

from services.models import Event, EventAttendance

LIST_LIMIT = 50


def case_file_events(beneficiary, user) -> dict:
    """Context for templates/services/events/includes/case_file_events.html."""
    attendances = (
        EventAttendance.objects.visible_to(user)
        .filter(beneficiary=beneficiary, event__in=Event.objects.visible_to(user))
        .select_related("event")
        .only(
            "attended",
            "event_id",
            "beneficiary_id",
            "event__title",
            "event__kind",
            "event__held_on",
            "event__starts_at",
            "event__status",
        )  # fmt: skip
        .order_by("-event__held_on", "-event__starts_at", "-pk")[:LIST_LIMIT]
    )
    return {"case_file_events": list(attendances), "case_file_events_limit": LIST_LIMIT}
