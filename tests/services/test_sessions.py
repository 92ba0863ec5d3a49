"""Individual sessions: the database's rules, the series over holidays, clashes of a worker's
time, and the marks (tests of services.models.sessions and services.actions.sessions)."""

from __future__ import annotations

import datetime as dt
from datetime import date, time, timedelta

import pytest
from auditlog.models import LogEntry
from django.db import IntegrityError, transaction
from django.utils import timezone

from community_centre.calendar import WorkingCalendar
from services.actions import sessions as actions
from services.actions.sessions import SessionError, Slot
from services.models import CounsellingSession, SessionKind, SessionSeries
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.requests.factories import AssistanceRequestFactory
from tests.services.factories import CounsellingSessionFactory, next_working_day

pytestmark = pytest.mark.django_db
Status = CounsellingSession.Status
WEEK = timedelta(days=7)


def _soon() -> date:
    return next_working_day(timezone.localdate() + timedelta(days=3))


# --- the database ---------------------------------------------------------------------------


@pytest.mark.parametrize("minutes", [0, 4, 481, 1000])
def test_the_database_refuses_an_absurd_duration(social_worker, minutes):
    with pytest.raises(IntegrityError), transaction.atomic():
        CounsellingSessionFactory(worker=social_worker, duration_minutes=minutes)


def test_the_database_refuses_a_worker_in_two_sessions_at_once(social_worker):
    first = CounsellingSessionFactory(worker=social_worker, start_time=time(10, 0))
    with pytest.raises(IntegrityError), transaction.atomic():
        CounsellingSessionFactory(worker=social_worker, date=first.date, start_time=time(10, 30))


def test_a_cancelled_or_missed_session_frees_the_time(social_worker):
    first = CounsellingSessionFactory(worker=social_worker, status=Status.CANCELLED)
    CounsellingSessionFactory(worker=social_worker, date=first.date, status=Status.DID_NOT_ATTEND)
    CounsellingSessionFactory(worker=social_worker, date=first.date)  # the same hour: allowed


def test_back_to_back_sessions_do_not_clash(social_worker):
    first = CounsellingSessionFactory(worker=social_worker, start_time=time(10, 0))
    CounsellingSessionFactory(worker=social_worker, date=first.date, start_time=time(10, 45))


def test_two_workers_may_hold_sessions_at_the_same_time(social_worker, coordinator):
    first = CounsellingSessionFactory(worker=social_worker)
    CounsellingSessionFactory(worker=coordinator, date=first.date)


def test_sessions_held_in_a_period_are_counted_on_the_plain_date(social_worker):
    day = _soon()
    CounsellingSessionFactory(worker=social_worker, date=day, status=Status.HELD)
    CounsellingSessionFactory(worker=social_worker, date=day + WEEK, status=Status.PLANNED)
    assert CounsellingSession.objects.held_between(day, day).count() == 1


# --- one session ----------------------------------------------------------------------------


def _create(actor, *, worker=None, day=None, start=time(10, 0), minutes=45, **kwargs):
    return actions.session_create(
        beneficiary=kwargs.pop("beneficiary", None) or BeneficiaryFactory(),
        kind=SessionKind.EMPLOYMENT,
        slot=Slot(worker or actor, day or _soon(), start, minutes),
        actor=actor,
        **kwargs,
    )


def test_a_clash_names_the_other_session(social_worker):
    other = CounsellingSessionFactory(worker=social_worker, date=_soon(), start_time=time(9, 30))
    with pytest.raises(SessionError) as refused:
        _create(social_worker, day=other.date, start=time(10, 0))
    message = refused.value.problems["start_time"]
    assert "09:30–10:15" in message and other.beneficiary.surname in message
    assert "Ψυχοκοινωνική υποστήριξη ενήλικα" in message
    assert CounsellingSession.objects.count() == 1


def test_a_session_on_a_holiday_is_refused_with_its_name(social_worker):
    year = timezone.localdate().year + 1
    with pytest.raises(SessionError) as refused:
        _create(social_worker, day=date(year, 3, 25))  # Independence Day
    assert "25/03" in refused.value.problems["date"]


@pytest.mark.parametrize("days", [-400, 800])
def test_a_date_far_in_the_past_or_future_is_refused(social_worker, days):
    day = next_working_day(timezone.localdate() + timedelta(days=days))
    with pytest.raises(SessionError) as refused:
        _create(social_worker, day=day, status=Status.HELD if days < 0 else Status.PLANNED)
    assert "date" in refused.value.problems


def test_a_session_must_end_the_same_day(social_worker):
    with pytest.raises(SessionError) as refused:
        _create(social_worker, start=time(23, 0), minutes=120)
    assert "duration_minutes" in refused.value.problems


def test_a_planned_session_in_the_past_is_refused_but_a_held_one_is_recorded(social_worker):
    past = timezone.localdate() - timedelta(days=1)
    while not WorkingCalendar().is_working_day(past):
        past -= timedelta(days=1)
    with pytest.raises(SessionError) as refused:
        _create(social_worker, day=past)
    assert "status" in refused.value.problems
    assert _create(social_worker, day=past, status=Status.HELD, notes=" Καλά ").notes == "Καλά"


def test_a_social_worker_records_only_her_own_sessions(social_worker, other_social_worker):
    with pytest.raises(SessionError) as refused:
        _create(social_worker, worker=other_social_worker)
    assert "worker" in refused.value.problems


def test_the_coordinator_records_for_another_worker(coordinator, social_worker):
    assert _create(coordinator, worker=social_worker).worker == social_worker


def test_another_persons_request_is_refused(social_worker):
    other_request = AssistanceRequestFactory()
    with pytest.raises(SessionError) as refused:
        _create(social_worker, assistance_request=other_request)
    assert "assistance_request" in refused.value.problems


# --- marks ------------------------------------------------------------------------------------


def test_marking_held_keeps_the_notes(social_worker):
    session = CounsellingSessionFactory(worker=social_worker, date=timezone.localdate())
    marked = actions.session_mark(
        session=session, status=Status.HELD, notes="Συζητήθηκε ο ύπνος.",
        expected_version=session.updated_at, actor=social_worker,
    )  # fmt: skip
    marked.refresh_from_db()
    assert (marked.status, marked.notes) == (Status.HELD, "Συζητήθηκε ο ύπνος.")


def test_a_future_session_cannot_be_marked_held(social_worker):
    session = CounsellingSessionFactory(worker=social_worker)
    with pytest.raises(SessionError):
        actions.session_mark(session=session, status=Status.HELD,
                             expected_version=session.updated_at, actor=social_worker)  # fmt: skip


def test_a_stale_mark_changes_nothing(social_worker):
    from community_centre.versions import StaleVersion

    session = CounsellingSessionFactory(worker=social_worker, date=timezone.localdate())
    seen = session.updated_at
    actions.session_mark(session=session, status=Status.CANCELLED, expected_version=seen,
                         actor=social_worker)  # fmt: skip
    with pytest.raises(StaleVersion):
        actions.session_mark(session=session, status=Status.HELD, expected_version=seen,
                             actor=social_worker)  # fmt: skip
    session.refresh_from_db()
    assert session.status == Status.CANCELLED


def test_planning_a_cancelled_session_again_checks_the_time(social_worker):
    session = CounsellingSessionFactory(worker=social_worker, status=Status.CANCELLED)
    CounsellingSessionFactory(worker=social_worker, date=session.date)
    with pytest.raises(SessionError) as refused:
        actions.session_mark(session=session, status=Status.PLANNED,
                             expected_version=session.updated_at, actor=social_worker)  # fmt: skip
    assert "start_time" in refused.value.problems


# --- series ---------------------------------------------------------------------------------


def _plan(first: date, count: int, step=WEEK, policy="next") -> list[date]:
    return actions.plan_series(first_date=first, count=count, step=step, on_closed_day=policy,
                               calendar=WorkingCalendar())  # fmt: skip


def test_a_weekly_series_moves_a_holiday_to_the_next_working_day():
    # Tuesdays from 17/03/2026: 24/03 ok, 31/03 ok, 07/04, 14/04 (Easter Tuesday is a working
    # day), … ; from Mondays: 13/04/2026 is Easter Monday → Tuesday 14/04.
    days = _plan(date(2026, 3, 30), 3)
    assert days == [date(2026, 3, 30), date(2026, 4, 6), date(2026, 4, 14)]


def test_a_weekly_series_can_skip_a_holiday_and_still_have_all_its_sessions():
    days = _plan(date(2026, 3, 30), 3, policy="skip")
    assert days == [date(2026, 3, 30), date(2026, 4, 6), date(2026, 4, 20)]


def test_the_local_holiday_of_karpenisi_is_skipped():
    # 23/09/2026 (Wednesday) is the patron saint's day of Karpenisi, seeded as a local holiday.
    from community_centre.calendar_models import LocalHoliday

    LocalHoliday.objects.get_or_create(month=9, day=23, defaults={"name": "Αγίου Προκοπίου"})
    assert date(2026, 9, 23) not in _plan(date(2026, 9, 16), 3)
    assert _plan(date(2026, 9, 16), 3)[1] == date(2026, 9, 24)


def test_a_daily_series_never_puts_two_sessions_on_one_day():
    days = _plan(date(2026, 12, 4), 4, step=timedelta(days=1))  # Friday, then the weekend
    assert days == [date(2026, 12, 4), date(2026, 12, 7), date(2026, 12, 8), date(2026, 12, 9)]
    assert len(set(days)) == len(days)


def _series(worker, *, count=8, first=None, **kwargs) -> SessionSeries:
    return SessionSeries(
        beneficiary=kwargs.pop("beneficiary", None) or BeneficiaryFactory(),
        kind=SessionKind.PSYCHOSOCIAL_CHILD, first_date=first or _soon(), start_time=time(11, 0),
        duration_minutes=45, count=count, every=1, unit="weeks", on_closed_day="next",
        worker=worker, **kwargs,
    )  # fmt: skip


def test_a_series_creates_its_planned_sessions_in_order(social_worker):
    series = actions.series_create(series=_series(social_worker), actor=social_worker)
    sessions = list(series.sessions.order_by("series_position"))
    assert len(sessions) == 8
    assert [s.series_position for s in sessions] == list(range(1, 9))
    assert {s.status for s in sessions} == {Status.PLANNED}
    assert all(WorkingCalendar().is_working_day(s.date) for s in sessions)


def test_each_session_of_a_series_is_in_the_audit_log(social_worker):
    series = actions.series_create(series=_series(social_worker), actor=social_worker)
    logged = LogEntry.objects.get_for_objects(series.sessions.all())
    assert logged.filter(action=LogEntry.Action.CREATE).count() == 8


def test_a_series_with_one_clash_saves_nothing_and_names_it(social_worker):
    first = _soon()
    clash = CounsellingSessionFactory(worker=social_worker, date=first + 2 * WEEK,
                                      start_time=time(11, 30))  # fmt: skip
    plan = _plan(first, 8)
    if clash.date not in plan:  # moved by a holiday: put the clash on a day of the plan
        clash.date = plan[2]
        clash.save()
    with pytest.raises(SessionError) as refused:
        actions.series_create(series=_series(social_worker, first=first), actor=social_worker)
    assert clash.beneficiary.surname in refused.value.problems["start_time"]
    assert SessionSeries.objects.count() == 0
    assert CounsellingSession.objects.count() == 1


def test_a_series_reaching_beyond_two_years_is_refused(social_worker):
    series = _series(social_worker, count=52)
    series.every = 12
    with pytest.raises(SessionError) as refused:
        actions.series_create(series=series, actor=social_worker)
    assert "count" in refused.value.problems


def test_a_series_for_another_persons_request_is_refused(social_worker):
    series = _series(social_worker, assistance_request=AssistanceRequestFactory())
    with pytest.raises(SessionError) as refused:
        actions.series_create(series=series, actor=social_worker)
    assert "assistance_request" in refused.value.problems
    assert not CounsellingSession.objects.exists()


def test_allowed_marks_follow_the_day(social_worker):
    today = timezone.localdate()
    future = CounsellingSessionFactory(worker=social_worker)
    assert actions.allowed_marks(future, today) == [Status.CANCELLED]
    now = CounsellingSessionFactory(worker=social_worker, date=today, start_time=dt.time(8, 0))
    assert actions.allowed_marks(now, today) == [Status.HELD, Status.DID_NOT_ATTEND,
                                                 Status.CANCELLED]  # fmt: skip


def test_an_appointment_of_the_worker_at_that_time_is_named(social_worker):
    from tests.requests.factories import AppointmentFactory

    day = _soon()
    starts = timezone.make_aware(dt.datetime.combine(day, time(10, 15)))
    appointment = AppointmentFactory(worker=social_worker, starts_at=starts,
                                     ends_at=starts + timedelta(minutes=30))  # fmt: skip
    with pytest.raises(SessionError) as refused:
        _create(social_worker, day=day, start=time(10, 0))
    assert appointment.beneficiary.surname in refused.value.problems["start_time"]
    series = _series(social_worker, first=day)
    series.start_time = time(10, 0)
    with pytest.raises(SessionError) as refused:
        actions.series_create(series=series, actor=social_worker)
    assert appointment.purpose in refused.value.problems["start_time"]
    assert not SessionSeries.objects.exists()
