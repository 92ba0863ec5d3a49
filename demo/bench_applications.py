"""The benchmark's benefit applications (`manage.py bench --applications N`, default a tenth of
the requests: 100,000 for the default run): seeding what is missing (demo.applications), then
timing the staff application list (all; «to submit»; «renewal due»; the busiest programme) and
the case file of a person with applications, each beside the bare page. «Η εργασία μου» with
the applications' sections is timed by the command's own «My work» rows."""

from __future__ import annotations

import random
from functools import partial

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from demo.applications import seed_applications
from services.models import BenefitApplication

APPLICATIONS_PER_REQUEST = 0.1


def default_count(requests: int) -> int:
    return round(requests * APPLICATIONS_PER_REQUEST)


def seed(command, count: int, *, seed: int) -> None:
    """Top the bench database up to `count` applications (command._top_up prints)."""
    existing = BenefitApplication.objects.count()

    def make(missing: int, progress) -> int:
        return seed_applications(count=missing, seed=seed + existing, progress=progress)

    command._top_up(
        existing, count, make, label=_("Αιτήσεις παροχών"),
        already=_("Η βάση έχει ήδη %(count)d αιτήσεις παροχών· δεν προστίθενται άλλες."),
        made=_("Δημιουργήθηκαν %(count)d αιτήσεις παροχών σε %(seconds).0f δευτερόλεπτα."),
    )  # fmt: skip


def time_applications(command, worker, rng: random.Random, runs: int, *, target: float,
                      warm_up: int, logged_in) -> list:  # fmt: skip
    """The list and the case file as `worker`, each fetch beside one of the bare page."""
    client, url = logged_in(worker), reverse("services:application_list")
    count = runs + warm_up
    busiest = (
        BenefitApplication.objects.values("programme").annotate(n=Count("pk")).order_by("-n")
        .values_list("programme", flat=True).first()
    )  # fmt: skip
    ordered = BenefitApplication.objects.order_by("beneficiary_id")
    people = list(ordered.values_list("beneficiary_id", flat=True).distinct()[:5000])
    chosen = [rng.choice(people) for _ in range(count)] if people else []
    cases = [
        (_("λίστα αιτήσεων παροχών (όλες)"), [partial(client.get, url)] * count),
        (_("λίστα αιτήσεων: προς υποβολή"),
         [partial(client.get, url, {"show": "to_submit"})] * count),
        (_("λίστα αιτήσεων: ανανέωση που πλησιάζει"),
         [partial(client.get, url, {"show": "renewal_due"})] * count),
        (_("λίστα αιτήσεων: ένα πρόγραμμα"),
         [partial(client.get, url, {"programme": busiest or ""})] * count),
        (_("σελίδα φακέλου με αιτήσεις παροχών"),
         [partial(client.get, reverse("beneficiaries:detail", args=[pk])) for pk in chosen]),
    ]  # fmt: skip
    timings = []
    for label, calls in cases:
        timing = command._time_page(label, target, client, calls)
        if not calls:
            timing.errors.append(_("καμία αίτηση παροχής"))
        timings.append(timing)
    return timings
