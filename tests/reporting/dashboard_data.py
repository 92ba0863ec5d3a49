"""Helpers of the dashboard tests: the day they stand on, Athens times, staff with a role."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from community_centre.models import Role
from community_centre.role_actions import role_grant_from_server
from reporting.period import ATHENS
from services.models import CounsellingSession
from tests.community_centre.factories import UserFactory
from tests.services.factories import ApplicationFactory, CounsellingSessionFactory

# A Monday. «Due soon» runs to Thursday 19/03 (3 working days); a renewal is reminded up to
# 16/04/2026 (20 working days: 25 March, Good Friday 10/04 and Easter Monday 13/04 are holidays).
TODAY = date(2026, 3, 16)


def athens(*parts: int) -> datetime:
    """An aware time given on the Athens clock: athens(2026, 3, 1, 0, 30)."""
    return datetime(*parts, tzinfo=ATHENS)


def caseworker(username: str, first_name: str, last_name: str, role=Role.SOCIAL_WORKER):
    user = UserFactory(username=username, first_name=first_name, last_name=last_name)
    role_grant_from_server(user=user, role=role)
    return user


def application(**fields):
    """A benefit application row; one past preparation gets a submission date unless given."""
    fields.setdefault("prepared_from", date(2024, 1, 1))
    if fields.get("status", "preparing") != "preparing":
        fields.setdefault("submitted_on", date(2024, 1, 2))
    return ApplicationFactory(**fields)


def session(*, date: date, **fields):
    """A 45-minute counselling session on `date` in its worker's next free slot of the day (a
    worker is never booked twice at once)."""
    worker = fields.setdefault("worker", UserFactory())
    taken = CounsellingSession.objects.filter(worker=worker, date=date).count()
    start = datetime.combine(date, time(7, 0)) + timedelta(minutes=45 * taken)
    return CounsellingSessionFactory(
        date=date, start_time=start.time(), duration_minutes=45, **fields
    )
