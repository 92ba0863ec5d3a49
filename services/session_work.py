"""What individual sessions add to «My work» (requests.work.register_work_section): today's
sessions of the worker, or everyone's for the coordinator, with time, person and kind and the
button that marks one held. One query, whatever the number of sessions."""

from __future__ import annotations

from datetime import date

from community_centre.versions import format_version
from requests.work import LIST_LIMIT, WorkSectionContent
from services.actions.sessions import allowed_marks
from services.models import CounsellingSession

OWN_FIELDS = (
    "beneficiary", "worker", "kind", "date", "start_time", "duration_minutes", "status",
    "updated_at",
)  # fmt: skip
PERSON_FIELDS = ("beneficiary__surname", "beneficiary__given_name")
WORKER_FIELDS = ("worker__first_name", "worker__last_name", "worker__username")


def todays_sessions(*, user, worker, today: date, calendar=None) -> WorkSectionContent:
    """Today's sessions that are not cancelled, earliest first (index session_worker_date for
    one worker, session_day for everyone)."""
    queryset = (
        CounsellingSession.objects.visible_to(user)
        .on_day(today)
        .exclude(status=CounsellingSession.Status.CANCELLED)
    )
    if worker is not None:
        queryset = queryset.filter(worker=worker)
    queryset = (
        queryset.select_related("beneficiary", "worker")
        .only(*OWN_FIELDS, *PERSON_FIELDS, *WORKER_FIELDS)
        .order_by("start_time", "pk")
    )
    sessions = list(queryset[:LIST_LIMIT])
    for session in sessions:
        session.marks = allowed_marks(session, today)
        session.version = format_version(session.updated_at)
    return WorkSectionContent(
        context={"todays_sessions": sessions, "todays_sessions_limit": LIST_LIMIT},
        people={s.beneficiary_id for s in sessions},
    )
