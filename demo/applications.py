"""Demo benefit applications in every state, with their covered members, checklists and history.

`seed_applications(count=..., seed=...)` gives people of the register (each at most once per
programme) an application: mostly ΕΕΕ (πρώην ΚΕΑ), the rest to the other programmes of the
catalogue. The first five are one of each state, so even a small demo has them all; then in
preparation (a checklist partly collected), submitted (with an external protocol number like
ΟΠΕΚΑ's), approved (a decision with its monthly amount, ΕΕΕ's estimated by services.eee.screen,
and a renewal date six months on — those decided five to six months ago are due for renewal
now, some past it), rejected and withdrawn. The checklist lines are those of
services.checklist.whose, the rule the actions use; the history walks
BenefitApplication.TRANSITIONS, one row per move.

Written in one transaction with COPY (demo.casework.CopyTable), like the requests and referrals:
the same seed on the same register at the same moment gives the same rows.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beneficiaries.models import Beneficiary, HouseholdMember
from community_centre.models import User
from demo.casework import CopyTable, reserve_ids
from demo.people import Weighted
from services import checklist
from services.eee import ScreeningError, screen
from services.models import (
    ApplicationDocument,
    ApplicationStatusChange,
    BenefitApplication,
    ItemState,
    Programme,
)

Status = BenefitApplication.Status
Progress = Callable[[int], None]
P, S, A, R, W = (
    Status.PREPARING,
    Status.SUBMITTED,
    Status.APPROVED,
    Status.REJECTED,
    Status.WITHDRAWN,
)
STATES = Weighted({P: 18, S: 17, A: 45, R: 10, W: 10})
PATHS = {P: (P,), S: (P, S), A: (P, S, A), R: (P, S, R), W: Weighted({(P, W): 6, (P, S, W): 4})}
EEE_SHARE = 0.65
# How long ago an application began, by its state (days): decisions spread over the last 7
# months so that about a sixth of the approved ΕΕΕ ones are due for renewal, a few past it.
BEGAN_DAYS = {P: (2, 40), S: (20, 90), A: (40, 260), R: (40, 230), W: (10, 200)}
INCOME_STEP = 50  # declared six-month incomes are multiples of this (screenings are cached)
APPLICATION_COLUMNS = [
    "id", "beneficiary_id", "programme_id", "status", "status_changed_at", "worker_id",
    "prepared_from", "single_parent", "unprotected_children", "income_6m", "submitted_on",
    "submitted_via", "external_protocol", "decided_on", "monthly_amount", "renewal_on",
    "renewed_by_id", "document_request_id", "notes", "created_at", "updated_at",
]  # fmt: skip
LINE_COLUMNS = [
    "application_id", "document_type_id", "member_id", "requirement", "note", "position",
    "state", "document_id", "collected_on", "requested_item_id", "updated_at",
]  # fmt: skip
WITHDRAWN_NOTES = [
    "Ο ωφελούμενος δεν επιθυμεί να συνεχίσει.",
    "Μετακόμισε σε άλλο δήμο.",
    "Βρήκε εργασία· το εισόδημα ξεπερνά το όριο.",
    "Δεν προσκόμισε τα δικαιολογητικά.",
]
REJECTED_NOTES = ["Υπέρβαση εισοδηματικού κριτηρίου.", "Υπέρβαση ορίου ακίνητης περιουσίας."]


class Member:
    """What a checklist line reads of a household member (services.checklist.is_adult_on)."""

    __slots__ = ("pk", "date_of_birth", "relationship")

    def __init__(self, pk: int, date_of_birth: date | None, relationship: str) -> None:
        self.pk, self.date_of_birth, self.relationship = pk, date_of_birth, relationship


def _households(people: list[int]) -> dict[int, list[Member]]:
    rows = HouseholdMember.objects.filter(beneficiary_id__in=people).order_by(
        "beneficiary_id", "date_of_birth", "pk"
    )
    found: dict[int, list[Member]] = defaultdict(list)
    for pk, owner, born, relationship in rows.values_list(
        "pk", "beneficiary_id", "date_of_birth", "relationship"
    ):
        found[owner].append(Member(pk, born, relationship))
    return found


@lru_cache(maxsize=4096)
def _eee_amount(adults: int, minors: int, single: bool, income: int, on: date) -> Decimal | None:
    """The estimated ΕΕΕ benefit (None when not eligible or no amounts are in force)."""
    try:
        result = screen(adults=adults, minors=minors, single_parent=single,
                        income_6m=Decimal(income), on=on)  # fmt: skip
    except ScreeningError:
        return None
    return result.monthly_benefit if result.eligible and result.monthly_benefit > 0 else None


class DemoApplications:
    """Turns chosen (person, programme, state) into rows of the four tables."""

    def __init__(self, *, seed: int, now: datetime, workers: list[int]) -> None:
        self.rng = random.Random(seed)
        self.now = now
        self.today = timezone.localdate(now)
        self.workers = workers
        self.applications = CopyTable(BenefitApplication, APPLICATION_COLUMNS)
        self.lines = CopyTable(ApplicationDocument, LINE_COLUMNS)
        self.members = CopyTable(
            BenefitApplication.covered_members.through,
            ["benefitapplication_id", "householdmember_id"],
        )
        self.history = CopyTable(ApplicationStatusChange, [
            "application_id", "from_status", "to_status", "note", "actor_id", "at"])  # fmt: skip
        self.numbers: dict[int, int] = defaultdict(int)

    def moment(self, day: date) -> datetime:
        at = timezone.make_aware(datetime.combine(day, datetime.min.time())) + timedelta(
            hours=self.rng.randint(7, 14), minutes=self.rng.randint(0, 59)
        )
        return min(at, self.now - timedelta(minutes=1))

    def protocol(self, programme: Programme, day: date) -> str:
        self.numbers[day.year] += 1
        number = self.numbers[day.year]
        if programme.deciding_body.startswith("ΟΠΕΚΑ"):
            return f"ΟΠΕΚΑ {day.year}/{number + 100_000:07d}"
        return f"{day.year}/{number:05d}"

    def add(self, pk: int, person: int, worker: int, programme: Programme, state: str,
            members: list[Member], items: list) -> None:  # fmt: skip
        rng, today = self.rng, self.today
        path = PATHS[state].pick(rng) if isinstance(PATHS[state], Weighted) else PATHS[state]
        low, high = BEGAN_DAYS[state]
        began = today - timedelta(days=rng.randint(low, high))
        submitted = decided = renewal = None
        if S in path:
            submitted = min(began + timedelta(days=rng.randint(3, 20)), today)
        if path[-1] in (A, R):
            decided = min(submitted + timedelta(days=rng.randint(10, 40)), today)
        days = [began, *([submitted] if S in path else []), *([decided] if decided else [])]
        if len(days) < len(path):  # withdrawn: a while after the last step
            days.append(min(days[-1] + timedelta(days=rng.randint(1, 30)), today))
        covered = [m for m in members if rng.random() < 0.9] if programme.is_eee else members[:2]
        adults, minors = checklist.household_counts(covered, today)
        single = programme.is_eee and minors > 0 and adults == 1
        income = rng.randint(0, 60) * INCOME_STEP if programme.is_eee else None
        amount = None
        if path[-1] == A:
            amount = (_eee_amount(adults, minors, single, income, today) if programme.is_eee
                      else Decimal(rng.choice([50, 80, 120, 200, 360])))  # fmt: skip
            if amount is None:  # the income test fails: ΟΠΕΚΑ rejects it
                path = (P, S, R)
        if path[-1] in (S, A) and programme.renewal_months:
            renewal = checklist.default_renewal_on(programme, submitted_on=submitted,
                                                   decided_on=decided)  # fmt: skip
        moments = [self.moment(d) for d in days]
        note = rng.choice(WITHDRAWN_NOTES) if path[-1] == W else ""
        self.applications.rows.append((
            pk, person, programme.pk, path[-1], moments[-1], worker, began, single, 0,
            Decimal(income) if income is not None else None, submitted,
            programme.submitted_via if submitted else "",
            self.protocol(programme, submitted) if submitted else "", decided, amount, renewal,
            None, None, "", moments[0], moments[-1],
        ))  # fmt: skip
        self.members.rows.extend((pk, m.pk) for m in covered)
        self.write_lines(pk, items, covered, state, began, moments[-1])
        self.write_history(pk, worker, path, moments, note)

    def write_lines(self, pk, items, covered, state, began, at) -> None:
        rng = self.rng
        for position, (item, member) in enumerate(checklist.whose(items, covered, self.today)):
            relevant = item.requirement == "where_relevant"
            if state == P:
                chance = rng.random()
                line = (ItemState.NOT_APPLICABLE if relevant and chance < 0.4 else
                        ItemState.COLLECTED if chance < 0.6 else ItemState.MISSING)  # fmt: skip
            else:
                line = ItemState.NOT_APPLICABLE if relevant and rng.random() < 0.6 else (
                    ItemState.COLLECTED)  # fmt: skip
            collected = began + timedelta(days=rng.randint(0, 3)) if line == "collected" else None
            self.lines.rows.append((
                pk, item.document_type_id, member.pk if member else None, item.requirement,
                item.note, position, line, None, min(collected, self.today) if collected else None,
                None, at,
            ))  # fmt: skip

    def write_history(self, pk, worker, path, moments, note) -> None:
        rows = self.history.rows
        rows.append((pk, "", P, "", worker, moments[0]))
        for (before, after), at in zip(pairwise(path), moments[1:], strict=True):
            text = note if after == W else (self.rng.choice(REJECTED_NOTES) if after == R else "")
            rows.append((pk, before, after, text, worker, at))

    def flush(self) -> None:
        for table in (self.applications, self.members, self.lines, self.history):
            table.flush()


def _workers() -> list[int]:
    return list(User.objects.caseworkers().order_by("pk").values_list("pk", flat=True))


def _pairs(count: int, rng: random.Random, programmes: list[Programme]) -> list[tuple]:
    """(person, assigned worker, programme): each person at most once per programme."""
    people = list(Beneficiary.objects.order_by("pk").values_list("pk", "assigned_worker_id"))
    eee = next((p for p in programmes if p.is_eee), None)
    others = [p for p in programmes if not p.is_eee] or programmes
    chosen, taken = [], set()
    rounds = 0
    while len(chosen) < count and rounds < len(programmes) + 1:
        rounds += 1
        for person, worker in rng.sample(people, len(people)):
            if len(chosen) >= count:
                break
            programme = eee if eee and rng.random() < EEE_SHARE else rng.choice(others)
            if (person, programme.pk) in taken:
                continue
            taken.add((person, programme.pk))
            chosen.append((person, worker, programme))
    return chosen


def seed_applications(
    *,
    count: int,
    seed: int = 1,
    batch_size: int = 5000,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> int:
    """Create up to `count` demo applications; returns how many. Raises ValueError (with a Greek
    message) without programmes or caseworkers."""
    if count <= 0:
        return 0
    programmes = list(Programme.objects.active().prefetch_related("checklist"))
    workers = _workers()
    if not programmes or not workers:
        raise ValueError(_("Δεν υπάρχουν προγράμματα ή λειτουργοί: εκτελέστε `manage.py "
                           "load_reference_data` και `manage.py create_demo_users`."))  # fmt: skip
    items = {p.pk: list(p.checklist.all()) for p in programmes}
    with transaction.atomic():
        generator = DemoApplications(seed=seed, now=now or timezone.now(), workers=workers)
        chosen = _pairs(count, generator.rng, programmes)
        # The first five one of each state; the rest drawn.
        states = [*Status.values, *(STATES.pick(generator.rng) for _ in chosen)][: len(chosen)]
        open_taken = set(
            BenefitApplication.objects.open().values_list("beneficiary_id", "programme_id")
        )
        for start in range(0, len(chosen), batch_size):
            batch = chosen[start : start + batch_size]
            households = _households([person for person, _, _ in batch])
            ids = reserve_ids(BenefitApplication, len(batch))
            for offset, (pk, (person, worker, programme)) in enumerate(
                zip(ids, batch, strict=True)
            ):
                state = states[start + offset]
                if state in (P, S) and (person, programme.pk) in open_taken:
                    state = A
                generator.add(pk, person, worker or generator.rng.choice(workers), programme,
                              state, households.get(person, []), items[programme.pk])  # fmt: skip
            generator.flush()
            if progress is not None:
                progress(start + len(batch))
    return len(chosen)


def seed_demo_step(command, *, count: int, seed: int, if_empty: bool, batch_size: int) -> None:
    """seed_demo's part: `count` applications (none with --if-empty when some exist)."""
    from django.core.management.base import CommandError

    if count < 0:
        raise CommandError(_("Το πλήθος και το μέγεθος παρτίδας πρέπει να είναι θετικοί."))
    if if_empty and BenefitApplication.objects.exists():
        command.stdout.write(_("Υπάρχουν ήδη αιτήσεις παροχών: δεν δημιουργήθηκαν άλλες."))
        return
    started = timezone.now()
    try:
        created = seed_applications(count=count, seed=seed, batch_size=batch_size)
    except ValueError as error:
        raise CommandError(str(error)) from error
    seconds = (timezone.now() - started).total_seconds()
    command.stdout.write(command.style.SUCCESS(
        _("Δημιουργήθηκαν %(count)d αιτήσεις παροχών επίδειξης σε %(seconds).1f δευτερόλεπτα.")
        % {"count": created, "seconds": seconds}
    ))  # fmt: skip
