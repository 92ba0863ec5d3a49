"""`manage.py bench --beneficiaries N --requests M [--runs R] [--seed S] [--database NAME]`.

Seeds N fictional people and M requests (with their history, information and document requests
and appointments) into a database of its own (never the one `make run` uses), adding only what
is missing, then prints p50/p95 of beneficiary search (Greek, accentless, Greeklish, with a
typo, surname only, AMKA; one typo of each kind in a 4–6 letter surname, with how often the
person is among the first 10), of the search and case-file pages as a logged-in social worker sees
them, of «My work» (the social worker's own, and everyone's as the coordinator sees it), of the
case file of people with 50 requests or more, and of issuing one status letter (rolled back).
"""

from __future__ import annotations

import logging
import os
import random
import tempfile
import time
from collections.abc import Callable
from functools import partial

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection, transaction
from django.db.models import Count
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.translation import gettext as _

from beneficiaries.models import Beneficiary
from beneficiaries.search_keys import refresh_search_keys
from beneficiaries.views.search import PAGE_SIZE
from community_centre.models import Role, User
from community_centre.progress import ProgressBar
from demo import benchmark
from demo.benchmark import Timing
from demo.casework import seed_requests
from demo.people import seed_beneficiaries
from demo.users import DEMO_USERS
from requests.actions.information import letter_create
from requests.models import AssistanceRequest, InformationRequest, StatusLetter

SEARCH_TARGET_MS = 50
PAGE_TARGET_MS = 150
LETTER_TARGET_MS = 500
WARM_UP = 20
# A letter takes a few hundred milliseconds: fewer runs say enough, after fewer warm-ups (fonts).
LETTER_RUNS = 20
LETTER_WARM_UP = 3
LONG_HISTORY = 50  # requests in the case files measured as "long"
# A typo in a short surname must put the person among the first 10 results this often (%).
SHORT_TYPO_PAGE = 10
SHORT_TYPO_RECALL = 95


def _labels() -> dict[str, str]:
    """The rows of the table, by kind of search (`benchmark.query_kinds`) or page."""
    return {
        "greek": _("αναζήτηση: ελληνικά"),
        "accentless": _("αναζήτηση: χωρίς τόνους"),
        "greeklish": _("αναζήτηση: greeklish"),
        "typo": _("αναζήτηση: με ένα λάθος"),
        "surname": _("αναζήτηση: μόνο επώνυμο"),
        "amka": _("αναζήτηση: ΑΜΚΑ"),
        "substitution": _("σύντομο επώνυμο: λάθος γράμμα (στα 10 πρώτα)"),
        "deletion": _("σύντομο επώνυμο: ένα γράμμα λείπει (στα 10 πρώτα)"),
        "insertion": _("σύντομο επώνυμο: ένα γράμμα παραπάνω (στα 10 πρώτα)"),
        "swap": _("σύντομο επώνυμο: δύο γράμματα ανάποδα (στα 10 πρώτα)"),
        "bare_greek": _("μόνο η εντολή SQL: ελληνικά"),
        "bare_short_typo": _("μόνο η εντολή SQL: σύντομο επώνυμο με λάθος"),
        "list": _("σελίδα αναζήτησης (επώνυμο σε greeklish)"),
        "quick": _("γρήγορη αναζήτηση (επώνυμο σε greeklish)"),
        "case_file": _("σελίδα ατομικού φακέλου"),
        "my_work": _("«Η εργασία μου» (κοινωνικός/ή λειτουργός)"),
        "my_work_all": _("«Η εργασία μου» (συντονίστρια: όλων)"),
        "long_case_file": _("σελίδα φακέλου με ≥ 50 αιτήματα"),
        "letter": _("έκδοση επιστολής ενημέρωσης (PDF)"),
    }


class Command(BaseCommand):
    help = _(
        "Μετρά την αναζήτηση ωφελούμενων, τη σελίδα του φακέλου, την «Εργασία μου» και την "
        "έκδοση επιστολής σε χωριστή βάση δεδομένων με N φανταστικούς ωφελούμενους και M "
        "αιτήματα (p50/p95 σε ms)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--beneficiaries", type=int, default=100_000)
        parser.add_argument("--requests", type=int, default=1_000_000)
        parser.add_argument("--runs", type=int, default=200, help=_("Μετρήσεις ανά είδος."))
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--database", default=benchmark.BENCH_DATABASE)

    def handle(
        self,
        *args,
        beneficiaries: int,
        requests: int,
        runs: int,
        seed: int,
        database: str,
        **options,
    ):
        if beneficiaries < 1 or requests < 0 or runs < 1:
            raise CommandError(_("Το πλήθος και οι μετρήσεις πρέπει να είναι θετικοί αριθμοί."))
        self._switch_to(database)
        benchmark.prepare_schema()
        self._seed(beneficiaries, seed=seed)
        self._seed_requests(requests, seed=seed)
        if stale := refresh_search_keys():
            self.stdout.write(
                _("Ξαναϋπολογίστηκαν %(count)d κλειδιά ονομάτων (παλαιότερη κανονικοποίηση).")
                % {"count": stale}
            )
        benchmark.vacuum_analyse()
        self._header(database, runs)
        rng = random.Random(seed)
        worker = User.objects.get(username=_demo_username(Role.SOCIAL_WORKER))
        coordinator = User.objects.get(username=_demo_username(Role.COORDINATOR))
        logging.getLogger("axes").setLevel(logging.WARNING)  # one line per login otherwise
        # Measured as in production: without DEBUG's log of every SQL statement.
        with override_settings(DEBUG=False):
            searches = self._time_searches(worker, rng, runs)
            short_typos = self._time_short_typos(worker, rng, runs)
            timings = [
                *searches,
                *short_typos,
                *self._time_pages(worker, rng, runs),
                *self._time_work(worker, coordinator, rng, runs),
                self._time_letters(worker, rng),
            ]
        self.stdout.write(benchmark.table(timings))
        self._short_typo_recall(short_typos)
        for timing in timings:
            for error in timing.errors[:3]:
                self.stderr.write(f"{timing.label}: {error}")

    def _switch_to(self, database: str) -> None:
        if database == connection.settings_dict["NAME"]:
            raise CommandError(
                _("Η %(database)s είναι η βάση σε χρήση· η μέτρηση χρειάζεται δική της βάση.")
                % {"database": database}
            )
        try:
            benchmark.use_database(database)
        except DatabaseError as error:
            raise CommandError(f"{database}: {error}") from error

    def _seed(self, count: int, *, seed: int) -> None:
        existing = Beneficiary.objects.count()
        if existing >= count:
            self.stdout.write(
                _("Η βάση έχει ήδη %(count)d ωφελούμενους· δεν προστίθενται άλλοι.")
                % {"count": existing}
            )
            return
        bar = ProgressBar(self.stdout, total=count - existing, label=_("Ωφελούμενοι"))
        started = time.monotonic()
        seed_beneficiaries(count=count - existing, seed=seed, progress=bar.update)
        bar.finish()
        self.stdout.write(
            _("Δημιουργήθηκαν %(count)d ωφελούμενοι σε %(seconds).0f δευτερόλεπτα.")
            % {"count": count - existing, "seconds": time.monotonic() - started}
        )

    def _seed_requests(self, count: int, *, seed: int) -> None:
        existing = AssistanceRequest.objects.count()
        if existing >= count:
            self.stdout.write(
                _("Η βάση έχει ήδη %(count)d αιτήματα· δεν προστίθενται άλλα.")
                % {"count": existing}
            )
            return
        bar = ProgressBar(self.stdout, total=count - existing, label=_("Αιτήματα"))
        started = time.monotonic()
        seed_requests(count=count - existing, seed=seed, progress=bar.update)
        bar.finish()
        self.stdout.write(
            _("Δημιουργήθηκαν %(count)d αιτήματα σε %(seconds).0f δευτερόλεπτα.")
            % {"count": count - existing, "seconds": time.monotonic() - started}
        )

    def _header(self, database: str, runs: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            (version,) = cursor.fetchone()
        facts = {
            "database": database,
            "people": Beneficiary.objects.count(),
            "requests": AssistanceRequest.objects.count(),
            "version": version,
            "cpus": os.cpu_count(),
            "load": os.getloadavg()[0],
            "runs": runs,
            "page": PAGE_SIZE,
        }
        self.stdout.write(
            _(
                "Βάση %(database)s · %(people)d ωφελούμενοι · %(requests)d αιτήματα · "
                "PostgreSQL %(version)s · %(cpus)d CPU (φορτίο %(load).1f) · "
                "%(runs)d μετρήσεις ανά γραμμή · η αναζήτηση φέρνει την πρώτη σελίδα των %(page)d"
            )
            % facts
        )

    def _time_searches(self, worker: User, rng: random.Random, runs: int) -> list[Timing]:
        """Each kind of search, each time for another person, as the list page runs it."""
        visible = Beneficiary.objects.visible_to(worker).select_related(
            "settlement", "assigned_worker"
        )
        people = benchmark.sample_people(2 * runs, rng)
        timings, labels = [], _labels()
        for kind, make_query in benchmark.query_kinds().items():
            pool = [p for p in people if p.amka] if kind == "amka" else people
            cases = [(p, make_query(p, rng)) for p in _cycle(pool, runs + WARM_UP)]
            timing = Timing(labels[kind], SEARCH_TARGET_MS)
            # Many people share a surname: whether one of them is on the first page says nothing.
            _measure_all(
                timing,
                [partial(_first_page, visible, query) for _, query in cases],
                check=None if kind == "surname" else _found([p.pk for p, _ in cases]),
            )
            timings.append(timing)
            if kind == "greek":
                timings.append(_bare_sql(labels["bare_greek"], visible, [q for _, q in cases]))
        return timings

    def _time_short_typos(self, worker: User, rng: random.Random, runs: int) -> list[Timing]:
        """One typo of each kind in the Greek surname of `runs` people whose surname has 4–6
        letters, then their given name: p50/p95, and whether they are among the first 10."""
        visible = Beneficiary.objects.visible_to(worker).select_related(
            "settlement", "assigned_worker"
        )
        people = benchmark.sample_people(runs, rng, surname_length=benchmark.SHORT_SURNAME)
        timings, labels, queries = [], _labels(), []
        for kind in benchmark.TYPO_KINDS:
            cases = [
                (p, f"{benchmark.typo_of_kind(p.surname, kind, rng)} {p.given_name}")
                for p in _cycle(people, runs + WARM_UP)
            ]
            timing = Timing(labels[kind], SEARCH_TARGET_MS)
            _measure_all(
                timing,
                [partial(_first_page, visible, query) for _, query in cases],
                check=_found([p.pk for p, _ in cases], within=SHORT_TYPO_PAGE),
            )
            timings.append(timing)
            queries += [query for _, query in cases[WARM_UP:]]
        timings.append(_bare_sql(labels["bare_short_typo"], visible, queries))
        return timings

    def _short_typo_recall(self, timings: list[Timing]) -> None:
        found = [hit for timing in timings for hit in timing.found]  # the bare SQL row has none
        share = sum(found) / len(found) if found else float("nan")
        self.stdout.write(
            _(
                "αναζήτηση με τυπογραφικό λάθος σε σύντομο επώνυμο (%(shortest)d–%(longest)d "
                "γράμματα): εύρεση στα %(page)d πρώτα %(share).0f%% (στόχος ≥ %(target)d%%, "
                "%(count)d αναζητήσεις)"
            )
            % {
                "shortest": benchmark.SHORT_SURNAME[0],
                "longest": benchmark.SHORT_SURNAME[1],
                "page": SHORT_TYPO_PAGE,
                "share": 100 * share,
                "target": SHORT_TYPO_RECALL,
                "count": len(found),
            }
        )

    def _time_pages(self, worker: User, rng: random.Random, runs: int) -> list[Timing]:
        """The search pages and the case file, fetched as the social worker."""
        client = Client(HTTP_HOST="localhost")
        client.force_login(worker)
        people = benchmark.sample_people(runs + WARM_UP, rng)
        queries = [{"q": benchmark.greeklish(p.surname, rng)} for p in people]
        list_url, quick_url = reverse("beneficiaries:list"), reverse("beneficiaries:quick_search")
        htmx = {"HTTP_HX_REQUEST": "true"}  # typing in the box: the results come back at once
        pages = [
            ("list", [partial(client.post, list_url, q, **htmx) for q in queries], None),
            ("quick", [partial(client.post, quick_url, q) for q in queries], None),
            (
                "case_file",
                [partial(client.get, reverse("beneficiaries:detail", args=[p.pk])) for p in people],
                PAGE_TARGET_MS,
            ),
        ]
        timings, labels = [], _labels()
        for page, calls, target in pages:
            timing = Timing(labels[page], target)
            _measure_all(timing, calls, check=_status_ok)
            timings.append(timing)
        return timings

    def _time_work(
        self, worker: User, coordinator: User, rng: random.Random, runs: int
    ) -> list[Timing]:
        """«My work» as the social worker and as the coordinator (everyone's), and the case file
        of people with a long history of requests."""
        labels, my_work = _labels(), reverse("requests:my_work")
        long_files = [
            reverse("beneficiaries:detail", args=[pk])
            for pk in _cycle(_people_with_long_history(rng), runs + WARM_UP)
        ]
        cases = [
            ("my_work", worker, [my_work] * (runs + WARM_UP)),
            ("my_work_all", coordinator, [my_work] * (runs + WARM_UP)),
            ("long_case_file", worker, long_files),
        ]
        timings = []
        for name, user, urls in cases:
            client = Client(HTTP_HOST="localhost")
            client.force_login(user)
            timing = Timing(labels[name], PAGE_TARGET_MS)
            _measure_all(timing, [partial(client.get, url) for url in urls], check=_status_ok)
            if not urls:
                timing.errors.append(_("κανένας φάκελος με τόσα αιτήματα"))
            timings.append(timing)
        return timings

    def _time_letters(self, worker: User, rng: random.Random) -> Timing:
        """Issue a status letter through the real action (number, PDF, file), rolled back.

        The PDFs go to a temporary folder that is removed afterwards: nothing reaches the
        documents of `make run`, and the rollback returns the protocol numbers.
        """
        timing = Timing(_labels()["letter"], LETTER_TARGET_MS)
        pending = list(
            InformationRequest.objects.filter(answered_on__isnull=True, about__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if not pending:
            timing.errors.append(_("κανένα εκκρεμές αίτημα ενημέρωσης"))
            return timing
        chosen = rng.sample(pending, min(len(pending), LETTER_RUNS + LETTER_WARM_UP))
        items = InformationRequest.objects.in_bulk(chosen)
        operations = [partial(_issue_letter, items[pk], worker) for pk in chosen]
        with (
            tempfile.TemporaryDirectory() as folder,
            override_settings(STORAGES=benchmark.storages_in(settings.STORAGES, folder)),
        ):
            _measure_all(timing, operations, check=_letter_ok, warm_up=LETTER_WARM_UP)
        return timing


def _demo_username(role: Role) -> str:
    return next(u.username for u in DEMO_USERS if u.role == role)


def _people_with_long_history(rng: random.Random) -> list[int]:
    """People with at least LONG_HISTORY requests, in a reproducible random order."""
    pks = sorted(
        AssistanceRequest.objects.values("beneficiary")
        .annotate(count=Count("pk"))
        .filter(count__gte=LONG_HISTORY)
        .values_list("beneficiary", flat=True)
    )
    rng.shuffle(pks)
    return pks


def _issue_letter(information_request: InformationRequest, worker: User) -> StatusLetter:
    with transaction.atomic():
        letter = letter_create(
            information_request=information_request,
            actor=worker,
        )
        transaction.set_rollback(True)
    return letter


def _letter_ok(timing: Timing, index: int, letter: object) -> None:
    with letter.pdf.open("rb") as pdf:
        if not pdf.read(5).startswith(b"%PDF"):
            timing.errors.append(f"{letter.protocol}: {_('δεν είναι PDF')}")


def _cycle(pool: list, count: int) -> list:
    return [pool[i % len(pool)] for i in range(count)] if pool else []


def _first_page(queryset, query: str) -> list[Beneficiary]:
    return list(queryset.search(query)[:PAGE_SIZE])


def _bare_sql(label: str, queryset, queries: list[str]) -> Timing:
    """The same searches' SQL, compiled beforehand and run on a cursor: what PostgreSQL takes,
    without the ORM building the query and the model instances."""
    timing = Timing(label)
    statements = [queryset.search(query)[:PAGE_SIZE].query.sql_with_params() for query in queries]
    _measure_all(timing, [partial(_run_sql, *statement) for statement in statements], check=None)
    return timing


def _run_sql(sql: str, params: tuple) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


Check = Callable[[Timing, int, object], None]


def _found(pks: list[int], *, within: int = PAGE_SIZE) -> Check:
    """Record whether the search at `index` found the person it was made from among its first
    `within` results."""

    def check(timing: Timing, index: int, results: object) -> None:
        timing.found.append(any(b.pk == pks[index] for b in results[:within]))

    return check


def _status_ok(timing: Timing, index: int, response: object) -> None:
    if response.status_code != 200:
        timing.errors.append(f"{response.request['PATH_INFO']}: HTTP {response.status_code}")


def _measure_all(
    timing: Timing,
    operations: list[Callable[[], object]],
    *,
    check: Check | None,
    warm_up: int = WARM_UP,
):
    """Run the operations, the first `warm_up` untimed; record durations, checks and failures."""
    for index, operation in enumerate(operations):
        try:
            result = operation() if index < warm_up else timing.measure(operation)
        except Exception as error:  # noqa: BLE001 - reported with the figures, not fixed here
            timing.errors.append(f"{type(error).__name__}: {error}")
            continue
        if check is not None and index >= warm_up:
            check(timing, index, result)
