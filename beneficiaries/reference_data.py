"""The case file's reference lists: document types and need categories.

`manage.py load_reference_data` loads them with everything else (community_centre.reference).
Codes are stable; names are only filled when a row is created, so administrators' edits stay.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from beneficiaries.models import DocumentType, NeedCategory
from community_centre.reference import Loader, LoadSummary, create_missing

# (code, Greek name, has an expiry date) — domain/programmes.md lists what benefits ask for.
DOCUMENT_TYPES: list[tuple[str, str, bool]] = [
    ("identity", "Αστυνομική ταυτότητα ή διαβατήριο", True),
    ("residence-permit", "Άδεια διαμονής ή απόφαση ασύλου", True),
    ("tax-return-e1", "Φορολογική δήλωση (Ε1)", False),
    ("tax-assessment", "Εκκαθαριστικό σημείωμα φόρου εισοδήματος", False),
    ("iban", "Βεβαίωση IBAN τραπεζικού λογαριασμού", False),
    ("utility-bill", "Λογαριασμός ρεύματος ή νερού", False),
    ("proof-of-residence", "Μισθωτήριο ή άλλη απόδειξη κατοικίας (Ε9, τίτλος, φιλοξενία)", True),
    ("unemployment-card", "Κάρτα ανεργίας ΔΥΠΑ", True),
    ("family-status", "Πιστοποιητικό οικογενειακής κατάστασης", False),
    ("disability-certificate", "Γνωμάτευση αναπηρίας ΚΕΠΑ", True),
    ("medical-report", "Ιατρική γνωμάτευση", False),
    ("school-certificate", "Βεβαίωση φοίτησης", True),
    ("court-decision", "Δικαστική απόφαση (διαζύγιο, επιμέλεια κ.λπ.)", False),
    ("authorisation", "Εξουσιοδότηση ή πληρεξούσιο", True),
    ("consent-form", "Υπογεγραμμένο έντυπο ενημέρωσης και συναίνεσης", False),
    ("eee-consent", "Έντυπο συναίνεσης ΕΕΕ με θεωρημένη υπογραφή", False),
    ("birth-certificate", "Ληξιαρχική πράξη γέννησης", False),
    ("no-pension-certificate", "Βεβαίωση μη λήψης σύνταξης (e-ΕΦΚΑ)", True),
    ("other", "Άλλο δικαιολογητικό", False),
]

NEED_CATEGORIES: list[tuple[str, str]] = [
    ("income", "Οικονομική ενίσχυση – εισόδημα"),
    ("food", "Επισιτισμός – βασικά αγαθά"),
    ("housing", "Στέγαση"),
    ("employment", "Απασχόληση"),
    ("health", "Υγεία"),
    ("disability", "Αναπηρία"),
    ("psychosocial", "Ψυχοκοινωνική υποστήριξη"),
    ("education", "Εκπαίδευση"),
    ("legal-administrative", "Νομικά – διοικητικά θέματα"),
    ("elderly-care", "Φροντίδα ηλικιωμένων"),
    ("child-care", "Φροντίδα παιδιών"),
    ("other", "Άλλη ανάγκη"),
]


def load_document_types() -> LoadSummary:
    """The document types benefits ask for."""
    rows = [{"code": c, "name": n, "has_expiry": e} for c, n, e in DOCUMENT_TYPES]
    return create_missing(DocumentType, rows)


def load_need_categories() -> LoadSummary:
    rows = [{"code": c, "name": n} for c, n in NEED_CATEGORIES]
    return create_missing(NeedCategory, rows)


LOADERS = [
    Loader("document_types", _("Είδη δικαιολογητικών"), load_document_types),
    Loader("need_categories", _("Κατηγορίες αναγκών"), load_need_categories),
]
