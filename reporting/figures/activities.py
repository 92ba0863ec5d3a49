"""Individual sessions held, events held and their attendance, needs identified, appointments
attended and case notes, in the period (all plain local dates but the appointments' times)."""

from __future__ import annotations

from django.db.models import Count, Sum

from beneficiaries.models import CaseNote, Need, NeedCategory
from reporting.figures.labels import EVENT_COLUMNS, TOTAL
from reporting.period import Period
from requests.models import Appointment
from services.models import CounsellingSession, Event, EventAttendance, EventKind, SessionKind


def _days(period: Period) -> tuple:
    return period.first, period.last


def sessions_by_type(period: Period) -> dict[str, int]:
    counts = dict(
        CounsellingSession.objects.order_by()
        .filter(date__range=_days(period), status=CounsellingSession.Status.HELD)
        .values("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    return {kind: counts.get(kind, 0) for kind in SessionKind.values}


def events_by_kind(period: Period) -> dict:
    """Per kind of event held: events, beneficiaries registered who attended, other attendees
    (head count), and attendance = registered + head count; then the totals row."""
    held = Event.objects.order_by().filter(held_on__range=_days(period), status=Event.Status.HELD)
    events = {
        kind: (n, heads or 0)
        for kind, n, heads in held.values("kind")
        .annotate(n=Count("pk"), heads=Sum("other_attendees"))
        .values_list("kind", "n", "heads")
    }
    registered = dict(
        EventAttendance.objects.order_by()
        .filter(event__in=held, attended=True)
        .values("event__kind")
        .annotate(n=Count("pk"))
        .values_list("event__kind", "n")
    )
    values = {}
    for kind in EventKind.values:
        n, heads = events.get(kind, (0, 0))
        people = registered.get(kind, 0)
        values[kind] = dict(zip(EVENT_COLUMNS, (n, people, heads, people + heads), strict=True))
    values[TOTAL] = {
        column: sum(values[kind][column] for kind in EventKind.values) for column in EVENT_COLUMNS
    }
    return values


def need_categories() -> list[tuple[str, str]]:
    return list(NeedCategory.objects.order_by("name", "pk").values_list("code", "name"))


def needs_by_category(period: Period, categories: list[tuple[str, str]]) -> dict[str, int]:
    counts = dict(
        Need.objects.order_by()
        .filter(identified_on__range=_days(period))
        .values("category__code")
        .annotate(n=Count("pk"))
        .values_list("category__code", "n")
    )
    return {code: counts.get(code, 0) for code, _name in categories}


def appointments_attended(period: Period) -> int:
    start, end = period.bounds()
    return Appointment.objects.filter(
        starts_at__gte=start, starts_at__lt=end, status=Appointment.Status.ATTENDED
    ).count()


def case_notes(period: Period) -> int:
    return CaseNote.objects.filter(occurred_on__range=_days(period)).count()
