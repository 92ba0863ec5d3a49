"""The events' rows of `manage.py bench`: seeding `--events` group activities and events with
their attendance (demo.events, only what is missing), and timing, each beside the bare page, the
event list (upcoming and past), the page of an event with a long attendance list, the case file
of people who attended many events, and «Η εργασία μου» with today's events (the social
worker's and everyone's as the coordinator sees it).

The command's own helpers do the seeding (`_top_up`) and the timing (`_time_page`), so these
rows are measured and printed as every other page."""

from __future__ import annotations

from functools import partial

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from demo.events import seed_events
from services.models import Event, EventAttendance

DEFAULT_EVENTS = 2000
WARM_UP = 20
PAGE_TARGET_MS = 150
SAMPLE = 10  # the events and people measured in turn


def seed(command, count: int, *, seed: int) -> None:
    """Top the events up to `count`, with a progress bar."""

    def make(missing: int, progress) -> int:
        return seed_events(count=count, seed=seed, progress=progress)

    command._top_up(
        Event.objects.count(), count, make, label=_("Δράσεις"),
        already=_("Η βάση έχει ήδη %(count)d δράσεις· δεν προστίθενται άλλες."),
        made=_("Δημιουργήθηκαν %(count)d δράσεις σε %(seconds).0f δευτερόλεπτα."),
    )  # fmt: skip


def _cycle(pool: list, count: int) -> list:
    return [pool[i % len(pool)] for i in range(count)] if pool else []


def _largest(field: str) -> list[int]:
    """The SAMPLE events (or people) with the longest attendance lists."""
    return list(
        EventAttendance.objects.values(field).annotate(n=Count("pk")).order_by("-n", field)
        .values_list(field, flat=True)[:SAMPLE]
    )  # fmt: skip


def time_events(command, worker, coordinator, runs: int, logged_in) -> list:
    """The events' pages, each beside the bare page fetched by the same user
    (`command._time_page`)."""
    count = runs + WARM_UP
    client, everyone = logged_in(worker), logged_in(coordinator)
    event_list, my_work = reverse("services:event_list"), reverse("requests:my_work")
    events = [reverse("services:event_detail", args=[pk]) for pk in _largest("event")]
    files = [reverse("beneficiaries:detail", args=[pk]) for pk in _largest("beneficiary")]
    cases = [
        (_("δράσεις: επερχόμενες"), client, [partial(client.get, event_list)] * count),
        (_("δράσεις: προηγούμενες"), client,
         [partial(client.get, event_list, {"when": "past"})] * count),
        (_("σελίδα δράσης με τη λίστα συμμετεχόντων"), client,
         [partial(client.get, url) for url in _cycle(events, count)]),
        (_("σελίδα φακέλου με δράσεις"), client,
         [partial(client.get, url) for url in _cycle(files, count)]),
        (_("«Η εργασία μου» με τις σημερινές δράσεις (κοινωνικός/ή λειτουργός)"), client,
         [partial(client.get, my_work)] * count),
        (_("«Η εργασία μου» με τις σημερινές δράσεις (συντονίστρια: όλων)"), everyone,
         [partial(everyone.get, my_work)] * count),
    ]  # fmt: skip
    timings = []
    for label, user_client, calls in cases:
        timing = command._time_page(label, PAGE_TARGET_MS, user_client, calls)
        if not calls:
            timing.errors.append(_("καμία δράση με συμμετέχοντες"))
        timings.append(timing)
    return timings
