"""The routes of individual sessions for the access matrix (tests/test_access_matrix.py), and
the records they name, kept here so that the matrix grows by a few lines."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from community_centre.calendar import is_working_day
from community_centre.versions import format_version
from services.models import CounsellingSession, SessionSeries


def _next_working_day(days: int) -> str:
    day = timezone.localdate() + dt.timedelta(days=days)
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day.strftime("%d/%m/%Y")


def _count(model):
    return lambda objects, client: model.objects.count()


def _status(objects, client):
    return CounsellingSession.objects.filter(pk=objects["session"]).values_list("status").first()


def _notes(objects, client):
    return CounsellingSession.objects.filter(pk=objects["session"]).values_list("notes").first()


def session_routes(R, C, FOR):  # noqa: N803 - the matrix's own helpers
    S = {"pk": "session"}  # noqa: N806
    return [
        R("services:session_list", FOR),
        R(
            "services:session_create",
            FOR,
            wrong_method="put",
            post=C(
                _count(CounsellingSession),
                lambda o: {
                    "date": _next_working_day(9),
                    "start_time": "12:00",
                    "worker": o["worker"],
                },  # fmt: skip
                form="services:session_create",
            ),
        ),
        R(
            "services:series_create",
            FOR,
            wrong_method="put",
            post=C(
                _count(SessionSeries),
                lambda o: {
                    "first_date": _next_working_day(30),
                    "start_time": "13:00",
                    "count": "3",
                    "worker": o["worker"],
                },  # fmt: skip
                form="services:series_create",
            ),
        ),
        R("services:session_detail", S),
        R(
            "services:session_edit",
            S,
            wrong_method="put",
            post=C(_notes, lambda o: {"notes": "Διορθώθηκε."}, form="services:session_edit"),
        ),
        R(
            "services:session_mark",
            S,
            method="post",
            wrong_method="get",
            post=C(
                _status,
                lambda o: {
                    "status": "cancelled",
                    "version": format_version(
                        CounsellingSession.objects.get(pk=o["session"]).updated_at
                    ),
                },
            ),
        ),
        R("services:series_detail", {"pk": "series"}),
    ]


def session_objects(beneficiary, request, worker) -> dict:
    """A planned session and a series of one, in the file of `beneficiary`."""
    day = dt.datetime.strptime(_next_working_day(5), "%d/%m/%Y").date()
    series = SessionSeries.objects.create(
        beneficiary=beneficiary, kind="psychosocial_adult", first_date=day,
        start_time=dt.time(14, 0), duration_minutes=45, count=1, every=1, worker=worker,
        created_by=worker,
    )  # fmt: skip
    session = CounsellingSession.objects.create(
        beneficiary=beneficiary, assistance_request=request, kind="employment", date=day,
        start_time=dt.time(9, 0), duration_minutes=45, worker=worker, created_by=worker,
    )  # fmt: skip
    CounsellingSession.objects.create(
        beneficiary=beneficiary, series=series, series_position=1, kind="psychosocial_adult",
        date=day, start_time=dt.time(14, 0), duration_minutes=45, worker=worker,
        created_by=worker,
    )  # fmt: skip
    # The social worker's: whoever posts the forms (she, or the coordinator) records for her.
    return {"session": session.pk, "series": series.pk, "worker": worker.pk}
