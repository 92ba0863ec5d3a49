"""Demo individual sessions: every kind and every status, series of psychosocial sessions, and
some today for each caseworker, so that `make run` shows them on the case files and on «Η
εργασία μου»; the benchmark's hundreds of thousands the same way, with COPY.

`seed_sessions(count=..., seed=...)` spreads `count` sessions over the register and over the
working days from three years back to three months ahead, each on the hour (08:00–14:00) for
at most an hour, in a slot of its worker that no other session holds (the table's exclusion
constraint), so they never clash. Past sessions were held (most), missed or cancelled; future
ones are planned (some cancelled). A fifth of them go to one person in a hundred, so that some
case files have long histories. A register with more sessions than the Centre's caseworkers can
hold (the benchmark's) gets worker accounts of its own, `demo-session-worker-NN`, without a
role: they only hold the sessions' time.
"""

from __future__ import annotations

import random
import time as time_module
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beneficiaries.models import Beneficiary
from community_centre.calendar import WorkingCalendar
from community_centre.models import User
from demo.casework import CopyTable
from demo.people import Weighted
from services.actions.sessions import plan_series
from services.models import CounsellingSession, SessionKind, SessionSeries

Status = CounsellingSession.Status
Progress = Callable[[int], None]
HOURS = range(8, 15)  # a session starts on one of these hours and lasts at most one
PAST_DAYS, FUTURE_DAYS = 3 * 365, 90
KIND = Weighted({
    SessionKind.EMPLOYMENT: 22, SessionKind.PSYCHOSOCIAL_CHILD: 12,
    SessionKind.PSYCHOSOCIAL_ADULT: 20, SessionKind.PSYCHOSOCIAL_FAMILY: 10,
    SessionKind.BENEFITS_INFORMATION: 20, SessionKind.SOCIAL_INQUIRY: 8,
    SessionKind.HOME_VISIT: 8,
})  # fmt: skip
PAST = Weighted({Status.HELD: 78, Status.DID_NOT_ATTEND: 10, Status.CANCELLED: 12})
FUTURE = Weighted({Status.PLANNED: 90, Status.CANCELLED: 10})
MINUTES = Weighted({30: 30, 45: 45, 60: 25})
BUSY_SHARE, BUSY_PEOPLE = 0.2, 0.01  # a fifth of the sessions go to 1% of the people
WORKER_PREFIX = "demo-session-worker-"
NOTES = {
    SessionKind.EMPLOYMENT: [
        "Ενημέρωση βιογραφικού· εγγραφή στη ΔΥΠΑ και αναζήτηση αγγελιών στον τουρισμό.",
        "Συζήτηση για πρόγραμμα κατάρτισης· θα φέρει βεβαίωση σπουδών.",
        "Προετοιμασία για συνέντευξη σε ξενοδοχείο του Καρπενησίου.",
    ],
    SessionKind.PSYCHOSOCIAL_CHILD: [
        "Το παιδί ήρθε με τη μητέρα· συζήτηση για το σχολείο και τις φιλίες.",
        "Δυσκολίες ύπνου μετά τη μετακόμιση· ασκήσεις χαλάρωσης.",
    ],
    SessionKind.PSYCHOSOCIAL_ADULT: [
        "Άγχος για τα οικονομικά του νοικοκυριού· τεχνικές διαχείρισης.",
        "Πένθος· η ωφελούμενη μίλησε για την απώλεια του συζύγου της.",
        "Καλύτερη διάθεση από την προηγούμενη φορά· συνεχίζουμε.",
    ],
    SessionKind.PSYCHOSOCIAL_FAMILY: [
        "Συνάντηση με τους γονείς και τα δύο παιδιά· κανόνες στο σπίτι.",
        "Εντάσεις για τη φροντίδα της γιαγιάς· μοιράστηκαν οι ευθύνες.",
    ],
    SessionKind.BENEFITS_INFORMATION: [
        "Ενημέρωση για ΕΕΕ (πρώην ΚΕΑ) και επίδομα θέρμανσης· δόθηκε λίστα δικαιολογητικών.",
        "Εξηγήθηκε το επίδομα στέγασης και η ανανέωση κάθε έξι μήνες.",
    ],
    SessionKind.SOCIAL_INQUIRY: [
        "Κοινωνική έρευνα για την οικονομική κατάσταση του νοικοκυριού.",
        "Συλλογή στοιχείων για την έκθεση κοινωνικής έρευνας προς το σχολείο.",
    ],
    SessionKind.HOME_VISIT: [
        "Επίσκεψη στο σπίτι στο Μεγάλο Χωριό· χρειάζεται ξυλεία για τον χειμώνα.",
        "Ηλικιωμένος μόνος· καλή κατάσταση σπιτιού, παραπομπή στη Βοήθεια στο Σπίτι.",
    ],
}
COLUMNS = [
    "beneficiary_id", "assistance_request_id", "series_id", "series_position", "kind", "date",
    "start_time", "duration_minutes", "worker_id", "status", "notes", "created_by_id",
    "created_at", "updated_at",
]  # fmt: skip


def _working_days(first: date, last: date, calendar: WorkingCalendar) -> list[date]:
    days, day = [], first
    while day <= last:
        if calendar.is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def _taken() -> set[tuple[int, date, int]]:
    """(worker, day, hour) of every hour a session already holds."""
    taken = set()
    rows = CounsellingSession.objects.holding().values_list(
        "worker_id", "date", "start_time", "duration_minutes"
    )
    for worker, day, start, minutes in rows.iterator(chunk_size=20_000):
        begins = start.hour * 60 + start.minute
        for hour in HOURS:
            if begins < (hour + 1) * 60 and begins + minutes > hour * 60:
                taken.add((worker, day, hour))
    return taken


def _workers(needed: int, per_worker: int) -> list[int]:
    """The Centre's caseworkers, and as many accounts without a role as the count needs."""
    workers = list(User.objects.caseworkers().order_by("pk").values_list("pk", flat=True))
    missing = -(-needed // per_worker) - len(workers)
    for number in range(1, max(missing, 0) + 1):
        user, _created = User.objects.get_or_create(
            username=f"{WORKER_PREFIX}{number:02d}",
            defaults={
                "first_name": "Λειτουργός",
                "last_name": f"Επίδειξης {number:02d}",
                "is_active": False,
            },  # fmt: skip
        )
        workers.append(user.pk)
    return workers


def _people(rng: random.Random) -> tuple[list[int], list[int]]:
    people = list(Beneficiary.objects.order_by("pk").values_list("pk", flat=True))
    if not people:
        raise ValueError(_("Δεν υπάρχουν ωφελούμενοι για συνεδρίες: εκτελέστε πρώτα seed_demo."))
    return people, rng.sample(people, max(1, round(len(people) * BUSY_PEOPLE)))


def _status(day: date, hour: int, now: datetime, rng: random.Random) -> str:
    local = timezone.localtime(now)
    if day < local.date() or (day == local.date() and hour < local.hour - 1):
        return PAST.pick(rng)
    return FUTURE.pick(rng)


def seed_sessions(
    *, count: int, seed: int = 1, batch_size: int = 20_000, progress: Progress | None = None,
    now: datetime | None = None,
) -> int:  # fmt: skip
    """Create `count` demo sessions (and a few series, and some today); returns how many."""
    if count <= 0:
        return 0
    rng, now = random.Random(seed), now or timezone.now()
    calendar, today = WorkingCalendar(), timezone.localdate(now)
    days = _working_days(today - timedelta(days=PAST_DAYS), today + timedelta(days=FUTURE_DAYS),
                         calendar)  # fmt: skip
    with transaction.atomic():
        people, busy = _people(rng)
        taken = _taken()
        created = _today_and_series(rng, people, today, calendar, now, taken)
        workers = _workers(count + len(taken), len(days) * len(HOURS))
        slots_per_worker = len(days) * len(HOURS)
        capacity = len(workers) * slots_per_worker
        table = CopyTable(CounsellingSession, COLUMNS)
        wanted = min(count - created, capacity - len(taken))
        for index in rng.sample(range(capacity), min(capacity, wanted + len(taken))):
            if created >= count:
                break
            worker, rest = divmod(index, slots_per_worker)
            day_index, hour_index = divmod(rest, len(HOURS))
            slot = (workers[worker], days[day_index], HOURS[hour_index])
            if slot in taken:
                continue
            taken.add(slot)
            person = rng.choice(busy) if rng.random() < BUSY_SHARE else rng.choice(people)
            table.rows.append(_row(rng, person, slot, now))
            created += 1
            if len(table.rows) >= batch_size:
                table.flush()
                if progress is not None:
                    progress(created)
        table.flush()
    if progress is not None:
        progress(created)
    return created


def _row(rng: random.Random, person: int, slot: tuple[int, date, int], now: datetime) -> tuple:
    worker, day, hour = slot
    kind = KIND.pick(rng)
    status = _status(day, hour, now, rng)
    notes = rng.choice(NOTES[kind]) if status == Status.HELD else ""
    at = timezone.make_aware(datetime.combine(day, time(hour))) - timedelta(days=rng.randint(1, 20))
    at = min(at, now)
    return (person, None, None, None, kind, day, time(hour), MINUTES.pick(rng), worker, status,
            notes, worker, at, at)  # fmt: skip


def _today_and_series(rng, people, today, calendar, now, taken) -> int:
    """Three sessions today (or on the next working day) for each caseworker, and a weekly
    series of eight psychosocial sessions for a few people, begun four weeks ago (the past
    ones held with notes). Returns how many sessions were made."""
    caseworkers = list(User.objects.caseworkers().order_by("pk"))
    day = today if calendar.is_working_day(today) else calendar.add_working_days(today, 1)
    made = 0
    for worker in caseworkers:
        for hour in (9, 11, 13):
            if (worker.pk, day, hour) in taken:
                continue
            taken.add((worker.pk, day, hour))
            kind = KIND.pick(rng)
            CounsellingSession.objects.create(
                beneficiary_id=rng.choice(people), kind=kind, date=day, start_time=time(hour),
                duration_minutes=45, worker=worker, created_by=worker,
            )  # fmt: skip
            made += 1
    for number, worker in enumerate(caseworkers * 2):
        made += _series(rng, rng.choice(people), worker, today, calendar, taken, number)
    return made


def _series(rng, person, worker, today, calendar, taken, number: int) -> int:
    kind = [SessionKind.PSYCHOSOCIAL_CHILD, SessionKind.PSYCHOSOCIAL_ADULT,
            SessionKind.PSYCHOSOCIAL_FAMILY][number % 3]  # fmt: skip
    first = calendar.add_working_days(today - timedelta(weeks=4), number % 3)
    hour = 12 if number % 2 else 10
    series = SessionSeries(beneficiary_id=person, kind=kind, first_date=first,
                           start_time=time(hour), duration_minutes=50, count=8, every=1,
                           unit="weeks", on_closed_day="next", worker=worker,
                           created_by=worker)  # fmt: skip
    days = plan_series(first_date=first, count=8, step=series.step,
                       on_closed_day="next", calendar=calendar)  # fmt: skip
    if any((worker.pk, day, hour) in taken for day in days):
        return 0
    series.save()
    sessions = []
    for position, day in enumerate(days, start=1):
        taken.add((worker.pk, day, hour))
        past = day < today
        sessions.append(CounsellingSession(
            beneficiary_id=person, series=series, series_position=position, kind=kind, date=day,
            start_time=time(hour), duration_minutes=50, worker=worker, created_by=worker,
            status=Status.HELD if past else Status.PLANNED,
            notes=rng.choice(NOTES[kind]) if past else "",
        ))  # fmt: skip
    CounsellingSession.objects.bulk_create(sessions)
    return len(sessions)


SESSIONS_PER_REQUEST = 0.3  # the default: 300,000 sessions for 1,000,000 requests


def default_count(requests: int) -> int:
    return round(requests * SESSIONS_PER_REQUEST)


def seed_demo_sessions(command, options: dict, requests: int) -> None:
    """seed_demo's part: `--sessions` (default proportional to the requests), skipped with
    --if-empty when there are sessions already."""
    count = options.get("sessions")
    count = default_count(requests) if count is None else count
    if count < 0:
        raise CommandError(_("Το πλήθος και το μέγεθος παρτίδας πρέπει να είναι θετικοί."))
    if options.get("if_empty") and CounsellingSession.objects.exists():
        command.stdout.write(_("Υπάρχουν ήδη συνεδρίες: δεν δημιουργήθηκαν άλλες."))
        return
    if not count:
        return
    started = time_module.monotonic()
    try:
        created = seed_sessions(count=count, seed=options.get("seed", 1))
    except ValueError as error:
        raise CommandError(str(error)) from error
    command.stdout.write(command.style.SUCCESS(
        _("Δημιουργήθηκαν %(count)d συνεδρίες επίδειξης σε %(seconds).1f δευτερόλεπτα.")
        % {"count": created, "seconds": time_module.monotonic() - started}
    ))  # fmt: skip
