"""Individual sessions: record one (planned, or already held), correct it, mark it held /
cancelled / did not attend, and plan a series of them in one go.

Each action is one transaction; edits and marks lock the session and check the version the page
was opened at (`StaleVersion` otherwise: nothing saved). Refusals raise `SessionError` with Greek
messages by form field. A worker is never booked twice at the same time: the clash is found here
with a message naming the other session (or the worker's appointment at that time, from the
requests app), and the database's exclusion constraint `session_worker_not_double_booked`
settles two sessions saved at the same moment (as appointments do).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from beneficiaries.models import Beneficiary
from community_centre.calendar import WorkingCalendar
from community_centre.models import User
from community_centre.versions import lock_unchanged
from requests.actions.appointments import closed_reason
from requests.models import Appointment, AssistanceRequest
from requests.work import sees_everyones_work
from services.models import CounsellingSession, SessionSeries

Status = CounsellingSession.Status
NON_FIELD = "__all__"
CLASH_CONSTRAINT = "session_worker_not_double_booked"
# How far from today a session may be dated: recorded late up to a year, planned up to two.
PAST_DAYS = 365
FUTURE_DAYS = 730
MAX_EVERY = {SessionSeries.Unit.DAYS: 30, SessionSeries.Unit.WEEKS: 12}
CLASHES_NAMED = 3  # a series refused for clashes names this many of them


class SessionError(Exception):
    """A session action the rules forbid; `problems` maps form fields (or NON_FIELD) to Greek
    messages. Nothing was saved."""

    def __init__(self, problems: dict[str, str] | str) -> None:
        self.problems = problems if isinstance(problems, dict) else {NON_FIELD: problems}
        super().__init__(" ".join(str(m) for m in self.problems.values()))


@dataclass(frozen=True)
class Slot:
    """A worker's time: a day, a start and a duration in minutes."""

    worker: User
    day: date
    start: time
    minutes: int

    @property
    def starts(self) -> datetime:
        return datetime.combine(self.day, self.start)

    @property
    def ends(self) -> datetime:
        return self.starts + timedelta(minutes=self.minutes)


# --- checks ---------------------------------------------------------------------------------


def day_problem(day: date, *, today: date, calendar: WorkingCalendar) -> str | None:
    """Why a session cannot be on `day`: too far back or ahead, or the Centre is closed."""
    if day < today - timedelta(days=PAST_DAYS):
        return _("Η ημερομηνία είναι πάνω από έναν χρόνο πίσω· γράψτε από %(first)s και μετά.") % {
            "first": date_format(today - timedelta(days=PAST_DAYS), "d/m/Y")
        }
    if day > today + timedelta(days=FUTURE_DAYS):
        return _("Η ημερομηνία είναι πάνω από δύο χρόνια μπροστά· γράψτε έως %(last)s.") % {
            "last": date_format(today + timedelta(days=FUTURE_DAYS), "d/m/Y")
        }
    reason = closed_reason(day, calendar)
    if reason:
        return _("Το Κέντρο είναι κλειστό στις %(day)s (%(reason)s): επιλέξτε εργάσιμη ημέρα.") % {
            "day": date_format(day, "d/m/Y"),
            "reason": reason,
        }
    return None


def time_problem(slot: Slot) -> str | None:
    if slot.ends.date() != slot.day:
        return _("Η συνεδρία πρέπει να τελειώνει την ίδια ημέρα (έως τις 24:00).")
    return None


def status_problem(status: str, day: date, *, today: date) -> str | None:
    """What is wrong with recording a new session on `day` as `status`."""
    if status == Status.CANCELLED:
        return _("Μια νέα συνεδρία καταχωρίζεται ως προγραμματισμένη ή πραγματοποιημένη.")
    if status == Status.PLANNED and day < today:
        return _("Η ημερομηνία έχει περάσει: επιλέξτε «Πραγματοποιήθηκε» ή «Δεν προσήλθε».")
    if status in (Status.HELD, Status.DID_NOT_ATTEND) and day > today:
        return _("Η συνεδρία δεν έχει γίνει ακόμη: καταχωρίστε τη ως προγραμματισμένη.")
    return None


def worker_problem(worker: User, *, actor: User, current: User | None = None) -> str | None:
    """A session is held by a caseworker; one records one's own sessions, the coordinator
    anyone's (keeping the worker already on a session is always allowed)."""
    if current is not None and worker.pk == current.pk:
        return None
    if worker.pk != actor.pk and not sees_everyones_work(actor):
        return _(
            "Καταχωρίζετε μόνο τις δικές σας συνεδρίες· για άλλον/άλλη λειτουργό τις "
            "καταχωρίζει η συντονίστρια."
        )
    if not User.objects.caseworkers().filter(pk=worker.pk).exists():
        return _("Επιλέξτε κοινωνικό/ή λειτουργό του Κέντρου.")
    return None


def request_problem(assistance_request: AssistanceRequest | None, beneficiary) -> str | None:
    if assistance_request is not None and assistance_request.beneficiary_id != beneficiary.pk:
        return _("Το αίτημα ανήκει σε άλλο φάκελο· επιλέξτε αίτημα αυτού του προσώπου.")
    return None


def clashes(slots: Iterable[Slot], *, exclude_pk: int | None = None) -> list[tuple[Slot, object]]:
    """Each slot that overlaps another session of its worker holding the time, with that
    session (one query for all the slots)."""
    slots = list(slots)
    if not slots:
        return []
    workers = {slot.worker.pk for slot in slots}
    others = list(
        CounsellingSession.objects.holding()
        .filter(worker__in=workers, date__in={slot.day for slot in slots})
        .exclude(pk=exclude_pk)
        .select_related("beneficiary")
        .only("date", "start_time", "duration_minutes", "kind", "worker", *_PERSON)
        .order_by("date", "start_time", "pk")
    )
    found = []
    for slot in slots:
        for other in others:
            if (
                other.worker_id == slot.worker.pk
                and other.date == slot.day
                and other.starts < slot.ends
                and other.ends > slot.starts
            ):
                found.append((slot, other))
                break
    return found


_PERSON = ("beneficiary__surname", "beneficiary__given_name")


def clash_message(other: CounsellingSession) -> str:
    return _(
        "Ο/Η λειτουργός έχει ήδη συνεδρία στις %(day)s %(start)s–%(end)s με: %(person)s "
        "(%(kind)s). Διαλέξτε άλλη ώρα."
    ) % {
        "day": date_format(other.date, "d/m/Y"),
        "start": other.start_time.strftime("%H:%M"),
        "end": other.end_time.strftime("%H:%M"),
        "person": f"{other.beneficiary.surname} {other.beneficiary.given_name}",
        "kind": other.get_kind_display(),
    }


def _is_clash(error: IntegrityError) -> bool:
    diag = getattr(error.__cause__, "diag", None)
    return getattr(diag, "constraint_name", None) == CLASH_CONSTRAINT


def appointment_clash(slots: list[Slot]) -> str | None:
    """The message naming an appointment (requests app) of the worker that overlaps one of the
    slots, or None (one query for all of them)."""
    if not slots:
        return None
    begins = [timezone.make_aware(slot.starts) for slot in slots]
    ends = [timezone.make_aware(slot.ends) for slot in slots]
    found = (
        Appointment.objects.filter(worker=slots[0].worker, starts_at__lt=max(ends),
                                   ends_at__gt=min(begins))
        .exclude(status=Appointment.Status.CANCELLED)
        .select_related("beneficiary").order_by("starts_at")
    )  # fmt: skip
    for appointment in found:
        if any(appointment.starts_at < e and appointment.ends_at > b
               for b, e in zip(begins, ends, strict=True)):  # fmt: skip
            start = timezone.localtime(appointment.starts_at)
            return _(
                "Ο/Η λειτουργός έχει ραντεβού στις %(day)s %(start)s–%(end)s με: %(person)s "
                "(%(purpose)s). Διαλέξτε άλλη ώρα."
            ) % {
                "day": date_format(start, "d/m/Y"), "start": start.strftime("%H:%M"),
                "end": timezone.localtime(appointment.ends_at).strftime("%H:%M"),
                "person": appointment.beneficiary, "purpose": appointment.purpose,
            }  # fmt: skip
    return None


def _slot_problems(slot: Slot, *, exclude_pk: int | None = None) -> dict[str, str]:
    problems = {}
    if problem := time_problem(slot):
        problems["duration_minutes"] = problem
    elif found := clashes([slot], exclude_pk=exclude_pk):
        problems["start_time"] = clash_message(found[0][1])
    elif problem := appointment_clash([slot]):
        problems["start_time"] = problem
    return problems


def _save(session: CounsellingSession, slot: Slot, **kwargs) -> None:
    """Save, turning a clash saved by someone else a moment ago into a refusal."""
    try:
        with transaction.atomic():
            session.save(**kwargs)
    except IntegrityError as error:
        if not _is_clash(error):
            raise
        found = clashes([slot], exclude_pk=session.pk)
        busy = _("Ο/Η λειτουργός έχει ήδη συνεδρία αυτή την ώρα.")
        message = clash_message(found[0][1]) if found else busy
        raise SessionError({"start_time": message}) from error


# --- one session ----------------------------------------------------------------------------


@transaction.atomic
def session_create(
    *,
    beneficiary: Beneficiary,
    kind: str,
    slot: Slot,
    status: str = Status.PLANNED,
    notes: str = "",
    assistance_request: AssistanceRequest | None = None,
    actor: User,
) -> CounsellingSession:
    """Record a session of `beneficiary`: planned, or already held (or missed) on a past day."""
    today = timezone.localdate()
    problems = {}
    if problem := day_problem(slot.day, today=today, calendar=WorkingCalendar()):
        problems["date"] = problem
    if problem := status_problem(status, slot.day, today=today):
        problems["status"] = problem
    if problem := worker_problem(slot.worker, actor=actor):
        problems["worker"] = problem
    if problem := request_problem(assistance_request, beneficiary):
        problems["assistance_request"] = problem
    if not problems:
        problems = _slot_problems(slot) if status in (Status.PLANNED, Status.HELD) else {}
    if problems:
        raise SessionError(problems)
    session = CounsellingSession(
        beneficiary=beneficiary,
        assistance_request=assistance_request,
        kind=kind,
        date=slot.day,
        start_time=slot.start,
        duration_minutes=slot.minutes,
        worker=slot.worker,
        status=status,
        notes=notes.strip(),
        created_by=actor,
    )
    session.full_clean(validate_constraints=False)
    _save(session, slot)
    return session


EDITABLE = ["kind", "date", "start_time", "duration_minutes", "worker", "assistance_request",
            "notes"]  # fmt: skip


@transaction.atomic
def session_update(
    *,
    session: CounsellingSession,
    expected_version: datetime | None,
    actor: User,
) -> CounsellingSession:
    """Save what was typed on `session` (EDITABLE fields; the status moves by `session_mark`),
    unless it changed since the page was opened (`StaleVersion`)."""
    locked = lock_unchanged(CounsellingSession.objects.select_related("worker"), session.pk,
                            expected_version)  # fmt: skip
    today = timezone.localdate()
    slot = Slot(session.worker, session.date, session.start_time, session.duration_minutes)
    problems = {}
    if session.date != locked.date:  # a new day: open, in bounds, and fit for the status
        calendar = WorkingCalendar()
        problem = day_problem(session.date, today=today, calendar=calendar)
        if problem is None and locked.status != Status.CANCELLED:
            problem = status_problem(locked.status, session.date, today=today)
        if problem:
            problems["date"] = problem
    if problem := worker_problem(session.worker, actor=actor, current=locked.worker):
        problems["worker"] = problem
    if problem := request_problem(session.assistance_request, session.beneficiary):
        problems["assistance_request"] = problem
    if not problems and locked.status in (Status.PLANNED, Status.HELD):
        problems = _slot_problems(slot, exclude_pk=session.pk)
    if problems:
        raise SessionError(problems)
    session.status = locked.status
    session.notes = session.notes.strip()
    session.full_clean(validate_constraints=False)
    _save(session, slot, update_fields=[*EDITABLE, "updated_at"])
    return session


def too_early(session: CounsellingSession, status: str, today: date) -> str | None:
    """Why `status` cannot be recorded yet: held or missed is known from its day on."""
    if status in (Status.HELD, Status.DID_NOT_ATTEND) and session.date > today:
        return _("Η συνεδρία είναι στις %(day)s· σημειώνεται από εκείνη την ημέρα και μετά.") % {
            "day": date_format(session.date, "d/m/Y")
        }
    if status == Status.PLANNED and session.date < today:
        return _("Η ημερομηνία της έχει περάσει· καταχωρίστε νέα συνεδρία.")
    return None


def allowed_marks(session: CounsellingSession, today: date) -> list[str]:
    """The statuses a worker may record now, in the order of the buttons."""
    order = [Status.HELD, Status.DID_NOT_ATTEND, Status.CANCELLED, Status.PLANNED]
    return [s for s in order if session.can_move_to(s) and too_early(session, s, today) is None]


@transaction.atomic
def session_mark(
    *,
    session: CounsellingSession,
    status: str,
    expected_version: datetime | None,
    notes: str | None = None,
    actor: User,
) -> CounsellingSession:
    """Mark `session` held / did not attend / cancelled (or plan a cancelled one again), with
    its notes when given; refused if it changed since the page was drawn."""
    if status not in Status.values:
        raise SessionError(_("Άγνωστη κατάσταση συνεδρίας."))
    locked = lock_unchanged(
        CounsellingSession.objects.select_related("worker"), session.pk, expected_version
    )
    if not locked.can_move_to(status):
        raise SessionError(
            _("Η συνεδρία δεν μπορεί να περάσει από «%(from)s» σε «%(to)s».")
            % {"from": locked.get_status_display(), "to": Status(status).label}
        )
    if reason := too_early(locked, status, timezone.localdate()):
        raise SessionError(reason)
    slot = Slot(locked.worker, locked.date, locked.start_time, locked.duration_minutes)
    if status in (Status.PLANNED, Status.HELD) and (found := clashes([slot], exclude_pk=locked.pk)):
        raise SessionError({"start_time": clash_message(found[0][1])})
    locked.status = status
    if notes is not None:
        locked.notes = notes.strip()
    locked.full_clean(validate_constraints=False)
    _save(locked, slot, update_fields=["status", "notes", "updated_at"])
    return locked


# --- a series -------------------------------------------------------------------------------


def plan_series(
    *,
    first_date: date,
    count: int,
    step: timedelta,
    on_closed_day: str,
    calendar: WorkingCalendar,
) -> list[date]:
    """The `count` days of a series from `first_date`, one every `step`.

    A regular day on which the Centre is closed (weekend, national or local holiday) is either
    skipped, the series going on to the next regular day so that it still has `count` sessions,
    or moved to the next working day (never onto or before the previous session's day). The
    regular days stay those of the plan: a moved session does not shift the ones after it.
    """
    days: list[date] = []
    nominal = first_date
    for _attempt in range(count * 10 + 60):
        if len(days) == count:
            return days
        day = nominal
        if on_closed_day == SessionSeries.OnClosedDay.NEXT_WORKING_DAY:
            while not calendar.is_working_day(day) or (days and day <= days[-1]):
                day += timedelta(days=1)
            days.append(day)
        elif calendar.is_working_day(day):
            days.append(day)
        nominal += step
    raise SessionError({"first_date": _("Δεν βρέθηκαν αρκετές εργάσιμες ημέρες για τη σειρά.")})


def _series_problems(series: SessionSeries, days: list[date], *, actor: User) -> dict[str, str]:
    today = timezone.localdate()
    problems = {}
    if series.first_date < today:
        problems["first_date"] = _("Η σειρά προγραμματίζεται από σήμερα και μετά.")
    elif days and days[-1] > today + timedelta(days=FUTURE_DAYS):
        problems["count"] = _(
            "Η τελευταία συνεδρία θα έπεφτε στις %(day)s, πάνω από δύο χρόνια μπροστά· "
            "μειώστε τον αριθμό ή το διάστημα."
        ) % {"day": date_format(days[-1], "d/m/Y")}
    if series.every > MAX_EVERY[series.unit]:
        problems["every"] = _("Το διάστημα είναι έως %(most)d %(unit)s.") % {
            "most": MAX_EVERY[series.unit],
            "unit": series.get_unit_display(),
        }
    if problem := worker_problem(series.worker, actor=actor):
        problems["worker"] = problem
    if problem := request_problem(series.assistance_request, series.beneficiary):
        problems["assistance_request"] = problem
    return problems


@transaction.atomic
def series_create(*, series: SessionSeries, actor: User) -> SessionSeries:
    """Save `series` (unsaved, as the form filled it) and its planned sessions, all or nothing.

    Refused with the clashing sessions named when the worker already has a session at the time
    of any of them."""
    calendar = WorkingCalendar()
    if series.every > MAX_EVERY.get(series.unit, 0):
        raise SessionError({"every": _("Το διάστημα είναι έως %(most)d %(unit)s.") % {
            "most": MAX_EVERY.get(series.unit, 0), "unit": series.get_unit_display()}})  # fmt: skip
    days = plan_series(first_date=series.first_date, count=series.count, step=series.step,
                       on_closed_day=series.on_closed_day, calendar=calendar)  # fmt: skip
    problems = _series_problems(series, days, actor=actor)
    slots = [Slot(series.worker, day, series.start_time, series.duration_minutes) for day in days]
    if not problems and (problem := time_problem(slots[0])):
        problems["duration_minutes"] = problem
    if not problems and (found := clashes(slots)):
        named = " ".join(clash_message(other) for _slot, other in found[:CLASHES_NAMED])
        more = len(found) - CLASHES_NAMED
        if more > 0:
            named += " " + _("Και άλλες %(n)d.") % {"n": more}
        problems["start_time"] = named
    if not problems and (problem := appointment_clash(slots)):
        problems["start_time"] = problem
    if problems:
        raise SessionError(problems)
    series.created_by = actor
    series.full_clean()
    series.save()
    sessions = [
        CounsellingSession(
            beneficiary=series.beneficiary,
            assistance_request=series.assistance_request,
            series=series,
            series_position=position,
            kind=series.kind,
            date=slot.day,
            start_time=slot.start,
            duration_minutes=slot.minutes,
            worker=series.worker,
            status=Status.PLANNED,
            created_by=actor,
        )  # fmt: skip
        for position, slot in enumerate(slots, start=1)
    ]
    try:
        with transaction.atomic():
            for session in sessions:  # one by one (at most 52): each gets its audit-log entry
                session.save()
    except IntegrityError as error:
        if not _is_clash(error):
            raise
        raise SessionError(
            {
                "start_time": _(
                    "Ο/Η λειτουργός κλείστηκε στο μεταξύ σε άλλη "
                    "συνεδρία αυτές τις ώρες· δοκιμάστε ξανά."
                )
            }
        ) from error
    return series
