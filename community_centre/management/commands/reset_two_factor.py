"""`manage.py reset_two_factor USERNAME --reason TEXT`: the second factor of an account that lost
both its phone and its backup codes, when no other coordinator can reset it in the application."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from community_centre.models import User
from community_centre.two_factor.actions import TwoFactorError, two_factor_reset_from_server


class Command(BaseCommand):
    help = _(
        "Διαγράφει τον δεύτερο παράγοντα ενός λογαριασμού (χαμένο κινητό και κωδικοί "
        "ανάκτησης): ρυθμίζεται ξανά στην επόμενη σύνδεση. Καταγράφεται για τον/τη συντονιστή/τρια."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--reason", required=True, help=_("Η αιτία της επαναφοράς."))

    def handle(self, *args, username: str, reason: str, **options) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("Δεν υπάρχει χρήστης «%(username)s».") % {"username": username})
        try:
            event = two_factor_reset_from_server(user=user, reason=reason)
        except TwoFactorError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(
            _("%(user)s: ο δεύτερος παράγοντας επαναφέρθηκε (%(detail)s).")
            % {"user": user.username, "detail": event.detail}
        ))  # fmt: skip
