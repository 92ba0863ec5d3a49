"""What individual sessions add to a case file (beneficiaries.sections.register_section): the
person's upcoming sessions, the latest held, and how many of each kind, in two queries
whatever the number of sessions."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils import timezone

from services.models import CounsellingSession, SessionKind

UPCOMING_LIMIT = 10
HELD_LIMIT = 5


def _when(session: CounsellingSession) -> tuple:
    return (session.date, session.start_time, session.pk)


def case_file_sessions(beneficiary, user) -> dict:
    """Context for templates/services/sessions/case_file_section.html."""
    today = timezone.localdate()
    mine = (
        CounsellingSession.objects.visible_to(user)
        .filter(beneficiary=beneficiary)
        .select_related("worker")
    )
    # The two short lists in one statement (UNION ALL of the two limited, ordered reads).
    both = list(
        mine.upcoming(on=today)
        .order_by("date", "start_time", "pk")[:UPCOMING_LIMIT]
        .union(mine.held().order_by("-date", "-start_time", "-pk")[:HELD_LIMIT], all=True)
    )
    # UNION ALL keeps no order of its own: each list is sorted again (at most 15 rows).
    upcoming = sorted((s for s in both if s.status == "planned"), key=_when)
    held = sorted((s for s in both if s.status == "held"), key=_when, reverse=True)
    rows = (
        CounsellingSession.objects.visible_to(user)
        .filter(beneficiary=beneficiary)
        .values("kind")
        .annotate(total=Count("pk"), held=Count("pk", filter=Q(status="held")))
        .order_by()
    )
    by_kind = {row["kind"]: row for row in rows}
    counts = [
        (kind.label, by_kind[kind.value]["held"], by_kind[kind.value]["total"])
        for kind in SessionKind
        if kind.value in by_kind
    ]
    return {
        "sessions_upcoming": upcoming,
        "sessions_held": held,
        "sessions_by_kind": counts,
        "sessions_total": sum(row["total"] for row in by_kind.values()),
        "sessions_upcoming_limit": UPCOMING_LIMIT,
    }
