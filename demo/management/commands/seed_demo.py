"""manage.py seed_demo — fictional demo people and their requests, across the apps, in bulk.

People first (demo.people), then requests spread over everyone in the register
(demo.casework), then referrals of some of those requests to the partner bodies
(demo.referrals). With --if-empty each part is skipped when its table already has rows, so
`make run` adds the demo requests (and referrals) to a register seeded before they existed.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from beneficiaries.models import Beneficiary, NeedCategory
from community_centre.models import Settlement, User
from community_centre.progress import ProgressBar
from demo import applications as demo_applications
from demo.casework import seed_requests
from demo.events import seed_demo_events
from demo.people import EPS_PREFIX, seed_beneficiaries
from demo.referrals import seed_referrals
from demo.reports import seed_demo_sign_off
from demo.sessions import seed_demo_sessions
from referrals.models import Referral
from requests.models import AssistanceRequest


class Command(BaseCommand):
    help = _(
        "Δημιουργεί φανταστικούς ωφελούμενους επίδειξης (με νοικοκυριά, σημειώσεις, ανάγκες "
        "και συναινέσεις) και, αν ζητηθεί, αιτήματα με το ιστορικό τους."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--beneficiaries", type=int, required=True, help=_("Πόσους ωφελούμενους.")
        )
        parser.add_argument(
            "--requests",
            type=int,
            default=0,
            help=_(
                "Πόσα αιτήματα, μοιρασμένα στους ωφελούμενους του μητρώου, με αιτήματα "
                "ενημέρωσης, δικαιολογητικών και ραντεβού (προεπιλογή 0)."
            ),
        )
        parser.add_argument(
            "--referrals",
            type=int,
            default=None,
            help=_(
                "Πόσες παραπομπές σε φορείς, σε όλες τις καταστάσεις (προεπιλογή: ένα δέκατο των "
                "αιτημάτων)."
            ),
        )
        parser.add_argument(
            "--applications",
            type=int,
            default=None,
            help=_("Πόσες αιτήσεις παροχών (προεπιλογή: ένα δέκατο των αιτημάτων)."),
        )
        parser.add_argument(
            "--sessions",
            type=int,
            default=None,
            help=_("Πόσες ατομικές συνεδρίες (προεπιλογή: τρία δέκατα των αιτημάτων)."),
        )
        parser.add_argument(
            "--events", type=int, default=60,
            help=_("Συνολικά πόσες δράσεις και εκδηλώσεις (προεπιλογή 60)."),
        )  # fmt: skip
        parser.add_argument(
            "--seed", type=int, default=1, help=_("Ίδιος σπόρος, ίδια δεδομένα (προεπιλογή 1).")
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help=_(
                "Καμία ενέργεια για ωφελούμενους (ή αιτήματα) αν υπάρχει ήδη έστω ένας (ή ένα)."
            ),
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=None,
            help=_("Γραμμές ανά εισαγωγή (προεπιλογή 2000 για ωφελούμενους, 5000 για αιτήματα)."),
        )

    def handle(self, *args, **options) -> None:
        count, requests = options["beneficiaries"], options["requests"]
        batch_size = options["batch_size"]  # None: each part's own default
        if count < 0 or requests < 0 or (batch_size is not None and batch_size < 1):
            raise CommandError(_("Το πλήθος και το μέγεθος παρτίδας πρέπει να είναι θετικοί."))
        if options["if_empty"] and Beneficiary.objects.exists():
            self.stdout.write(_("Υπάρχουν ήδη ωφελούμενοι: δεν δημιουργήθηκαν δεδομένα επίδειξης."))
        elif count:
            self._seed_people(count, seed=options["seed"], batch_size=batch_size or 2000)
        seed_demo_events(self, options["events"], seed=options["seed"])
        if not requests:
            return
        if options["if_empty"] and AssistanceRequest.objects.exists():
            self.stdout.write(_("Υπάρχουν ήδη αιτήματα: δεν δημιουργήθηκαν αιτήματα επίδειξης."))
        else:
            self._seed_requests(requests, seed=options["seed"], batch_size=batch_size or 5000)
        referrals = options["referrals"]
        referrals = requests // 10 if referrals is None else referrals
        if referrals < 0:
            raise CommandError(_("Το πλήθος και το μέγεθος παρτίδας πρέπει να είναι θετικοί."))
        if options["if_empty"] and Referral.objects.exists():
            self.stdout.write(_("Υπάρχουν ήδη παραπομπές: δεν δημιουργήθηκαν άλλες."))
        elif referrals:
            self._seed_referrals(referrals, seed=options["seed"], batch_size=batch_size or 5000)
        applications = options["applications"]
        demo_applications.seed_demo_step(
            self, count=requests // 10 if applications is None else applications,
            seed=options["seed"], if_empty=options["if_empty"], batch_size=batch_size or 5000,
        )  # fmt: skip
        seed_demo_sessions(self, options, requests)
        seed_demo_sign_off(self)

    def _seed_people(self, count: int, *, seed: int, batch_size: int) -> None:
        self._warn_about_missing_reference_data()
        bar = ProgressBar(self.stdout, total=count, label=_("Ωφελούμενοι"))
        started = time.monotonic()
        created = seed_beneficiaries(
            count=count, seed=seed, batch_size=batch_size, progress=bar.update
        )
        bar.finish()
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Δημιουργήθηκαν %(count)d φανταστικοί ωφελούμενοι (Ε.Π.Σ. %(prefix)s…) "
                    "σε %(seconds).1f δευτερόλεπτα."
                )
                % {"count": created, "prefix": EPS_PREFIX, "seconds": elapsed}
            )
        )

    def _seed_requests(self, count: int, *, seed: int, batch_size: int) -> None:
        bar = ProgressBar(self.stdout, total=count, label=_("Αιτήματα"))
        started = time.monotonic()
        try:
            created = seed_requests(
                count=count, seed=seed, batch_size=batch_size, progress=bar.update
            )
        except ValueError as error:  # nothing to point the requests at: nothing was written
            raise CommandError(str(error)) from error
        bar.finish()
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Δημιουργήθηκαν %(count)d αιτήματα επίδειξης με το ιστορικό τους σε "
                    "%(seconds).1f δευτερόλεπτα."
                )
                % {"count": created, "seconds": time.monotonic() - started}
            )
        )

    def _seed_referrals(self, count: int, *, seed: int, batch_size: int) -> None:
        started = time.monotonic()
        try:
            created = seed_referrals(count=count, seed=seed, batch_size=batch_size)
        except ValueError as error:  # no body to refer to: nothing was written
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Δημιουργήθηκαν %(count)d παραπομπές επίδειξης σε φορείς με το ιστορικό τους "
                    "σε %(seconds).1f δευτερόλεπτα."
                )
                % {"count": created, "seconds": time.monotonic() - started}
            )
        )

    def _warn_about_missing_reference_data(self) -> None:
        if not Settlement.objects.exists() or not NeedCategory.objects.exists():
            self.stderr.write(
                _(
                    "Δεν βρέθηκαν στοιχεία αναφοράς: "
                    "εκτελέστε πρώτα `manage.py load_reference_data`."
                )
            )
        if not User.objects.filter(is_active=True).exists():
            self.stderr.write(
                _(
                    "Δεν υπάρχει κανένας χρήστης: οι ωφελούμενοι δημιουργούνται χωρίς σημειώσεις, "
                    "ανάγκες και συναινέσεις (εκτελέστε πρώτα `manage.py create_demo_users`)."
                )
            )
