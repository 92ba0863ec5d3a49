"""`manage.py bench --beneficiaries N --requests M [--runs R] [--seed S] [--database NAME]
[--no-throughput] [--users U] [--duration SECONDS]`.

Seeds N fictional people and M requests (with their history, information and document requests
and appointments) into a database of its own (never the one `make run` uses), adding only what
is missing, then prints p50/p95 of beneficiary search (Greek, accentless, Greeklish, with a
typo, surname only, AMKA; one typo of each kind in a 4–6 letter surname, with how often the
person is among the first 10), of the search and case-file pages as a logged-in social worker sees
them, of «My work» (the social worker's own, and everyone's as the coordinator sees it), of the
case file of people with 50 requests or more, and of issuing one status letter (rolled back).
With --referrals K (default: a fifth of the requests, 200,000 for a million) it seeds K
referrals (demo.referrals) and measures the staff referral list (all, overdue, one body) and the
partner inbox page as the partner account of the body with most referrals, each beside the bare
page. With --applications A (default: a tenth of the requests) it seeds A benefit applications
(demo.bench_applications) and measures the application list and a case file with applications.
With --sessions S (default 300,000) it seeds S individual sessions (demo.bench_sessions) and
measures the case file of the person with most sessions and «My work» with today's sessions.
Then the subject-access export (GDPR art. 15) of the person with most requests, the ZIP as
the coordinator downloads it (demo.bench_subject_access, target < 10 s), beside the bare
queries of the same rows. Last of the timings, the monthly Ε.Π.Σ. report of the busiest month
(demo.bench_reporting, target < 2 s), beside one hand-written SQL statement computing the
participant tables. After the limits, the register import of --import-rows people
(demo.bench_import, target < 15 s, rolled back) beside one COPY of the same rows.

Then each figure beside its limit, the same work done as directly as possible and measured in
turn with it: a search beside its SQL statement alone (goal ≤ 1.5×), a page beside the bare page
(a login-required page through the same middleware whose template asks nothing; goal ≤ 2×), the
letter beside WeasyPrint rendering one paragraph on A4 (goal ≤ 3×); the ratio is of the p50s.

Last, unless --no-throughput, the throughput run (demo.throughput): gunicorn with 2 workers on
127.0.0.1 serving case files and searches, then the bare page, each to U locust users for
SECONDS (at most 50 users, 120 s); requests per second, p50/p95, failures, and the ratio of the
rates (goal ≥ 0.5). locust runs from var/loadtest-venv, which `make bench` creates.
"""

from __future__ import annotations

import logging
import os
import random
import subprocess
import tempfile
import time
from collections.abc import Callable
from functools import partial

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection, transaction
from django.db.models import Count
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from weasyprint import HTML

from beneficiaries.models import Beneficiary
from beneficiaries.search_keys import refresh_search_keys
from beneficiaries.views.search import PAGE_SIZE
from community_centre.models import Role, User
from community_centre.pdf import LocalStaticFetcher
from community_centre.progress import ProgressBar
from community_centre.role_actions import role_grant_from_server
from community_centre.two_factor.policy import second_factor_required
from demo import (
    bench_applications,
    bench_events,
    bench_import,
    bench_reporting,
    bench_retention,
    bench_sessions,
    bench_subject_access,
    benchmark,
    throughput,
)
from demo.bench_urls import BARE_PAGE_NAME
from demo.benchmark import Beside, Timing
from demo.casework import seed_requests
from demo.people import seed_beneficiaries
from demo.referrals import seed_referrals
from demo.users import DEMO_PASSWORD, DEMO_USERS
from referrals.models import PartnerMembership, Referral
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
REFERRALS_PER_REQUEST = 0.2  # the default number of referrals: 200,000 for 1,000,000 requests
BENCH_PARTNER = "bench-partner"  # the partner account made when the database has none
# A typo in a short surname must put the person among the first 10 results this often (%).
SHORT_TYPO_PAGE = 10
SHORT_TYPO_RECALL = 95
# Goals beside the limits: the most a figure's p50 may be, in multiples of its limit's p50.
SEARCH_GOAL = 1.5  # a search beside its SQL statement run alone
PAGE_GOAL = 2.0  # a page beside the bare page (at least half its throughput)
LETTER_GOAL = 3.0  # a status letter beside WeasyPrint rendering one paragraph on A4
THROUGHPUT_GOAL = 0.5  # the pages' requests per second as a share of the bare page's
THROUGHPUT_USERS = 10
THROUGHPUT_SECONDS = 60
THROUGHPUT_CASE_FILES = 500  # the people whose case files and surnames the clients pick from
# WeasyPrint's least work for a page of the size of a letter.
ONE_PARAGRAPH_A4 = (
    "<!doctype html><html lang='el'><head><meta charset='utf-8'>"
    "<style>@page { size: A4; margin: 2cm }</style></head>"
    "<body><p>Κέντρο Κοινότητας Δήμου Καρπενησίου: ενημέρωση για την πορεία του αιτήματός σας."
    "</p></body></html>"
)


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
        "limit_sql": _("μόνο η εντολή SQL"),
        "limit_page": _("σκέτη σελίδα"),
        "limit_pdf": _("PDF μίας παραγράφου"),
        "referral_list": _("λίστα παραπομπών (όλες, νεότερη αλλαγή πρώτα)"),
        "referral_overdue": _("λίστα παραπομπών: εκπρόθεσμες"),
        "referral_body": _("λίστα παραπομπών: ένας φορέας, σε παρακολούθηση"),
        "inbox": _("εισερχόμενα φορέα (σελίδα)"),
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
        parser.add_argument(
            "--referrals",
            type=int,
            default=None,
            help=_("Παραπομπές σε φορείς (προεπιλογή: το ένα πέμπτο των αιτημάτων)."),
        )
        parser.add_argument(
            "--applications",
            type=int,
            default=None,
            help=_("Αιτήσεις παροχών (προεπιλογή: το ένα δέκατο των αιτημάτων)."),
        )
        bench_sessions.add_argument(parser)
        parser.add_argument("--events", type=int, default=bench_events.DEFAULT_EVENTS,
                            help=_("Δράσεις και εκδηλώσεις με τη συμμετοχή τους."))  # fmt: skip
        parser.add_argument("--import-rows", type=int, default=bench_import.DEFAULT_ROWS,
                            help=_("Γραμμές μητρώου για τη μέτρηση εισαγωγής."))  # fmt: skip
        parser.add_argument("--runs", type=int, default=200, help=_("Μετρήσεις ανά είδος."))
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--database", default=benchmark.BENCH_DATABASE)
        parser.add_argument(
            "--no-throughput",
            action="store_true",
            help=_("Χωρίς τη μέτρηση ρυθμού (gunicorn και locust)."),
        )
        parser.add_argument(
            "--users",
            type=int,
            default=THROUGHPUT_USERS,
            help=_("Ταυτόχρονοι χρήστες της μέτρησης ρυθμού (1–%(most)d).")
            % {"most": throughput.MAX_USERS},
        )
        parser.add_argument(
            "--duration",
            type=int,
            default=THROUGHPUT_SECONDS,
            help=_("Δευτερόλεπτα της μέτρησης ρυθμού, για κάθε φόρτο (10–%(most)d).")
            % {"most": throughput.MAX_SECONDS},
        )

    def handle(
        self,
        *args,
        beneficiaries: int,
        requests: int,
        referrals: int | None,
        applications: int | None,
        runs: int,
        seed: int,
        database: str,
        no_throughput: bool,
        users: int,
        duration: int,
        **options,
    ):
        if beneficiaries < 1 or requests < 0 or runs < 1 or (referrals or 0) < 0:
            raise CommandError(_("Το πλήθος και οι μετρήσεις πρέπει να είναι θετικοί αριθμοί."))
        if not throughput.check_bounds(users, duration):
            raise CommandError(
                _("Η μέτρηση ρυθμού δέχεται 1–%(users)d χρήστες και 10–%(seconds)d δευτερόλεπτα.")
                % {"users": throughput.MAX_USERS, "seconds": throughput.MAX_SECONDS}
            )
        self._switch_to(database)
        benchmark.prepare_schema()
        self._seed(beneficiaries, seed=seed)
        self._seed_requests(requests, seed=seed)
        if referrals is None:
            referrals = round(requests * REFERRALS_PER_REQUEST)
        self._seed_referrals(referrals, seed=seed)
        if applications is None:
            applications = bench_applications.default_count(requests)
        bench_applications.seed(self, applications, seed=seed)
        bench_sessions.seed(self, options["sessions"], seed=seed)
        bench_events.seed(self, max(options["events"], 0), seed=seed)
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
        self._besides: list[Beside] = []
        # Measured as in production: without DEBUG's log of every SQL statement; the URLconf is
        # the site's with the bare page beside it.
        with override_settings(DEBUG=False, ROOT_URLCONF="demo.bench_urls"):
            bare_queries = self._bare_page_queries(worker)
            searches = self._time_searches(worker, rng, runs)
            short_typos = self._time_short_typos(worker, rng, runs)
            timings = [
                *searches,
                *short_typos,
                *self._time_pages(worker, rng, runs),
                *self._time_work(worker, coordinator, rng, runs),
                *self._time_referrals(worker, rng, runs),
                *bench_applications.time_applications(
                    self,
                    worker,
                    rng,
                    runs,
                    target=PAGE_TARGET_MS,
                    warm_up=WARM_UP,
                    logged_in=_logged_in,
                ),  # fmt: skip
                *bench_sessions.time_rows(
                    self,
                    worker=worker,
                    coordinator=coordinator,
                    rng=rng,
                    runs=runs,
                    warm_up=WARM_UP,
                    target=PAGE_TARGET_MS,
                    logged_in=_logged_in,
                ),  # fmt: skip
                *bench_events.time_events(self, worker, coordinator, runs, _logged_in),
                self._time_letters(worker, rng),
            ]
            export_timings, export_beside = bench_subject_access.time_export(
                runs, _logged_in(coordinator)
            )
            timings.extend(export_timings)
            if export_beside is not None:
                self._besides.append(export_beside)
            retention_timings, retention_beside, retention_note = bench_retention.time_retention(
                runs
            )
            timings.extend(retention_timings)
            self._besides.append(retention_beside)
            report_timings, report_beside = bench_reporting.time_report(runs)
            timings.extend(report_timings)
            if report_beside is not None:
                self._besides.append(report_beside)
        self.stdout.write(benchmark.table(timings))
        self._short_typo_recall(short_typos)
        self.stdout.write(retention_note)
        self.stdout.write("")
        self.stdout.write(benchmark.limits_table(self._besides))
        self._limits_note(bare_queries)
        if options.get("import_rows", 0) > 0:
            # The register import (demo.bench_import), rolled back: the database stays as it was.
            self.stdout.write("")
            self.stdout.write(bench_import.time_import(options["import_rows"], seed=seed).line())
        limits = [beside.limit for beside in self._besides]
        for timing in [*timings, *limits]:
            for error in timing.errors[:3]:
                self.stderr.write(f"{timing.label}: {error}")
        if not no_throughput:
            self.stdout.write("")
            self._throughput(database, worker, rng, users=users, seconds=duration)

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
        def make(missing: int, progress) -> int:
            seed_beneficiaries(count=missing, seed=seed, progress=progress)
            return missing

        self._top_up(
            Beneficiary.objects.count(), count, make, label=_("Ωφελούμενοι"),
            already=_("Η βάση έχει ήδη %(count)d ωφελούμενους· δεν προστίθενται άλλοι."),
            made=_("Δημιουργήθηκαν %(count)d ωφελούμενοι σε %(seconds).0f δευτερόλεπτα."),
        )  # fmt: skip

    def _seed_requests(self, count: int, *, seed: int) -> None:
        def make(missing: int, progress) -> int:
            seed_requests(count=missing, seed=seed, progress=progress)
            return missing

        self._top_up(
            AssistanceRequest.objects.count(), count, make, label=_("Αιτήματα"),
            already=_("Η βάση έχει ήδη %(count)d αιτήματα· δεν προστίθενται άλλα."),
            made=_("Δημιουργήθηκαν %(count)d αιτήματα σε %(seconds).0f δευτερόλεπτα."),
        )  # fmt: skip

    def _seed_referrals(self, count: int, *, seed: int) -> None:
        existing = Referral.objects.count()

        def make(missing: int, progress) -> int:
            return seed_referrals(count=missing, seed=seed + existing, progress=progress)

        self._top_up(
            existing, count, make, label=_("Παραπομπές"),
            already=_("Η βάση έχει ήδη %(count)d παραπομπές· δεν προστίθενται άλλες."),
            made=_("Δημιουργήθηκαν %(count)d παραπομπές σε %(seconds).0f δευτερόλεπτα."),
        )  # fmt: skip

    def _top_up(self, existing: int, count: int, make, *, label: str, already: str, made: str):
        """Seed what is missing up to `count` rows (`make(missing, progress)` returns how many it
        made), with a progress bar, and say what was done."""
        if existing >= count:
            self.stdout.write(already % {"count": existing})
            return
        bar = ProgressBar(self.stdout, total=count - existing, label=label)
        started = time.monotonic()
        created = make(count - existing, bar.update)
        bar.finish()
        self.stdout.write(made % {"count": created, "seconds": time.monotonic() - started})

    def _header(self, database: str, runs: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            (version,) = cursor.fetchone()
        facts = {
            "database": database,
            "people": Beneficiary.objects.count(),
            "requests": AssistanceRequest.objects.count(),
            "referrals": Referral.objects.count(),
            "version": version,
            "cpus": os.cpu_count(),
            "load": os.getloadavg()[0],
            "runs": runs,
            "page": PAGE_SIZE,
        }
        self.stdout.write(
            _(
                "Βάση %(database)s · %(people)d ωφελούμενοι · %(requests)d αιτήματα · "
                "%(referrals)d παραπομπές · "
                "PostgreSQL %(version)s · %(cpus)d CPU (φορτίο %(load).1f) · "
                "%(runs)d μετρήσεις ανά γραμμή · η αναζήτηση φέρνει την πρώτη σελίδα των %(page)d"
            )
            % facts
        )

    def _time_searches(self, worker: User, rng: random.Random, runs: int) -> list[Timing]:
        """Each kind of search, each time for another person, as the list page runs it; in turn
        with each, its SQL statement alone (the limit)."""
        visible = Beneficiary.objects.visible_to(worker).for_list()
        people = benchmark.sample_people(2 * runs, rng)
        timings, labels = [], _labels()
        for kind, make_query in benchmark.query_kinds().items():
            pool = [p for p in people if p.amka] if kind == "amka" else people
            cases = [(p, make_query(p, rng)) for p in _cycle(pool, runs + WARM_UP)]
            timing = Timing(labels[kind], SEARCH_TARGET_MS)
            limit = Timing(labels["limit_sql"])
            # Many people share a surname: whether one of them is on the first page says nothing.
            _measure_beside(
                timing,
                [partial(_first_page, visible, query) for _, query in cases],
                limit,
                _sql_alone(visible, [query for _, query in cases]),
                check=None if kind == "surname" else _found([p.pk for p, _ in cases]),
            )
            timings.append(timing)
            self._besides.append(Beside(timing, limit, SEARCH_GOAL))
            if kind == "greek":
                timings.append(Timing(labels["bare_greek"], durations=limit.durations))
        return timings

    def _time_short_typos(self, worker: User, rng: random.Random, runs: int) -> list[Timing]:
        """One typo of each kind in the Greek surname of `runs` people whose surname has 4–6
        letters, then their given name: p50/p95, and whether they are among the first 10; in turn
        with each, its SQL statement alone."""
        visible = Beneficiary.objects.visible_to(worker).for_list()
        people = benchmark.sample_people(runs, rng, surname_length=benchmark.SHORT_SURNAME)
        timings, labels = [], _labels()
        bare = Timing(labels["bare_short_typo"])
        for kind in benchmark.TYPO_KINDS:
            cases = [
                (p, f"{benchmark.typo_of_kind(p.surname, kind, rng)} {p.given_name}")
                for p in _cycle(people, runs + WARM_UP)
            ]
            timing = Timing(labels[kind], SEARCH_TARGET_MS)
            limit = Timing(labels["limit_sql"])
            _measure_beside(
                timing,
                [partial(_first_page, visible, query) for _, query in cases],
                limit,
                _sql_alone(visible, [query for _, query in cases]),
                check=_found([p.pk for p, _ in cases], within=SHORT_TYPO_PAGE),
            )
            timings.append(timing)
            self._besides.append(Beside(timing, limit, SEARCH_GOAL))
            bare.durations += limit.durations
        timings.append(bare)
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
        """The search pages and the case file, fetched as the social worker; in turn with each,
        the bare page."""
        client = _logged_in(worker)
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
        return [
            self._time_page(_labels()[page], target, client, calls) for page, calls, target in pages
        ]

    def _time_work(
        self, worker: User, coordinator: User, rng: random.Random, runs: int
    ) -> list[Timing]:
        """«My work» as the social worker and as the coordinator (everyone's), and the case file
        of people with a long history of requests; in turn with each, the bare page."""
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
            client = _logged_in(user)
            calls = [partial(client.get, url) for url in urls]
            timing = self._time_page(labels[name], PAGE_TARGET_MS, client, calls)
            if not urls:
                timing.errors.append(_("κανένας φάκελος με τόσα αιτήματα"))
            timings.append(timing)
        return timings

    def _time_referrals(self, worker: User, rng: random.Random, runs: int) -> list[Timing]:
        """The staff referral list (all, the overdue, one body's followed ones) as the social
        worker, and the partner inbox as the partner account of the body with most referrals;
        in turn with each, the bare page."""
        labels, client, url = _labels(), _logged_in(worker), reverse("referrals:list")
        bodies = list(
            Referral.objects.values("body").annotate(n=Count("pk")).order_by("-n")
            .values_list("body", flat=True)[:10]
        )  # fmt: skip
        count = runs + WARM_UP
        cases = [
            ("referral_list", [{}] * count),
            ("referral_overdue", [{"overdue": "on"}] * count),
            ("referral_body", [{"body": b, "status": "followed"} for b in _cycle(bodies, count)]),
        ]
        timings = [
            self._time_page(labels[name], PAGE_TARGET_MS, client,
                            [partial(client.get, url, query) for query in queries])
            for name, queries in cases
        ]  # fmt: skip
        if bodies:
            timings.append(self._time_inbox(_partner_of(bodies[0]), count))
        return timings

    def _time_inbox(self, partner: User, count: int) -> Timing:
        client = _logged_in(partner)
        calls = [partial(client.get, reverse("referrals:inbox"))] * count
        return self._time_page(_labels()["inbox"], PAGE_TARGET_MS, client, calls)

    def _time_page(
        self, label: str, target: float | None, client: Client, calls: list[Callable[[], object]]
    ) -> Timing:
        """A page, each fetch followed or preceded by one of the bare page, the same user's."""
        timing, limit = Timing(label, target), Timing(_labels()["limit_page"])
        bare_url = reverse(BARE_PAGE_NAME)
        _measure_beside(
            timing,
            calls,
            limit,
            [partial(client.get, bare_url) for _ in calls],
            check=_status_ok,
            limit_check=_status_ok,
        )
        self._besides.append(Beside(timing, limit, PAGE_GOAL))
        return timing

    def _bare_page_queries(self, worker: User) -> int:
        """How many queries the bare page makes: none of its own; the session, the user, their
        permissions (a context processor) and the session saved again."""
        client = _logged_in(worker)
        client.get(reverse(BARE_PAGE_NAME))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(BARE_PAGE_NAME))
        if response.status_code != 200:
            raise CommandError(f"{reverse(BARE_PAGE_NAME)}: HTTP {response.status_code}")
        return len(queries)

    def _time_letters(self, worker: User, rng: random.Random) -> Timing:
        """Issue a status letter through the real action (number, PDF, file), rolled back; in
        turn with each, WeasyPrint rendering one paragraph on an A4 page.

        The PDFs go to a temporary folder that is removed afterwards: nothing reaches the
        documents of `make run`, and the rollback returns the protocol numbers.
        """
        timing = Timing(_labels()["letter"], LETTER_TARGET_MS)
        limit = Timing(_labels()["limit_pdf"])
        self._besides.append(Beside(timing, limit, LETTER_GOAL))
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
            _measure_beside(
                timing,
                operations,
                limit,
                [_one_paragraph_pdf] * len(operations),
                check=_letter_ok,
                limit_check=_pdf_ok,
                warm_up=LETTER_WARM_UP,
            )
        return timing

    def _limits_note(self, bare_queries: int) -> None:
        self.stdout.write(
            _(
                "Όρια, μετρημένα εναλλάξ με κάθε μέτρηση: «μόνο η εντολή SQL» είναι η ίδια "
                "εντολή της αναζήτησης, έτοιμη από πριν, σε cursor· «σκέτη σελίδα» μια σελίδα "
                "για συνδεδεμένους μέσα από όλο το middleware (συνεδρία, CSRF, έλεγχος "
                "σύνδεσης, καταγραφή), με πρότυπο χωρίς διάταξη που δεν ρωτά τη βάση "
                "(%(queries)d ερωτήματα, όλα του middleware και των context processors: "
                "συνεδρία, χρήστης, δικαιώματα· η συνεδρία ξαναγράφεται το πολύ μία φορά το "
                "λεπτό)· «PDF μίας παραγράφου» το "
                "WeasyPrint με μία παράγραφο σε σελίδα A4. Λόγος = p50 της μέτρησης / p50 του "
                "ορίου."
            )
            % {"queries": bare_queries}
        )

    def _throughput(
        self, database: str, worker: User, rng: random.Random, *, users: int, seconds: int
    ) -> None:
        """gunicorn (2 workers) serving case files and searches, then the bare page, to `users`
        locust users for `seconds` each; requests per second, p50/p95 and failures."""
        if not throughput.LOCUST.exists():
            self.stderr.write(
                _("Χωρίς μέτρηση ρυθμού: λείπει το %(locust)s (το φτιάχνει το make bench).")
                % {"locust": throughput.LOCUST}
            )
            return
        people = benchmark.sample_people(THROUGHPUT_CASE_FILES, rng)
        data = {
            "login_url": reverse("login"),
            "username": worker.username,
            "password": DEMO_PASSWORD,
            "case_files": [reverse("beneficiaries:detail", args=[p.pk]) for p in people],
            "search_url": reverse("beneficiaries:list"),
            "searches": [benchmark.greeklish(p.surname, rng) for p in people],
            "bare_url": reverse(BARE_PAGE_NAME, urlconf="demo.bench_urls"),
        }
        load = os.getloadavg()[0]
        connection.close()  # this process waits meanwhile
        try:
            with throughput.gunicorn(database) as url:
                pages = throughput.run_locust(url, "Caseworker", data, users=users, seconds=seconds)
                bare = throughput.run_locust(url, "BarePage", data, users=users, seconds=seconds)
        except (OSError, RuntimeError, subprocess.SubprocessError) as error:
            raise CommandError(_("Μέτρηση ρυθμού: %(error)s") % {"error": error}) from error
        self.stdout.write(
            _(
                "Ρυθμός: gunicorn με %(workers)d workers στο %(host)s, %(users)d ταυτόχρονοι "
                "χρήστες locust (μία σύνδεση ο καθένας, χωρίς αναμονή) επί %(seconds)d s για κάθε "
                "φόρτο, από άλλη διεργασία στο ίδιο μηχάνημα (φορτίο πριν %(load).1f)"
            )
            % {
                "workers": throughput.WORKERS,
                "host": throughput.HOST,
                "users": users,
                "seconds": seconds,
                "load": load,
            }
        )
        self.stdout.write(throughput.throughput_table(pages, bare, goal=THROUGHPUT_GOAL))
        for failure in [*pages.failures, *bare.failures][:5]:
            self.stderr.write(failure)


def _demo_username(role: Role) -> str:
    return next(u.username for u in DEMO_USERS if u.role == role)


def _partner_of(body: int) -> User:
    """A partner account of `body`: its own if it has one, else one made for the benchmark."""
    membership = PartnerMembership.objects.filter(body=body).select_related("user").first()
    if membership is not None:
        return membership.user
    user, _created = User.objects.get_or_create(username=f"{BENCH_PARTNER}-{body}")
    role_grant_from_server(user=user, role=Role.PARTNER)
    PartnerMembership.objects.get_or_create(user=user, defaults={"body_id": body})
    return user


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


def _sql_alone(queryset, queries: list[str]) -> list[Callable[[], object]]:
    """The same searches' SQL, compiled beforehand, to run on a cursor: what PostgreSQL takes,
    without the ORM building the query and the model instances."""
    statements = [queryset.search(query)[:PAGE_SIZE].query.sql_with_params() for query in queries]
    return [partial(_run_sql, *statement) for statement in statements]


def _logged_in(user: User) -> Client:
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    if second_factor_required(user):
        # The pages are timed after the login, as a person's session has them once the code is
        # given: verified with a backup-code device of the bench's own (django_otp.login).
        device, _created = StaticDevice.objects.get_or_create(user=user, name="bench")
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def _one_paragraph_pdf() -> bytes:
    return HTML(string=ONE_PARAGRAPH_A4, url_fetcher=LocalStaticFetcher()).write_pdf()


def _pdf_ok(timing: Timing, index: int, pdf: object) -> None:
    if not pdf.startswith(b"%PDF"):
        timing.errors.append(_("δεν είναι PDF"))


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


def _measure_one(
    timing: Timing,
    index: int,
    operation: Callable[[], object],
    check: Check | None,
    warm_up: int,
) -> None:
    """Run the operation at `index`, untimed if among the first `warm_up`; record its duration,
    its check and its failure."""
    try:
        result = operation() if index < warm_up else timing.measure(operation)
    except Exception as error:  # noqa: BLE001 - reported with the figures, not fixed here
        timing.errors.append(f"{type(error).__name__}: {error}")
        return
    if check is not None and index >= warm_up:
        check(timing, index, result)


def _measure_beside(
    timing: Timing,
    operations: list[Callable[[], object]],
    limit: Timing,
    limit_operations: list[Callable[[], object]],
    *,
    check: Check | None,
    limit_check: Check | None = None,
    warm_up: int = WARM_UP,
):
    """Run each operation and its limit's in turn, the figure first every other time, so both
    see the same caches and the same load; the first `warm_up` of each untimed."""
    for index, pair in enumerate(
        zip(
            [(timing, op, check) for op in operations],
            [(limit, op, limit_check) for op in limit_operations],
            strict=True,
        )
    ):
        for measured, operation, checked in pair if index % 2 == 0 else reversed(pair):
            _measure_one(measured, index, operation, checked, warm_up)
