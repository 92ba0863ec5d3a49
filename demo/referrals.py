"""Demo referrals to the seeded partner bodies, in every state, with consistent history.

`seed_referrals(count=..., seed=...)` gives `count` of the demo assistance requests that have no
referral yet one referral each: about a third on open requests (drafts, sent, accepted — those
sent a while ago now past their follow-up date, so «My work» has overdue ones), the rest on
closed requests (declined, completed, did not attend, revoked). The first seven are one of each
state, so even a small demo has them all. Each walks an allowed path of `Referral.TRANSITIONS`
with one history row per move, as the actions write them: the body's answers recorded by its
partner account when it has one, otherwise by the worker, confirmed by phone that day.

What was disclosed is frozen by `referrals.snapshot.freeze`, the function the «send» action
uses, from the person's case file as it stands; sent referrals carry a consent (date, how) or a
legal basis with its note, a follow-up date in working days from the service's answer time
(`referrals.follow_up.follow_up_date`) and an outgoing number from the Centre's protocol book,
given in order of sending after the numbers already taken each year (demo.casework.ProtocolBook;
the counters are left at the last number used).

Written in one transaction with COPY, like demo.casework, so that `created_at`, `updated_at` and
the history's `at` are the moments of each move rather than the moment of seeding. The same seed
on the same register at the same moment gives the same rows.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beneficiaries.models import Beneficiary
from community_centre.calendar import WorkingCalendar
from demo.casework import CopyTable, ProtocolBook, reserve_ids
from demo.people import Weighted
from demo.texts import (
    LEGAL_BASIS_NOTES,
    REFERRAL_ABSENCES,
    REFERRAL_DECLINES,
    REFERRAL_OUTCOMES,
    REFERRAL_REASONS,
    REFERRAL_REVOCATIONS,
)
from referrals.follow_up import DEFAULT_ANSWER_WORKING_DAYS, follow_up_date
from referrals.models import (
    Basis,
    ConsentHow,
    Disclosed,
    PartnerBody,
    PartnerMembership,
    Referral,
    ReferralStatusChange,
)
from referrals.snapshot import freeze
from requests.models import AssistanceRequest

Status = Referral.Status
Request = AssistanceRequest.Status
Progress = Callable[[int], None]

OPEN_SHARE = 0.35  # of the referrals, on requests still open
OPEN_REQUESTS = [Request.IN_PROGRESS, Request.WAITING_DOCUMENTS, Request.REFERRED]
CLOSED_REQUESTS = [Request.COMPLETED, Request.REJECTED, Request.WITHDRAWN]
ON_OPEN = Weighted({Status.DRAFT: 15, Status.SENT: 45, Status.ACCEPTED: 40})
ON_CLOSED = Weighted(
    {Status.COMPLETED: 45, Status.DECLINED: 20, Status.DID_NOT_ATTEND: 15, Status.REVOKED: 20}
)
D, S, A = Status.DRAFT, Status.SENT, Status.ACCEPTED
# The ways to each state, every step allowed by Referral.TRANSITIONS (the tests check it).
PATHS: dict[str, Weighted] = {
    D: Weighted({(D,): 1}),
    S: Weighted({(D, S): 1}),
    A: Weighted({(D, S, A): 1}),
    Status.DECLINED: Weighted({(D, S, Status.DECLINED): 1}),
    Status.COMPLETED: Weighted({(D, S, A, Status.COMPLETED): 1}),
    Status.DID_NOT_ATTEND: Weighted({(D, S, A, Status.DID_NOT_ATTEND): 1}),
    Status.REVOKED: Weighted(
        {(D, Status.REVOKED): 2, (D, S, Status.REVOKED): 5, (D, S, A, Status.REVOKED): 3}
    ),
}
# How long ago a referral on an open request was written: mostly lately, some long ago (those
# sent are then past their follow-up date).
RECENT_DAYS = Weighted({14: 65, 45: 25, 120: 10})
# What is disclosed besides the name and the reason, each with its chance.
EXTRA_DISCLOSED = {
    Disclosed.PHONE: 0.7,
    Disclosed.DATE_OF_BIRTH: 0.4,
    Disclosed.ADDRESS: 0.3,
    Disclosed.AMKA: 0.2,
    Disclosed.HOUSEHOLD: 0.15,
    Disclosed.AFM: 0.05,
}
BASIS = Weighted(
    {Basis.CONSENT: 88, Basis.VITAL_INTEREST: 4, Basis.LEGAL_OBLIGATION: 4, Basis.PUBLIC_TASK: 4}
)
CONSENT_HOW = Weighted(
    {ConsentHow.SIGNED_SLIP: 60, ConsentHow.IN_PERSON: 30, ConsentHow.BY_PHONE_REPRESENTATIVE: 10}
)
URGENT_SHARE = 0.12
CONSENT_WITHDRAWN_SHARE = 0.3  # of the revoked referrals that rested on consent
REFERRAL_COLUMNS = [
    "id", "beneficiary_id", "assistance_request_id", "body_id", "service_id", "reason",
    "urgency", "status", "status_changed_at", "referred_by_id", "disclosed_fields",
    "disclosed_special", "snapshot", "basis", "consent_on", "consent_how", "basis_note",
    "consent_withdrawn_on", "protocol_year", "protocol_number", "sent_at",
    "follow_up_working_days", "follow_up_on", "outcome", "created_at", "updated_at",
]  # fmt: skip
HISTORY_COLUMNS = [
    "referral_id", "from_status", "to_status", "note", "actor_id", "at", "recorded_by_body",
    "confirmed_by_phone_on",
]  # fmt: skip


@dataclass(frozen=True)
class Target:
    """A body a referral may go to, its services' (pk, answer time), and its partner account."""

    pk: int
    name: str
    services: list[tuple[int, int]]
    partner: int | None


@dataclass(frozen=True)
class Chosen:
    """A request that gets a referral, and the state the referral ends in."""

    request: int
    person: int
    worker: int
    received_at: datetime
    last_action_at: datetime
    status: str


def _targets() -> list[Target]:
    partners = dict(PartnerMembership.objects.values_list("body_id", "user_id").order_by("pk"))
    bodies = PartnerBody.objects.referral_targets().prefetch_related("services").order_by("code")
    return [
        Target(
            body.pk,
            body.name,
            [(s.pk, s.answer_working_days) for s in body.services.all() if s.is_active],
            partners.get(body.pk),
        )
        for body in bodies
    ]


def _candidates(statuses: list[str], count: int, rng: random.Random) -> list[int]:
    pks = list(
        AssistanceRequest.objects.filter(status__in=statuses, referrals__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return rng.sample(pks, min(count, len(pks)))


def choose(count: int, rng: random.Random) -> list[Chosen]:
    """The requests that get a referral and the state of each; the first of each state first."""
    on_open = _candidates(OPEN_REQUESTS, round(count * OPEN_SHARE), rng)
    on_closed = _candidates(CLOSED_REQUESTS, count - len(on_open), rng)
    firsts = [Status.DRAFT, Status.SENT, Status.ACCEPTED]
    finals = [Status.DECLINED, Status.COMPLETED, Status.DID_NOT_ATTEND, Status.REVOKED]
    states = {pk: firsts[i] if i < 3 else ON_OPEN.pick(rng) for i, pk in enumerate(on_open)}
    states |= {pk: finals[i] if i < 4 else ON_CLOSED.pick(rng) for i, pk in enumerate(on_closed)}
    rows = AssistanceRequest.objects.filter(pk__in=states).values_list(
        "pk", "beneficiary_id", "assigned_worker_id", "received_at", "last_action_at"
    )
    by_pk = {row[0]: row for row in rows}
    return [Chosen(*by_pk[pk], states[pk]) for pk in [*on_open, *on_closed]]


class DemoReferrals:
    """Turns the chosen requests into referrals and their history rows."""

    def __init__(self, *, seed: int, now: datetime, targets: list[Target]) -> None:
        self.rng = random.Random(seed)
        self.now = now
        self.targets = targets
        self.calendar = WorkingCalendar()
        self.referrals = CopyTable(Referral, REFERRAL_COLUMNS)
        self.history = CopyTable(ReferralStatusChange, HISTORY_COLUMNS)

    def moments(self, chosen: Chosen, steps: int) -> list[datetime]:
        """When the referral was written and each later move, in order, all before now."""
        rng, latest = self.rng, self.now - timedelta(minutes=1)
        if chosen.status in (D, S, A):
            start = max(chosen.received_at, latest - timedelta(days=RECENT_DAYS.pick(rng)))
            end = latest
        else:
            start = chosen.received_at
            end = min(max(chosen.last_action_at, start + timedelta(days=steps * 3)), latest)
        span = max((end - start).total_seconds(), steps)
        return sorted(start + timedelta(seconds=rng.uniform(0, span)) for _ in range(steps + 1))

    def referral(self, pk: int, chosen: Chosen, person: Beneficiary) -> tuple[tuple, datetime]:
        """The referral's row (its protocol number still to give) and when it was sent."""
        rng = self.rng
        path = PATHS[chosen.status].pick(rng)
        moments = self.moments(chosen, len(path) - 1)
        target = rng.choice(self.targets)
        service, answer_days = (
            rng.choice(target.services) if target.services else (None, DEFAULT_ANSWER_WORKING_DAYS)
        )
        fields = [Disclosed.NAME, *(f for f, p in EXTRA_DISCLOSED.items() if rng.random() < p)]
        fields = [f.value for f in Disclosed if f in {*fields, Disclosed.REASON}]
        reason = rng.choice(REFERRAL_REASONS)
        sent_at = moments[1] if S in path else None
        basis = BASIS.pick(rng) if sent_at or rng.random() < 0.5 else ""
        consent_on = timezone.localdate(moments[0]) if basis == Basis.CONSENT else None
        snapshot = {}
        follow_up_on = None
        if sent_at:
            shown = Referral(beneficiary=person, reason=reason, disclosed_fields=fields)
            snapshot = {**freeze(shown, []), "frozen_at": sent_at.isoformat()}
            follow_up_on = follow_up_date(timezone.localdate(sent_at), answer_days, self.calendar)
        outcome = self.outcome(path[-1])
        withdrawn = (
            timezone.localdate(moments[-1])
            if path[-1] == Status.REVOKED and basis == Basis.CONSENT
            and rng.random() < CONSENT_WITHDRAWN_SHARE
            else None
        )  # fmt: skip
        row = [
            pk, chosen.person, chosen.request, target.pk, service, reason,
            "urgent" if rng.random() < URGENT_SHARE else "normal", path[-1], moments[-1],
            chosen.worker, fields, [], json.dumps(snapshot, ensure_ascii=False), basis, consent_on,
            CONSENT_HOW.pick(rng) if consent_on else "",
            rng.choice(LEGAL_BASIS_NOTES) if basis and basis != Basis.CONSENT else "",
            withdrawn, None, None, sent_at, answer_days if sent_at else None, follow_up_on,
            outcome, moments[0], moments[-1],
        ]  # fmt: skip
        self.write_history(pk, chosen.worker, target, path, moments, outcome, withdrawn)
        return row, sent_at

    def outcome(self, status: str) -> str:
        if status == Status.COMPLETED:
            return self.rng.choice(REFERRAL_OUTCOMES)
        if status == Status.DECLINED:
            return self.rng.choice(REFERRAL_DECLINES)
        return ""

    def write_history(self, pk, worker, target, path, moments, outcome, withdrawn) -> None:
        """One row per move, as referral_create, referral_send and referral_move write them."""
        rows = self.history.rows
        rows.append((pk, "", D, "", worker, moments[0], False, None))
        for (before, after), at in zip(pairwise(path), moments[1:], strict=True):
            by_body = after in Referral.BODY_ANSWERS and target.partner is not None
            phoned = (
                timezone.localdate(at) if after in Referral.BODY_ANSWERS and not by_body else None
            )
            note = self.note(after, target, outcome, withdrawn)
            actor = target.partner if by_body else worker
            rows.append((pk, before, after, note, actor, at, by_body, phoned))

    def note(self, status: str, target: Target, outcome: str, withdrawn) -> str:
        if status == S:
            return _("Προς: %(body)s") % {"body": target.name}
        if status in (Status.COMPLETED, Status.DECLINED):
            return outcome
        if status == Status.DID_NOT_ATTEND:
            return self.rng.choice(REFERRAL_ABSENCES)
        if status == Status.REVOKED:
            if withdrawn:
                return _("Ανάκληση συναίνεσης στις %(d)s") % {"d": withdrawn.strftime("%d/%m/%Y")}
            return self.rng.choice(REFERRAL_REVOCATIONS)
        return ""


def _number(rows: list[list], sent: list[datetime | None], book: ProtocolBook) -> None:
    """Give the sent referrals of `rows` their protocol numbers, in order of sending."""
    order = sorted((at, i) for i, at in enumerate(sent) if at is not None)
    year_at, number_at = (
        REFERRAL_COLUMNS.index("protocol_year"),
        REFERRAL_COLUMNS.index("protocol_number"),
    )
    for at, index in order:
        year = timezone.localdate(at).year
        rows[index][year_at], rows[index][number_at] = year, book.take(year)


def seed_referrals(
    *,
    count: int,
    seed: int = 1,
    batch_size: int = 5000,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> int:
    """Create up to `count` demo referrals (one per request without any); returns how many.

    Raises ValueError (with a Greek message) without partner bodies to refer to."""
    if count <= 0:
        return 0
    targets = _targets()
    if not targets:
        raise ValueError(
            _("Δεν υπάρχουν φορείς για παραπομπές: εκτελέστε `manage.py load_reference_data`.")
        )
    with transaction.atomic():
        generator = DemoReferrals(seed=seed, now=now or timezone.now(), targets=targets)
        chosen = choose(count, generator.rng)
        rows, sent = [], []
        for start in range(0, len(chosen), batch_size):
            batch = chosen[start : start + batch_size]
            people = Beneficiary.objects.select_related("settlement").prefetch_related(
                "household"
            ).in_bulk([c.person for c in batch])  # fmt: skip
            for pk, item in zip(reserve_ids(Referral, len(batch)), batch, strict=True):
                row, sent_at = generator.referral(pk, item, people[item.person])
                rows.append(row)
                sent.append(sent_at)
            if progress is not None:
                progress(start + len(batch))
        years = {timezone.localdate(at).year for at in sent if at is not None}
        book = ProtocolBook.lock(years)
        _number(rows, sent, book)
        for start in range(0, len(rows), batch_size):
            generator.referrals.rows.extend(tuple(row) for row in rows[start : start + batch_size])
            generator.referrals.flush()
        generator.history.flush()
        book.save()
    return len(chosen)
