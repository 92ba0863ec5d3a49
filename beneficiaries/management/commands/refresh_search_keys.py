"""manage.py refresh_search_keys — recompute stale name keys after a normalisation change."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from beneficiaries.search_keys import refresh_search_keys


class Command(BaseCommand):
    help = "Recompute the phonetic name keys used by search (after bulk inserts or rule changes)."

    def handle(self, *args, **options) -> None:
        count = refresh_search_keys()
        self.stdout.write(_("Ενημερώθηκαν %(count)d κλειδιά αναζήτησης.") % {"count": count})
