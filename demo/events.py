"""Demo group activities and events of the Centre, with partner bodies and attendance.

`seed_events(count=..., seed=...)` tops the events up to `count`: most in the past two years
(held, a few cancelled), some in the coming weeks (planned, people registered) and, for each of
the first demo caseworkers, one today, so that «Η εργασία μου» shows today's events. Places
are the Centre's rooms and the town's halls, or a village hall with its settlement of the
municipality; kinds, titles and partner bodies go together (a networking meeting with two or
three bodies, an information day with ΔΥΠΑ or ΟΠΕΚΑ …); held events have 3–25 registered
people present and an anonymous head count of 0–60. Written with bulk inserts (the audit log is
for people's changes, not for seeding). The same seed on the same register gives the same rows.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from beneficiaries.models import Beneficiary
from community_centre.models import Settlement, User
from referrals.models import PartnerBody
from services.models import Event, EventAttendance, EventKind

BATCH = 500
HISTORY_DAYS = 730
AHEAD_DAYS = 60
UPCOMING = 6  # always this many events in the coming weeks (when count allows)

# (place, ELSTAT code of its settlement or None for the town's own venues)
PLACES = [
    ("Αίθουσα του Κέντρου Κοινότητας, Καρπενήσι", None),
    ("Πνευματικό Κέντρο Δήμου Καρπενησίου", None),
    ("Δημοτική Βιβλιοθήκη Καρπενησίου", None),
    ("Αίθουσα Δημοτικού Συμβουλίου, Δημαρχείο Καρπενησίου", None),
    ("Κοινοτικό Κατάστημα Κρικέλλου", "3001020101"),
    ("Πολιτιστικός Σύλλογος Μεγάλου Χωριού", "3001040101"),
    ("Κοινοτικό Κατάστημα Δομνίστας", "3001020301"),
    ("Δημοτικό Σχολείο Προυσού", "3001050101"),
    ("Πολιτιστικό Κέντρο Φουρνάς", "3001060101"),
    ("Κοινοτικό Κατάστημα Κλειστού", "3001060301"),
]
TITLES = {
    EventKind.EDUCATIONAL: [
        "Μαθήματα ελληνικής γλώσσας για ενήλικες",
        "Εργαστήρι ψηφιακών δεξιοτήτων: gov.gr και TAXISnet",
        "Εργαστήρι σύνταξης βιογραφικού",
        "Ενισχυτική διδασκαλία για μαθητές δημοτικού",
        "Οικονομικός γραμματισμός: προϋπολογισμός του νοικοκυριού",
    ],
    EventKind.SOCIAL_CULTURAL: [
        "Χριστουγεννιάτικη γιορτή για παιδιά και οικογένειες",
        "Εκδρομή ηλικιωμένων στη Μονή Προυσού",
        "Θεατρικό εργαστήρι για παιδιά",
        "Πασχαλινό τραπέζι αγάπης",
        "Εκδήλωση για την Παγκόσμια Ημέρα Ατόμων με Αναπηρία",
    ],
    EventKind.NETWORKING: [
        "Συνάντηση δικτύωσης με τους τοπικούς φορείς",
        "Συντονιστική σύσκεψη για την επισιτιστική βοήθεια",
        "Συνάντηση με τα σχολεία για τη σχολική διαρροή",
    ],
    EventKind.INFORMATION_DAY: [
        "Ενημέρωση για το Ελάχιστο Εγγυημένο Εισόδημα",
        "Ημερίδα για το επίδομα θέρμανσης και το ΚΟΤ",
        "Ενημέρωση για τα προγράμματα απασχόλησης της ΔΥΠΑ",
        "Ενημέρωση για τα επιδόματα αναπηρίας και το ΚΕΠΑ",
        "Ημερίδα για την πρόληψη της ενδοοικογενειακής βίας",
    ],
    EventKind.GROUP_COUNSELLING: [
        "Ομάδα υποστήριξης γονέων",
        "Ομάδα ψυχοκοινωνικής υποστήριξης φροντιστών",
        "Ομαδική συμβουλευτική αναζήτησης εργασίας",
    ],
}
KINDS = list(TITLES)
KIND_WEIGHTS = [3, 2, 1, 3, 2]
NOTES = [
    "",
    "",
    "",
    "Ζητήθηκε να επαναληφθεί τον επόμενο μήνα.",
    "Οι συμμετέχοντες πήραν έντυπο υλικό.",
    "Η μετακίνηση από τα χωριά έγινε με το λεωφορείο του Δήμου.",
    "Παρευρέθηκε και εκπρόσωπος του Δήμου.",
]


def seed_events(
    *, count: int, seed: int = 1, today: dt.date | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:  # fmt: skip
    """Top the events up to `count` and, on a day with no event yet, add today's for the
    first two caseworkers (so that «Η εργασία μου» shows some whenever the demo is seeded);
    returns how many were created. ValueError without a caseworker to organise them (nothing
    is written then)."""
    today = today or timezone.localdate()
    missing = count - Event.objects.count()
    fresh_day = count > 0 and not Event.objects.filter(held_on=today).exists()
    if missing <= 0 and not fresh_day:
        return 0
    workers = list(User.objects.caseworkers().order_by("pk"))
    if not workers:
        raise ValueError("Δεν υπάρχει κοινωνικός/ή λειτουργός για να οργανώσει τις δράσεις.")
    todays = workers[:2] if fresh_day else []
    total = max(missing, len(todays))
    rng = random.Random(seed * 7919 + Event.objects.count())
    people = list(Beneficiary.objects.values_list("pk", flat=True).order_by("pk"))
    bodies = list(
        PartnerBody.objects.filter(is_active=True, is_helpline=False).order_by("pk")
    )  # fmt: skip
    settlements = dict(Settlement.objects.values_list("code", "pk"))
    with transaction.atomic():
        made = 0
        for start in range(0, total, BATCH):
            size = min(BATCH, total - start)
            days = [_day(rng, today, start + i, todays, workers) for i in range(size)]
            events = [_event(rng, day, worker, settlements, today) for day, worker in days]
            Event.objects.bulk_create(events)
            _link(rng, events, bodies, people, today)
            made += size
            if progress:
                progress(made)
    return made


def _day(rng: random.Random, today: dt.date, index: int, todays: list, workers: list) -> tuple:
    """The first events: today's (one per worker of `todays`), then upcoming ones, then past."""
    if index < len(todays):
        return today, todays[index]
    worker = rng.choice(workers)
    if index < len(todays) + UPCOMING:
        return today + dt.timedelta(days=rng.randint(1, AHEAD_DAYS)), worker
    day = today - dt.timedelta(days=rng.randint(1, HISTORY_DAYS))
    while day.weekday() == 6:  # nothing on Sundays
        day -= dt.timedelta(days=1)
    return day, worker


def _event(rng: random.Random, day: dt.date, worker, settlements: dict, today: dt.date) -> Event:
    kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
    place, code = rng.choice(PLACES)
    hour = rng.choice([10, 11, 12, 17, 18])
    if day < today:
        status = Event.Status.CANCELLED if rng.random() < 0.08 else Event.Status.HELD
    else:
        status = Event.Status.PLANNED
    return Event(
        title=rng.choice(TITLES[kind]),
        kind=kind,
        held_on=day,
        starts_at=dt.time(hour, rng.choice([0, 30])),
        ends_at=dt.time(hour + rng.choice([1, 2]), 0),
        place=place,
        settlement_id=settlements.get(code),
        other_attendees=rng.randint(0, 60) if status == Event.Status.HELD else 0,
        notes=rng.choice(NOTES),
        organiser=worker,
        status=status,
    )


def _link(rng: random.Random, events: list, bodies: list, people: list, today: dt.date) -> None:
    """The partner bodies of each event and the people on its list."""
    Through = Event.partner_bodies.through  # noqa: N806
    links, attendances = [], []
    for event in events:
        wanted = 0 if not bodies else rng.choice([0, 1, 1, 2, 3] if event.kind != "networking"
                                                 else [2, 3, 4])  # fmt: skip
        for body in rng.sample(bodies, min(wanted, len(bodies))):
            links.append(Through(event_id=event.pk, partnerbody_id=body.pk))
        if event.status == Event.Status.CANCELLED or not people:
            continue
        size = rng.randint(3, 25) if event.held_on < today else rng.randint(2, 10)
        for person in rng.sample(people, min(size, len(people))):
            present = event.held_on < today or (event.held_on == today and rng.random() < 0.5)
            attendances.append(
                EventAttendance(
                    event_id=event.pk,
                    beneficiary_id=person,
                    attended=present,
                    added_by_id=event.organiser_id,
                )  # fmt: skip
            )
    Through.objects.bulk_create(links)
    EventAttendance.objects.bulk_create(attendances, batch_size=2000)


def seed_demo_events(command, count: int, *, seed: int) -> None:
    """The events' part of seed_demo: top the events up to `count` (none without caseworkers)."""
    from django.core.management.base import CommandError
    from django.utils.translation import gettext as _

    if count < 0:
        raise CommandError(_("Το πλήθος και το μέγεθος παρτίδας πρέπει να είναι θετικοί."))
    try:
        created = seed_events(count=count, seed=seed)
    except ValueError:
        command.stderr.write(_("Δεν δημιουργήθηκαν δράσεις: δεν υπάρχει κοινωνικός/ή λειτουργός."))
        return
    if created:
        command.stdout.write(
            command.style.SUCCESS(
                _("Δημιουργήθηκαν %(count)d δράσεις επίδειξης.") % {"count": created}
            )
        )
