"""`manage.py load_reference_data`: the Centre's profile, settlements, lists and role groups."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from community_centre.models import Role
from community_centre.reference import load_reference_data, reference_loaders


class Command(BaseCommand):
    help = _(
        "Φορτώνει τα στοιχεία αναφοράς (στοιχεία Κέντρου, οικισμούς, είδη δικαιολογητικών, "
        "κατηγορίες αναγκών, ρόλους). Μπορεί να εκτελεστεί ξανά χωρίς αλλαγές."
    )

    def handle(self, *args, **options) -> None:
        summaries = load_reference_data()
        for loader in reference_loaders():
            summary = summaries[loader.key]
            self.stdout.write(f"{loader.label}: {summary}")
            if summary.details:
                self.stdout.write("  " + _("συμπληρώθηκαν: %s") % ", ".join(summary.details))
        roles = summaries["roles"]
        self.stdout.write(_("Ρόλοι: %s") % ", ".join(str(Role(n).label) for n in roles.details))
        self.stdout.write(self.style.SUCCESS(_("Τα στοιχεία αναφοράς είναι ενημερωμένα.")))
