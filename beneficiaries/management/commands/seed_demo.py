"""`manage.py seed_demo --beneficiaries N [--seed S] [--if-empty] [--batch-size B]`."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from beneficiaries.demo import EPS_PREFIX, seed_beneficiaries
from beneficiaries.models import Beneficiary, NeedCategory
from community_centre.models import Settlement, User
from community_centre.progress import ProgressBar


class Command(BaseCommand):
    help = _(
        "Δημιουργεί φανταστικούς ωφελούμενους επίδειξης (με νοικοκυριά, σημειώσεις, ανάγκες "
        "και συναινέσεις)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--beneficiaries", type=int, required=True, help=_("Πόσους ωφελούμενους.")
        )
        parser.add_argument(
            "--seed", type=int, default=1, help=_("Ίδιος σπόρος, ίδια δεδομένα (προεπιλογή 1).")
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help=_("Καμία ενέργεια αν υπάρχει ήδη έστω ένας ωφελούμενος."),
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=2000,
            help=_("Γραμμές ανά εισαγωγή (προεπιλογή 2000)."),
        )

    def handle(self, *args, **options) -> None:
        count, batch_size = options["beneficiaries"], options["batch_size"]
        if count < 0 or batch_size < 1:
            raise CommandError(_("Το πλήθος και το μέγεθος παρτίδας πρέπει να είναι θετικοί."))
        if options["if_empty"] and Beneficiary.objects.exists():
            self.stdout.write(_("Υπάρχουν ήδη ωφελούμενοι: δεν δημιουργήθηκαν δεδομένα επίδειξης."))
            return
        self._warn_about_missing_reference_data()
        bar = ProgressBar(self.stdout, total=count, label=_("Ωφελούμενοι"))
        started = time.monotonic()
        created = seed_beneficiaries(
            count=count, seed=options["seed"], batch_size=batch_size, progress=bar.update
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
