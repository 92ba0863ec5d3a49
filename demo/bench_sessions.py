"""The benchmark's rows for individual sessions (`manage.py bench --sessions N`, default
300,000): seeds what is missing (demo.sessions, COPY) and times, each beside the bare page, the
case file of the people with most sessions and «Η εργασία μου» with today's sessions, as the
social worker and as the coordinator (everyone's). Called by demo/management/commands/bench.py."""

from __future__ import annotations

import random
from functools import partial

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from demo.benchmark import Timing
from demo.sessions import seed_sessions
from services.models import CounsellingSession

DEFAULT_SESSIONS = 300_000
BUSIEST = 20  # the case files measured: the people with most sessions


def add_argument(parser) -> None:
    parser.add_argument(
        "--sessions", type=int, default=DEFAULT_SESSIONS,
        help=_("Πόσες ατομικές συνεδρίες (προεπιλογή 300.000)."),
    )  # fmt: skip


def seed(command, count: int, *, seed: int) -> None:
    existing = CounsellingSession.objects.count()

    def make(missing: int, progress) -> int:
        return seed_sessions(count=missing, seed=seed + existing, progress=progress)

    command._top_up(
        existing, count, make, label=_("Συνεδρίες"),
        already=_("Η βάση έχει ήδη %(count)d συνεδρίες· δεν προστίθενται άλλες."),
        made=_("Δημιουργήθηκαν %(count)d συνεδρίες σε %(seconds).0f δευτερόλεπτα."),
    )  # fmt: skip


def time_rows(command, *, worker, coordinator, rng: random.Random, runs: int, warm_up: int,
              target: float, logged_in) -> list[Timing]:  # fmt: skip
    """The case file of a person with many sessions, «My work» (own, everyone's)."""
    busiest = list(
        CounsellingSession.objects.values("beneficiary").annotate(n=Count("pk"))
        .order_by("-n").values_list("beneficiary", "n")[:BUSIEST]
    )  # fmt: skip
    count = runs + warm_up
    timings = []
    if busiest:
        client = logged_in(worker)
        people = [pk for pk, _n in busiest]
        urls = [reverse("beneficiaries:detail", args=[rng.choice(people)]) for _ in range(count)]
        label = _("φάκελος με πολλές συνεδρίες (%(n)d)") % {"n": busiest[0][1]}
        timings.append(command._time_page(label, target, client,
                                          [partial(client.get, url) for url in urls]))  # fmt: skip
    my_work = reverse("requests:my_work")
    for label, user in [
        (_("«Η εργασία μου» με τις σημερινές συνεδρίες (λειτουργός)"), worker),
        (_("«Η εργασία μου» με τις σημερινές συνεδρίες (συντονίστρια: όλων)"), coordinator),
    ]:
        client = logged_in(user)
        timings.append(command._time_page(label, target, client,
                                          [partial(client.get, my_work)] * count))  # fmt: skip
    return timings
