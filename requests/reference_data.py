"""The requests' reference list: request categories with their usual handling time.

`manage.py load_reference_data` loads it with everything else (community_centre.reference).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from community_centre.reference import Loader, LoadSummary, create_missing
from requests.models import RequestCategory

REQUEST_CATEGORIES = [
    # code, name, usual handling time in working days
    ("information", "Ενημέρωση / πληροφόρηση", 10),
    ("eee-application", "Αίτηση ΕΕΕ (πρώην ΚΕΑ)", 20),
    ("benefit-application", "Αίτηση για άλλο επίδομα ή παροχή", 20),
    ("referral", "Παραπομπή σε φορέα", 20),
    ("employment-counselling", "Συμβουλευτική απασχόλησης", 20),
    ("psychosocial-support", "Ψυχοκοινωνική υποστήριξη", 20),
    ("material-aid", "Υλική βοήθεια / επισιτισμός", 15),
    ("housing", "Στέγαση", 20),
    ("health", "Υγεία", 20),
    ("administrative", "Διοικητική υποστήριξη", 15),
    ("other", "Άλλο", 20),
]


def load_request_categories() -> LoadSummary:
    rows = [
        {"code": code, "name": name, "due_working_days": days, "order": (i + 1) * 10}
        for i, (code, name, days) in enumerate(REQUEST_CATEGORIES)
    ]
    return create_missing(RequestCategory, rows)


LOADERS = [Loader("request_categories", _("Κατηγορίες αιτημάτων"), load_request_categories)]
