"""What events add to «My work» (requests.work.register_work_section): today's events — those
the worker organises, or everyone's for the coordinator — with their place and how many are on
the list and present, in one query. The section names no one."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q

from requests.work import LIST_LIMIT, WorkSectionContent
from services.models import Event


def todays_events(*, user, worker, today: date, calendar=None) -> WorkSectionContent:
    queryset = Event.objects.visible_to(user).on(today)
    if worker is not None:
        queryset = queryset.filter(organiser=worker)
    queryset = (
        queryset.select_related("organiser")
        .only(
            "title",
            "kind",
            "held_on",
            "starts_at",
            "ends_at",
            "place",
            "status",
            "other_attendees",
            "organiser__first_name",
            "organiser__last_name",
            "organiser__username",
        )  # fmt: skip
        .annotate(
            listed=Count("attendances"),
            present=Count("attendances", filter=Q(attendances__attended=True)),
        )
        .order_by("starts_at", "pk")
    )
    return WorkSectionContent(context={"todays_events": list(queryset[:LIST_LIMIT])}, people=set())
