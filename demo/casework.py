"""Demo requests for the demo people: three years of the protocol book, with consistent history.

`seed_requests(count=..., seed=...)` spreads `count` assistance requests over the people already
in the register: most have a handful, some a few dozen, and a few have 50–60 (so the case file
can be measured with a long history). They were received on working days inside opening hours
during the last three years. Each walks an allowed path of `AssistanceRequest.TRANSITIONS` with
one history row per move, the last move being its `last_action_at`; old requests are mostly
closed, recent ones open. With them come about a tenth as many information requests (most
answered, a few open, some overdue), a document request for each request that waited for
documents (complete, cancelled or still open and perhaps overdue), and appointments for the past
month and the next ten working days, never two at once for a worker.

Protocol numbers: requests and information requests share the Centre's one protocol book; each
year's numbers run without gaps in order of receipt, after any number already taken that year.
Afterwards each year's counter stands at the last number used, so the next real registration
(`next_protocol_number`) continues the sequence. The counters stay locked until the seeding
commits, so a registration at the same moment waits rather than takes a number twice.

Everything is written in one transaction with PostgreSQL COPY (psycopg's `cursor.copy()`),
from plain tuples: no model instance is built for the million rows, and bulk_create would stamp
the `auto_now_add` columns (a history row's `at`, `created_at`) with the time of seeding instead
of the time of each move. 1,000,000 requests over 100,000 people take about three minutes on
two cores. Information requests are answered without a printed letter: letters are real PDFs,
printed only by `letter_create`. The same seed on the same register at the same moment gives
the same rows.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise

from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from beneficiaries.models import Beneficiary, DocumentType
from community_centre.calendar import WorkingCalendar
from community_centre.models import CentreProfile, User
from community_centre.protocol import ProtocolCounter
from demo.people import DEMO_CASEWORKERS, DOCUMENTS, PROGRAMMES, Weighted
from demo.texts import (
    DESCRIPTION_OTHER,
    DESCRIPTIONS,
    DOCUMENT_NOTES,
    INFORMATION_NOTES,
    ITEM_DESCRIPTIONS,
    MOVE_NOTES,
    NEXT_STEPS,
    PARTNERS,
    PURPOSES,
)
from referrals.models import Referral
from requests.actions.assistance import DEFAULT_NEXT_STEP
from requests.models import (
    Appointment,
    AssistanceRequest,
    DocumentRequest,
    DocumentRequestItem,
    InformationRequest,
    RequestCategory,
    RequestStatusChange,
    StatusLetter,
)
from requests.models.base import Channel
from requests.models.information import INFORMATION_DUE_WORKING_DAYS

Status = AssistanceRequest.Status
Progress = Callable[[int], None]

HISTORY_DAYS = 3 * 365
INFORMATION_SHARE = 0.1  # information requests per assistance request
# Who asks how often: a few people with a long history, most with a handful, some with none.
HEAVY_PEOPLE = 5
HEAVY_REQUESTS = (50, 60)
REQUESTS_PER_HEAVY_PERSON = 200  # one heavy person per this many requests, up to HEAVY_PEOPLE
MAX_PER_PERSON = 60
WITHOUT_REQUESTS = 0.1
SPREAD_SIGMA = 0.9  # of the log-normal weight of each person
INFORMATION_WINDOW_DAYS = 30  # an information request follows a request within this many days
RECENT_INFORMATION = 0.08  # share of information requests made during the last working days
RECENT_WORKING_DAYS = 12
APPOINTMENTS_PAST_DAYS = 30
APPOINTMENTS_AHEAD_WORKING_DAYS = 10
SLOT_MINUTES = 15
# Days after today that the timeline lists (appointments, due dates); beyond, the calendar counts.
FUTURE_DAYS = 120


# --- how requests go ---------------------------------------------------------------------------

CHANNEL = Weighted(
    {Channel.IN_PERSON: 60, Channel.PHONE: 20, Channel.EMAIL: 8, Channel.POST: 4,
     Channel.REPRESENTATIVE: 8}
)  # fmt: skip
INFORMATION_CHANNEL = Weighted(
    {Channel.IN_PERSON: 50, Channel.PHONE: 40, Channel.EMAIL: 7, Channel.REPRESENTATIVE: 3}
)
# How often each kind of request comes (codes of the reference data; others weigh OTHER_WEIGHT).
CATEGORY_WEIGHTS = {
    "information": 12, "eee-application": 18, "benefit-application": 16, "referral": 8,
    "employment-counselling": 7, "psychosocial-support": 6, "material-aid": 16, "housing": 5,
    "health": 5, "administrative": 9, "other": 3,
}  # fmt: skip
OTHER_WEIGHT = 3
# Where a request ends up, by its age in working days: the recent are open, the old decided.
STATUS_COLUMNS = [
    Status.NEW, Status.IN_PROGRESS, Status.WAITING_DOCUMENTS, Status.REFERRED,
    Status.COMPLETED, Status.REJECTED, Status.WITHDRAWN,
]  # fmt: skip
STATUS_BY_AGE: list[tuple[int | None, Weighted]] = [
    (age, Weighted(dict(zip(STATUS_COLUMNS, weights, strict=True))))
    for age, weights in [
        (5, [450, 380, 100, 30, 30, 0, 10]),
        (20, [80, 300, 200, 70, 270, 40, 40]),
        (60, [10, 80, 80, 40, 620, 90, 80]),
        (None, [0, 7, 5, 3, 765, 115, 105]),  # 1.5 % still open: the idle ones of «My work»
    ]
]
N, IP, WD, RF = Status.NEW, Status.IN_PROGRESS, Status.WAITING_DOCUMENTS, Status.REFERRED
DONE, NO, OFF = Status.COMPLETED, Status.REJECTED, Status.WITHDRAWN
# The ways to each status, every step allowed by TRANSITIONS (the tests check it).
PATHS: dict[str, Weighted] = {
    Status.NEW: Weighted({(N,): 1}),
    Status.IN_PROGRESS: Weighted({(N, IP): 8, (N, IP, WD, IP): 2, (N, IP, RF, IP): 1}),
    Status.WAITING_DOCUMENTS: Weighted({(N, IP, WD): 1}),
    Status.REFERRED: Weighted({(N, IP, RF): 1}),
    Status.COMPLETED: Weighted(
        {(N, IP, DONE): 10, (N, IP, WD, DONE): 2, (N, IP, WD, IP, DONE): 3, (N, IP, RF, DONE): 2}
    ),
    Status.REJECTED: Weighted({(N, IP, NO): 5, (N, IP, WD, NO): 2}),
    Status.WITHDRAWN: Weighted({(N, OFF): 3, (N, IP, OFF): 3, (N, IP, WD, OFF): 2}),
}
# Working days from receipt to a decision: mostly within the usual 10–20, some much later.
DAYS_TO_DECIDE = Weighted({(1, 10): 50, (11, 20): 30, (21, 40): 15, (41, 90): 5})
DOCUMENT_DUE = Weighted({10: 8, 15: 2})
DOCUMENT_COUNT = Weighted({1: 25, 2: 35, 3: 25, 4: 15})
# Share of the items of a document request received, by how the wait for documents ended.
ITEMS_RECEIVED = {DocumentRequest.Status.OPEN: 0.4, DocumentRequest.Status.CANCELLED: 0.3}
APPOINTMENT_LENGTH = Weighted({30: 6, 45: 2, 60: 2})
APPOINTMENT_START_CHANCE = 0.3  # that a free quarter of an hour starts an appointment
Visit = Appointment.Status
APPOINTMENT_PAST = Weighted({Visit.ATTENDED: 78, Visit.NO_SHOW: 12, Visit.CANCELLED: 10})
APPOINTMENT_AHEAD = Weighted({Visit.SCHEDULED: 92, Visit.CANCELLED: 8})


def status_for_age(working_days: int) -> Weighted:
    """The statuses a request of that age ends up in, with their weights."""
    for limit, statuses in STATUS_BY_AGE:
        if limit is None or working_days <= limit:
            return statuses
    raise AssertionError("STATUS_BY_AGE ends with a catch-all")


# --- time: the Centre's open minutes -----------------------------------------------------------


class Timeline:
    """The minutes the Centre is open, numbered from the opening of the first working day.

    Minute t is on working day `days[t // per_day]`, `t % per_day` minutes after opening. Times
    drawn as open minutes always fall on a working day inside opening hours, and "later" is a
    comparison of integers. `now` is the first open minute not yet reached.
    """

    def __init__(
        self, *, calendar: WorkingCalendar, first: date, now: datetime, opens: time, closes: time
    ) -> None:
        self.calendar = calendar
        self.today = timezone.localdate(now)
        self.per_day = _minutes(closes) - _minutes(opens)
        self.days = self._working_days(first, self.today + timedelta(days=FUTURE_DAYS))
        first_not_past = next(i for i, day in enumerate(self.days) if day >= self.today)
        self.today_index = first_not_past - (self.days[first_not_past] != self.today)
        self.now = first_not_past * self.per_day
        if self.days[first_not_past] == self.today:
            elapsed = _minutes(timezone.localtime(now).time()) - _minutes(opens)
            self.now += min(max(elapsed, 0), self.per_day)
        # Opening hours never meet a change of summer time (03:00–04:00 on a Sunday), so a day's
        # opening in UTC plus minutes is exact.
        self._openings = [
            timezone.make_aware(datetime.combine(day, opens)).astimezone(UTC) for day in self.days
        ]

    def _working_days(self, first: date, last: date) -> list[date]:
        span = (last - first).days + 1
        days = (first + timedelta(days=n) for n in range(span))
        return [day for day in days if self.calendar.is_working_day(day)]

    def at(self, minute: int) -> datetime:
        day, offset = divmod(minute, self.per_day)
        return self._openings[day] + timedelta(minutes=offset)

    def opening(self, index: int) -> datetime:
        return self._openings[index]

    def year(self, minute: int) -> int:
        return self.days[minute // self.per_day].year

    def day(self, minute: int) -> int:
        """The index in `days` of the minute's day."""
        return minute // self.per_day

    def working_days_after(self, index: int, count: int) -> date:
        """`add_working_days(days[index], count)`, from the list while it reaches."""
        if index + count < len(self.days):
            return self.days[index + count]
        return self.calendar.add_working_days(self.days[index], count)


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


# --- what the generator reads ------------------------------------------------------------------


@dataclass
class Reference:
    """The rows the requests point at, read once."""

    people: list[int]  # primary keys, in order
    people_workers: list[int]  # the worker of each person (their assigned worker, if any)
    workers: list[int]  # the caseworkers who take appointments
    categories: Weighted | None  # of RequestCategory
    document_types: list[int]
    opens: time
    closes: time

    @classmethod
    def load(cls) -> Reference:
        users = User.objects.caseworkers()
        workers = list(users.filter(username__in=DEMO_CASEWORKERS)) or list(users)
        workers.sort(key=lambda user: user.username)
        worker_ids = [user.pk for user in workers]
        people = list(Beneficiary.objects.order_by("pk").values_list("pk", "assigned_worker_id"))
        categories = list(RequestCategory.objects.filter(is_active=True).order_by("code"))
        centre = CentreProfile.current()
        return cls(
            people=[pk for pk, _worker in people],
            # Without an assigned worker, a person's requests go to one caseworker, always the same.
            people_workers=[
                worker if worker or not worker_ids else worker_ids[i % len(worker_ids)]
                for i, (_pk, worker) in enumerate(people)
            ],
            workers=worker_ids,
            categories=Weighted({c: CATEGORY_WEIGHTS.get(c.code, OTHER_WEIGHT) for c in categories})
            if categories
            else None,
            document_types=list(
                DocumentType.objects.filter(is_active=True)
                .order_by("code")
                .values_list("pk", flat=True)
            ),
            opens=centre.opens_at,
            closes=centre.closes_at,
        )

    def check(self) -> None:
        """Refuse to start without what every request needs."""
        if not self.people:
            raise ValueError(_("Δεν υπάρχουν ωφελούμενοι: δημιουργήστε πρώτα ωφελούμενους."))
        if not self.categories:
            raise ValueError(
                _("Δεν υπάρχουν κατηγορίες αιτημάτων: εκτελέστε `manage.py load_reference_data`.")
            )
        if not self.workers:
            raise ValueError(
                _(
                    "Δεν υπάρχει κοινωνικός/ή λειτουργός για να αναλάβει τα αιτήματα: "
                    "εκτελέστε `manage.py create_demo_users`."
                )
            )


# --- the plan: who asks, when, and the protocol numbers ----------------------------------------


def requests_per_person(people: int, count: int, rng: random.Random) -> list[int]:
    """How many of `count` requests each of `people` people made: skewed, summing to `count`.

    A few people (one per 200 requests, at most five) have 50–60; the rest share the remainder
    by a log-normal weight, a tenth of them nothing, nobody more than 60 unless the average
    itself calls for more.
    """
    counts = [0] * people
    if people == 0 or count <= 0:
        return counts
    left = count
    for index in rng.sample(range(people), min(HEAVY_PEOPLE, count // REQUESTS_PER_HEAVY_PERSON)):
        counts[index] = min(rng.randint(*HEAVY_REQUESTS), left)
        left -= counts[index]
    others = [i for i in range(people) if counts[i] == 0]
    weights = [
        0.0 if rng.random() < WITHOUT_REQUESTS else rng.lognormvariate(0, SPREAD_SIGMA)
        for _ in others
    ]
    total = sum(weights)
    cap = max(MAX_PER_PERSON, 2 * -(-left // max(len(others), 1)))
    if total:
        for index, weight in zip(others, weights, strict=True):
            counts[index] = min(int(left * weight / total), cap)
            # int() rounds down; what it leaves (and what the cap cuts off) is given out below
        left -= sum(counts[i] for i in others)
    receivers = [i for i, w in zip(others, weights, strict=True) if w > 0] or list(range(people))
    while left > 0:
        under_cap = [i for i in receivers if counts[i] < cap]
        if not under_cap:
            cap += 1
            continue
        for index in rng.sample(under_cap, min(left, len(under_cap))):
            counts[index] += 1
        left -= min(left, len(under_cap))
    return counts


@dataclass
class Plan:
    """Who made each request and when (as open minutes), and the same for information requests."""

    owners: list[int]  # index in Reference.people of each request's person
    received: list[int]
    info_of: list[int]  # the request each information request follows
    info_about: list[bool]  # whether it asks about that request only
    info_received: list[int]

    @classmethod
    def draw(cls, *, count: int, people: int, timeline: Timeline, rng: random.Random) -> Plan:
        counts = requests_per_person(people, count, rng)
        owners = [index for index, n in enumerate(counts) for _ in range(n)]
        received = [rng.randrange(timeline.now) for _ in owners]
        plan = cls(owners, received, [], [], [])
        for _request in range(round(count * INFORMATION_SHARE)):
            if rng.random() < RECENT_INFORMATION:
                plan.add_recent_information(timeline, rng)
            else:
                plan.add_information(rng.randrange(count), timeline, rng)
        return plan

    def add_information(self, follows: int, timeline: Timeline, rng: random.Random) -> None:
        """An information request some time after request `follows`, perhaps about it alone."""
        room = min(
            timeline.now - 1 - self.received[follows], INFORMATION_WINDOW_DAYS * timeline.per_day
        )
        self.info_of.append(follows)
        self.info_about.append(room > 0 and rng.random() < 0.3)
        self.info_received.append(
            self.received[follows] + (rng.randint(1, room) if room > 0 else 0)
        )

    def add_recent_information(self, timeline: Timeline, rng: random.Random) -> None:
        """One of the last days' information requests, still to answer (or just answered), so
        that «My work» has some due soon."""
        start = max(timeline.now - RECENT_WORKING_DAYS * timeline.per_day, 0)
        when = rng.randrange(start, timeline.now)
        for _attempt in range(20):  # a request received before then; nearly all are
            follows = rng.randrange(len(self.received))
            if self.received[follows] < when:
                self.info_of.append(follows)
                self.info_about.append(rng.random() < 0.3)
                self.info_received.append(when)
                return
        self.add_information(follows, timeline, rng)

    def protocol_order(self) -> list[tuple[int, int]]:
        """(kind, index) of every numbered record in order of receipt; kind 0 is a request, 1 an
        information request. Ties keep requests first, then the order of drawing."""
        size = max(len(self.received), len(self.info_received)) + 1
        # One integer per record sorts in half the time of tuples at a million rows.
        keys = [(t * 2) * size + i for i, t in enumerate(self.received)]
        keys += [(t * 2 + 1) * size + i for i, t in enumerate(self.info_received)]
        keys.sort()
        return [((key // size) % 2, key % size) for key in keys]


@dataclass
class ProtocolBook:
    """The numbers given out per year, starting after what the year's book already holds."""

    last: dict[int, int]
    used: set[int] = field(default_factory=set)

    @classmethod
    def lock(cls, years: Iterable[int]) -> ProtocolBook:
        """Lock the counters of `years` until the transaction ends and read where they stand."""
        years = sorted(set(years))
        table = ProtocolCounter._meta.db_table
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} (year, last_number) VALUES (%s, 0) "  # noqa: S608 - our table
                "ON CONFLICT (year) DO NOTHING",
                [(year,) for year in years],
            )
        last = dict(
            ProtocolCounter.objects.select_for_update()
            .filter(year__in=years)
            .values_list("year", "last_number")
        )
        for model in (AssistanceRequest, InformationRequest, StatusLetter, Referral):
            taken = (
                model.objects.filter(protocol_year__in=years)
                .values("protocol_year")
                .annotate(top=Max("protocol_number"))
            )
            for row in taken:
                last[row["protocol_year"]] = max(last[row["protocol_year"]], row["top"])
        return cls(last=last)

    def take(self, year: int) -> int:
        self.last[year] += 1
        self.used.add(year)
        return self.last[year]

    def number(self, plan: Plan, timeline: Timeline) -> tuple[list[int], list[int]]:
        """The protocol numbers of the requests and of the information requests, given in order
        of receipt across both (one book)."""
        minutes = (plan.received, plan.info_received)
        numbers = ([0] * len(plan.received), [0] * len(plan.info_received))
        for kind, index in plan.protocol_order():
            numbers[kind][index] = self.take(timeline.year(minutes[kind][index]))
        return numbers

    def save(self) -> None:
        """Leave each year's counter at the last number this seeding used."""
        for year in sorted(self.used):
            ProtocolCounter.objects.filter(year=year).update(last_number=self.last[year])


# --- writing with COPY -------------------------------------------------------------------------


class CopyTable:
    """Rows waiting to be copied into one model's table, in the order of `columns`."""

    def __init__(self, model: type[models.Model], columns: list[str]) -> None:
        self.sql = f"COPY {model._meta.db_table} ({', '.join(columns)}) FROM STDIN"
        self.rows: list[tuple] = []

    def flush(self) -> None:
        if not self.rows:
            return
        # Django's cursor hands `copy` to psycopg's; values are adapted by psycopg's C code.
        with connection.cursor() as cursor, cursor.copy(self.sql) as copy:
            for row in self.rows:
                copy.write_row(row)
        self.rows.clear()


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` primary keys taken from the table's sequence, for rows that others point at."""
    if count == 0:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [model._meta.db_table, count],
        )
        return [row[0] for row in cursor.fetchall()]


# --- the generator -----------------------------------------------------------------------------


class Tables:
    """The COPY buffers of every table the seeding writes."""

    def __init__(self) -> None:
        self.requests = CopyTable(
            AssistanceRequest,
            [
                "id", "protocol_year", "protocol_number", "due_working_days", "due_date",
                "beneficiary_id", "received_at", "channel", "category_id", "description",
                "assigned_worker_id", "status", "next_step", "last_action_at", "created_by_id",
                "created_at", "updated_at", "referred_to", "outcome",
            ],
        )  # fmt: skip
        self.history = CopyTable(
            RequestStatusChange,
            ["request_id", "from_status", "to_status", "note", "actor_id", "at"],
        )
        self.documents = CopyTable(
            DocumentRequest,
            [
                "id", "due_working_days", "due_date", "beneficiary_id", "assistance_request_id",
                "requested_on", "note", "status", "created_by_id",
            ],
        )  # fmt: skip
        self.items = CopyTable(
            DocumentRequestItem,
            ["document_request_id", "document_type_id", "description", "received_on"],
        )
        self.information = CopyTable(
            InformationRequest,
            [
                "protocol_year", "protocol_number", "due_working_days", "due_date",
                "beneficiary_id", "about_id", "received_at", "channel", "note", "answered_on",
                "recorded_by_id",
            ],
        )  # fmt: skip
        self.appointments = CopyTable(
            Appointment,
            [
                "beneficiary_id", "worker_id", "starts_at", "ends_at", "purpose",
                "assistance_request_id", "status", "created_by_id", "created_at",
            ],
        )  # fmt: skip


class DemoRequests:
    """Turns the plan into rows, in order of receipt, and copies them in batches."""

    def __init__(self, *, seed: int, reference: Reference, now: datetime) -> None:
        self.rng = random.Random(seed)
        self.ref = reference
        self.now = now
        today = timezone.localdate(now)
        self.timeline = Timeline(
            calendar=WorkingCalendar(),
            first=today - timedelta(days=HISTORY_DAYS),
            now=now,
            opens=reference.opens,
            closes=reference.closes,
        )
        self.tables = Tables()
        self.request_ids: list[int] = []
        self.open_requests: dict[int, list[tuple[int, int]]] = defaultdict(list)
        # Documents waiting for the ids of their document requests: (row, item rows).
        self.pending_documents: list[tuple[tuple, list[tuple]]] = []

    # requests

    def write_requests(
        self,
        plan: Plan,
        order: list[int],
        numbers: list[int],
        *,
        batch_size: int,
        progress: Progress | None,
    ) -> None:
        """The requests in `order` (of receipt), with their history and document requests."""
        self.request_ids = [0] * len(plan.received)
        for start in range(0, len(order), batch_size):
            batch = order[start : start + batch_size]
            for index, pk in zip(batch, reserve_ids(AssistanceRequest, len(batch)), strict=True):
                self.request_ids[index] = pk
                self.request(plan, index, number=numbers[index])
            self.flush_requests()
            if progress is not None:
                progress(start + len(batch))

    def request(self, plan: Plan, index: int, *, number: int) -> None:
        rng, timeline = self.rng, self.timeline
        received, owner = plan.received[index], plan.owners[index]
        person, worker = self.ref.people[owner], self.ref.people_workers[owner]
        pk = self.request_ids[index]
        category = self.ref.categories.pick(rng)
        path, moves = self.walk(received)
        received_at = timeline.at(received)
        last_action_at = timeline.at(moves[-1]) if moves else received_at
        partner = rng.choice(PARTNERS)
        notes = [self.move_note(status, partner) for status in path[1:]]
        referred_to = partner if "referred" in path else ""
        outcome = notes[-1] if AssistanceRequest.is_final(path[-1]) else ""
        self.tables.requests.rows.append(
            (
                pk, timeline.year(received), number, category.due_working_days,
                timeline.working_days_after(timeline.day(received), category.due_working_days),
                person, received_at, CHANNEL.pick(rng), category.pk, self.description(category),
                worker, path[-1], self.next_step(path[-1]), last_action_at, worker,
                received_at, last_action_at, referred_to, outcome,
            )
        )  # fmt: skip
        self.history(pk, worker, path, [received, *moves], notes)
        if WD in path:
            self.document_request(pk, person, worker, path, moves)
        if path[-1] in AssistanceRequest.OPEN_STATUSES:
            self.open_requests[worker].append((pk, person))

    def walk(self, received: int) -> tuple[tuple[str, ...], list[int]]:
        """The statuses a request received at open minute `received` went through, and the open
        minute of each move after the first (registration as «new» at receipt)."""
        rng, timeline = self.rng, self.timeline
        room = timeline.now - 1 - received  # the last minute already past
        final = status_for_age(room // timeline.per_day).pick(rng)
        path = PATHS[final].pick(rng)
        steps = len(path) - 1
        if steps == 0 or room < steps:  # a request received a moment ago is still new
            return (N,), []
        if final in AssistanceRequest.OPEN_STATUSES:
            span = rng.randint(steps, room)
            return path, [received + m for m in sorted(rng.sample(range(1, span + 1), steps))]
        decided_on = timeline.day(received) + rng.randint(*DAYS_TO_DECIDE.pick(rng))
        span = decided_on * timeline.per_day + rng.randrange(timeline.per_day) - received
        span = min(max(span, steps), room)
        offsets = [*sorted(rng.sample(range(1, span), steps - 1)), span]
        return path, [received + m for m in offsets]

    def history(
        self, pk: int, worker: int, path: tuple[str, ...], minutes: list[int], notes: list[str]
    ) -> None:
        """One row per move, as `request_create` and `request_move` write them."""
        rows = self.tables.history.rows
        at = self.timeline.at
        rows.append((pk, "", path[0], "", worker, at(minutes[0])))
        moves = zip(pairwise(path), minutes[1:], notes, strict=True)
        for (before, after), minute, note in moves:
            rows.append((pk, before, after, note, worker, at(minute)))

    def description(self, category: RequestCategory) -> str:
        text = self.rng.choice(DESCRIPTIONS.get(category.code, DESCRIPTION_OTHER))
        return text.format(programme=self.rng.choice(PROGRAMMES))

    def next_step(self, status: str) -> str:
        if status == N:
            return str(DEFAULT_NEXT_STEP)
        steps = NEXT_STEPS.get(status)
        if not steps:
            return ""  # decided: nothing left to do
        return self.rng.choice(steps).format(
            document=self.rng.choice(DOCUMENTS)[0], partner=self.rng.choice(PARTNERS)
        )

    def move_note(self, status: str, partner: str) -> str:
        return self.rng.choice(MOVE_NOTES[status]).format(partner=partner)

    # document requests

    def document_request(
        self, pk: int, person: int, worker: int, path: tuple[str, ...], moves: list[int]
    ) -> None:
        """The documents asked for when the request moved to «waiting for documents»: complete
        if it moved on, cancelled if it was dropped, else still open (overdue once due)."""
        if not self.ref.document_types:
            return
        rng, timeline = self.rng, self.timeline
        step = path.index(WD)
        day = timeline.day(moves[step - 1])
        if step + 1 < len(path):
            after = path[step + 1]
            until = timeline.day(moves[step])
            status = (
                DocumentRequest.Status.COMPLETE
                if after in (IP, DONE)
                else DocumentRequest.Status.CANCELLED
            )
        else:
            until, status = timeline.today_index, DocumentRequest.Status.OPEN
        due_working_days = DOCUMENT_DUE.pick(rng)
        row = (
            due_working_days, timeline.working_days_after(day, due_working_days), person, pk,
            timeline.days[day], rng.choice(DOCUMENT_NOTES), status, worker,
        )  # fmt: skip
        self.pending_documents.append((row, self.document_items(status, day, until)))

    def document_items(self, status: str, day: int, until: int) -> list[tuple]:
        rng = self.rng
        types = self.ref.document_types
        chosen = rng.sample(types, min(DOCUMENT_COUNT.pick(rng), len(types)))
        share = ITEMS_RECEIVED.get(status, 1.0)
        received = [
            self.timeline.days[rng.randint(day, until)] if rng.random() < share else None
            for _ in chosen
        ]
        if status == DocumentRequest.Status.OPEN and all(received):
            received[-1] = None  # open means something is still missing
        return [
            (pk, rng.choice(ITEM_DESCRIPTIONS), on) for pk, on in zip(chosen, received, strict=True)
        ]

    def flush_requests(self) -> None:
        ids = reserve_ids(DocumentRequest, len(self.pending_documents))
        for pk, (row, items) in zip(ids, self.pending_documents, strict=True):
            self.tables.documents.rows.append((pk, *row))
            self.tables.items.rows.extend((pk, *item) for item in items)
        self.pending_documents.clear()
        for table in (
            self.tables.requests,
            self.tables.history,
            self.tables.documents,
            self.tables.items,
        ):
            table.flush()

    # information requests

    def write_information(
        self, plan: Plan, order: list[int], numbers: list[int], *, batch_size: int
    ) -> None:
        table = self.tables.information
        for index in order:
            table.rows.append(self.information(plan, index, number=numbers[index]))
            if len(table.rows) >= batch_size:
                table.flush()
        table.flush()

    def information(self, plan: Plan, index: int, *, number: int) -> tuple:
        rng, timeline = self.rng, self.timeline
        received, follows = plan.info_received[index], plan.info_of[index]
        owner = plan.owners[follows]
        day = timeline.day(received)
        return (
            timeline.year(received), number, INFORMATION_DUE_WORKING_DAYS,
            timeline.working_days_after(day, INFORMATION_DUE_WORKING_DAYS),
            self.ref.people[owner],
            self.request_ids[follows] if plan.info_about[index] else None,
            timeline.at(received), INFORMATION_CHANNEL.pick(rng), rng.choice(INFORMATION_NOTES),
            self.answered_on(day), self.ref.people_workers[owner],
        )  # fmt: skip

    def answered_on(self, day: int) -> date | None:
        """Most are answered within the 10 working days; a few stay open, some past their due."""
        age = self.timeline.today_index - day
        still_open = 0.6 if age < INFORMATION_DUE_WORKING_DAYS else 0.02 if age < 60 else 0.003
        if self.rng.random() < still_open:
            return None
        late = self.rng.random() < 0.05
        first, last = (day + 11, day + 15) if late else (day, day + INFORMATION_DUE_WORKING_DAYS)
        return self.timeline.days[min(self.rng.randint(first, last), self.timeline.today_index)]

    # appointments

    def write_appointments(self) -> None:
        """Each worker's diary for the past month and the next ten working days, on a grid of
        quarter hours inside opening hours, so no two of a worker's appointments overlap.
        A worker's day that already has appointments is left as it is."""
        timeline = self.timeline
        first_day = timeline.today - timedelta(days=APPOINTMENTS_PAST_DAYS)
        first = next(i for i, day in enumerate(timeline.days) if day >= first_day)
        last = timeline.today_index + APPOINTMENTS_AHEAD_WORKING_DAYS
        busy = self.busy_days(timeline.opening(first), timeline.opening(last + 1))
        people_by_worker = defaultdict(list)
        for person, worker in zip(self.ref.people, self.ref.people_workers, strict=True):
            people_by_worker[worker].append(person)
        for worker in self.ref.workers:
            for index in range(first, last + 1):
                if (worker, timeline.days[index]) not in busy:
                    self.diary(worker, index, people_by_worker[worker] or self.ref.people)
        self.tables.appointments.flush()

    def busy_days(self, start: datetime, end: datetime) -> set[tuple[int, date]]:
        taken = (
            Appointment.objects.filter(starts_at__gte=start, starts_at__lt=end)
            .exclude(status=Appointment.Status.CANCELLED)
            .values_list("worker_id", "starts_at")
        )
        return {(worker, timezone.localdate(starts_at)) for worker, starts_at in taken}

    def diary(self, worker: int, index: int, people: list[int]) -> None:
        rng, rows = self.rng, self.tables.appointments.rows
        opening, minute = self.timeline.opening(index), 0
        while minute + SLOT_MINUTES <= self.timeline.per_day:
            length = APPOINTMENT_LENGTH.pick(rng)
            if rng.random() >= APPOINTMENT_START_CHANCE or minute + length > self.timeline.per_day:
                minute += SLOT_MINUTES
                continue
            starts_at = opening + timedelta(minutes=minute)
            request, person = self.appointment_for(worker, people)
            status = (APPOINTMENT_PAST if starts_at < self.now else APPOINTMENT_AHEAD).pick(rng)
            created_at = min(starts_at - timedelta(days=rng.randint(1, 10)), self.now)
            rows.append(
                (
                    person, worker, starts_at, starts_at + timedelta(minutes=length),
                    rng.choice(PURPOSES), request, status, worker, created_at,
                )
            )  # fmt: skip
            minute += length

    def appointment_for(self, worker: int, people: list[int]) -> tuple[int | None, int]:
        """(request, person): mostly about one of the worker's open requests."""
        open_requests = self.open_requests.get(worker)
        if open_requests and self.rng.random() < 0.7:
            return self.rng.choice(open_requests)
        return None, self.rng.choice(people)


def seed_requests(
    *,
    count: int,
    seed: int = 1,
    batch_size: int = 5000,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> int:
    """Create `count` demo requests with their history, information and document requests and
    appointments; returns how many requests were created.

    `progress`, if given, is called after each batch with the number of requests written so far
    (e.g. `ProgressBar.update`). `now` (default: the present) fixes the moment the three years
    lead up to, for reproducible tests. Raises ValueError (with a Greek message) when there are
    no people, no request categories or no caseworker.
    """
    if count <= 0:
        return 0
    reference = Reference.load()
    reference.check()
    with transaction.atomic():
        generator = DemoRequests(seed=seed, reference=reference, now=now or timezone.now())
        timeline = generator.timeline
        plan = Plan.draw(
            count=count, people=len(reference.people), timeline=timeline, rng=generator.rng
        )
        book = ProtocolBook.lock(day.year for day in timeline.days[: timeline.today_index + 1])
        request_numbers, information_numbers = book.number(plan, timeline)
        generator.write_requests(
            plan,
            sorted(range(count), key=plan.received.__getitem__),
            request_numbers,
            batch_size=batch_size,
            progress=progress,
        )
        generator.write_information(
            plan,
            sorted(range(len(plan.info_received)), key=plan.info_received.__getitem__),
            information_numbers,
            batch_size=batch_size,
        )
        generator.write_appointments()
        book.save()
    return count
