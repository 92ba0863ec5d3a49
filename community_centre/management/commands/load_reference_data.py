"""`manage.py load_reference_data`: the Centre's profile, settlements, lists and role groups."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from community_centre.models import Role
from community_centre.reference import load_reference_data


class Command(BaseCommand):
    help = _(
        "Φορτώνει τα στοιχεία αναφοράς (στοιχεία Κέντρου, οικισμούς, είδη δικαιολογητικών, "
        "κατηγορίες αναγκών, ρόλους). Μπορεί να εκτελεστεί ξανά χωρίς αλλαγές."
    )

    def handle(self, *args, **options) -> None:
        summaries = load_reference_data()
        labels = {
            "centre_profile": _("Στοιχεία Κέντρου"),
            "settlements": _("Οικισμοί"),
            "document_types": _("Είδη δικαιολογητικών"),
            "need_categories": _("Κατηγορίες αναγκών"),
            "local_holidays": _("Τοπικές αργίες"),
            "request_categories": _("Κατηγορίες αιτημάτων"),
        }
        for key, label in labels.items():
            summary = summaries[key]
            self.stdout.write(f"{label}: {summary}")
            if summary.details:
                self.stdout.write("  " + _("συμπληρώθηκαν: %s") % ", ".join(summary.details))
        roles = summaries["roles"]
        self.stdout.write(_("Ρόλοι: %s") % ", ".join(str(Role(n).label) for n in roles.details))
        self.stdout.write(self.style.SUCCESS(_("Τα στοιχεία αναφοράς είναι ενημερωμένα.")))
