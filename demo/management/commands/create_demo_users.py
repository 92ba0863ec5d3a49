"""`manage.py create_demo_users`: one login per role for trying the system out (not production)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from community_centre.models import User
from demo.users import DEMO_PASSWORD, DEMO_USERS, create_demo_users, demo_backup_codes
from referrals.models import PartnerMembership


class Command(BaseCommand):
    help = _("Δημιουργεί έναν λογαριασμό επίδειξης ανά ρόλο (μόνο για δοκιμές).")

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Εκτέλεση και με DEBUG=0 (π.χ. σε εγκατάσταση εκπαίδευσης)."),
        )

    def handle(self, *args, force: bool = False, **options) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                _(
                    "Οι λογαριασμοί επίδειξης δημιουργούνται μόνο με DJANGO_DEBUG=1 "
                    "(ή με --force). / Demo accounts are created only with DJANGO_DEBUG=1 "
                    "(or with --force)."
                )
            )
        users = create_demo_users()
        self.stdout.write(self.style.SUCCESS(_("Λογαριασμοί επίδειξης:")))
        self._print_table(users)
        self._print_backup_codes(demo_backup_codes(users))

    def _print_backup_codes(self, codes: dict[str, list[str]]) -> None:
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(_(
            "Κωδικοί ανάκτησης (δεύτερος παράγοντας): μετά το συνθηματικό, αυτοί οι λογαριασμοί "
            "ζητούν κωδικό. Χωρίς κινητό, γράψτε έναν από τους παρακάτω· κάθε κωδικός ισχύει μία "
            "φορά, και νέοι βγαίνουν σε κάθε εκτέλεση της εντολής."
        )))  # fmt: skip
        width = max((len(name) for name in codes), default=0)
        for username, user_codes in codes.items():
            self.stdout.write(f"{username.ljust(width)}  {' '.join(user_codes)}")

    def _print_table(self, users: list[User]) -> None:
        roles = {demo.username: demo.role for demo in DEMO_USERS}
        bodies = dict(PartnerMembership.objects.filter(user__in=users)
                      .values_list("user__username", "body__name"))  # fmt: skip
        rows = [(_("Όνομα χρήστη"), _("Συνθηματικό"), _("Ρόλος"), _("Ονοματεπώνυμο"), _("Φορέας"))]
        rows += [
            (u.username, DEMO_PASSWORD, str(roles[u.username].label), u.get_full_name(),
             bodies.get(u.username, ""))
            for u in users
        ]  # fmt: skip
        widths = [max(len(row[i]) for row in rows) for i in range(5)]
        for index, row in enumerate(rows):
            self.stdout.write(
                "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            )
            if index == 0:
                self.stdout.write("  ".join("-" * w for w in widths))
