"""`manage.py grant_role USERNAME ROLE`: a role in force from the server's command line.

For a new installation, which has no coordinator yet to confirm roles; afterwards roles are
proposed in the admin and confirmed by the coordinator. The coordinator sees every use of it.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from community_centre.models import Role, User
from community_centre.role_actions import RoleError, role_end_from_server, role_grant_from_server


class Command(BaseCommand):
    help = _("Δίνει ή αφαιρεί ρόλο από τη γραμμή εντολών (για την πρώτη εγκατάσταση).")

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("role", choices=Role.values)
        parser.add_argument("--revoke", action="store_true", help=_("Αφαίρεση του ρόλου."))
        parser.add_argument(
            "--note", default="", help=_("Σημείωση που βλέπει ο/η συντονιστής/τρια.")
        )

    def handle(self, *args, username: str, role: str, revoke: bool, note: str, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("Δεν υπάρχει χρήστης «%(username)s».") % {"username": username})
        if revoke:
            for grant in user.role_grants.open().filter(role=role):
                role_end_from_server(grant=grant, note=note)
            self.stdout.write(_("Ο ρόλος αφαιρέθηκε."))
            return
        try:
            role_grant_from_server(user=user, role=role, note=note)
        except RoleError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(_("Ο ρόλος ισχύει.")))
