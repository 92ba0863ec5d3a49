"""What each table of the report is called and what its fixed rows and columns say, in Greek.

The keys are the report's contract (docs/report_format.md); the labels are for people. Rows
whose keys come from the Centre's own lists (request and need categories, partner bodies,
programmes, settlements) are labelled from the database by `dynamic_labels`; a key the database
does not know — another Centre's category in a roll-up — is labelled by the key itself.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from beneficiaries.choices import Citizenship, Education, LabourStatus, Sex
from referrals.models import Referral
from requests.models import AssistanceRequest
from services.models import BenefitApplication, EventKind, SessionKind

TOTAL = "total"
NOT_STATED = "not_stated"

AGE_BANDS = ["under_18", "18_29", "30_54", "55_plus"]
GROUPS = [
    "disability",
    "foreign_background",
    "minority",
    "third_country_national",
    "homeless_or_housing_exclusion",
    "rural_area",
    "eee_beneficiary",
]
YES_NO = ["yes", "no", NOT_STATED, TOTAL]
ESF_ROWS = [
    "unemployed",
    "long_term_unemployed",
    "inactive",
    "employed",
    "under_18",
    "18_29",
    "55_plus",
    "isced_0_2",
    "isced_3_4",
    "isced_5_8",
    "disability",
    "third_country_national",
    "foreign_background",
    "minority",
    "homeless_or_housing_exclusion",
    "rural_area",
    TOTAL,
]
INFORMATION_STATES = ["answered_on_time", "answered_late", "open_overdue", "open_not_due"]
REFERRAL_STATUSES = ["sent", "accepted", "declined", "completed", "did_not_attend", "revoked"]
APPLICATION_STATUSES = ["submitted", "approved", "rejected", "withdrawn"]
EVENT_COLUMNS = ["events", "registered", "head_count", "attendance"]
TOTALS = [
    "requests",
    "information_requests",
    "referrals",
    "applications",
    "sessions",
    "events",
    "needs",
    "appointments_attended",
    "case_notes",
]


def titles() -> dict[str, tuple[str, str]]:
    """table key → (title, one sentence on what is counted)."""
    served = _("Ωφελούμενοι με τουλάχιστον μία επαφή στην περίοδο.")
    return {
        "participants": (_("Ωφελούμενοι που εξυπηρετήθηκαν"), served),
        "participants_by_gender": (_("Ωφελούμενοι ανά φύλο"), served),
        "participants_by_age": (
            _("Ωφελούμενοι ανά ηλικία"),
            _("Ηλικία την πρώτη ημέρα της περιόδου."),
        ),
        "participants_by_citizenship": (_("Ωφελούμενοι ανά υπηκοότητα"), served),
        "participants_by_education": (_("Ωφελούμενοι ανά εκπαίδευση"), served),
        "participants_by_labour_status": (_("Ωφελούμενοι ανά εργασιακή κατάσταση"), served),
        "participants_by_group": (
            _("Ωφελούμενοι ανά ευάλωτη ομάδα"),
            _("Ένα πρόσωπο μπορεί να ανήκει σε περισσότερες ομάδες."),
        ),
        "participants_by_settlement": (
            _("Ωφελούμενοι ανά οικισμό του Δήμου"),
            _("Οικισμός της διεύθυνσης κατοικίας."),
        ),
        "esf_indicators": (
            _("Δείκτες συμμετεχόντων ΕΚΤ+ ανά φύλο"),
            _("Κοινοί δείκτες του Κανονισμού (ΕΕ) 2021/1057, Παράρτημα I."),
        ),
        "requests_by_category": (
            _("Αιτήματα ανά κατηγορία"),
            _("Αιτήματα που παραλήφθηκαν στην περίοδο."),
        ),
        "requests_by_status": (
            _("Αιτήματα ανά κατάσταση"),
            _("Κατάσταση στο τέλος της περιόδου των αιτημάτων που παραλήφθηκαν σε αυτήν."),
        ),
        "information_requests": (
            _("Αιτήματα ενημέρωσης"),
            _("Αιτήματα ενημέρωσης που παραλήφθηκαν στην περίοδο, όπως ήταν στο τέλος της."),
        ),
        "referrals_by_body": (
            _("Παραπομπές ανά φορέα και έκβαση"),
            _("Παραπομπές που στάλθηκαν στην περίοδο, με την κατάσταση στο τέλος της."),
        ),
        "applications_by_programme": (
            _("Αιτήσεις παροχών ανά πρόγραμμα και κατάσταση"),
            _("Αιτήσεις που υποβλήθηκαν στην περίοδο, με την κατάσταση στο τέλος της."),
        ),
        "sessions_by_type": (
            _("Ατομικές συνεδρίες ανά είδος"),
            _("Συνεδρίες που πραγματοποιήθηκαν στην περίοδο."),
        ),
        "events_by_kind": (
            _("Δράσεις και συμμετοχή"),
            _("Δράσεις που πραγματοποιήθηκαν· συμμετοχή = εγγεγραμμένοι παρόντες + λοιποί."),
        ),
        "needs_by_category": (
            _("Ανάγκες ανά κατηγορία"),
            _("Ανάγκες που εντοπίστηκαν στην περίοδο."),
        ),
        "totals": (_("Σύνολα της περιόδου"), ""),
    }


def fixed_labels() -> dict[str, str]:
    """Labels of the rows and columns whose keys do not depend on the Centre's lists."""
    labels = {
        TOTAL: _("Σύνολο"),
        NOT_STATED: _("Δεν δηλώνεται"),
        "new": _("Νέοι"),
        "returning": _("Επανερχόμενοι"),
        "female": _("Γυναίκες"),
        "male": _("Άνδρες"),
        "non_binary": _("Μη δυαδικό"),
        "under_18": _("Κάτω των 18"),
        "18_29": _("18–29"),
        "30_54": _("30–54"),
        "55_plus": _("55 και άνω"),
        "yes": _("Ναι"),
        "no": _("Όχι"),
        "disability": _("Άτομα με αναπηρία"),
        "foreign_background": _("Αλλοδαπή καταγωγή"),
        "minority": _("Μειονότητες (π.χ. Ρομά)"),
        "third_country_national": _("Υπήκοοι τρίτων χωρών"),
        "homeless_or_housing_exclusion": _("Άστεγοι ή στεγαστικός αποκλεισμός"),
        "rural_area": _("Αγροτικές περιοχές"),
        "eee_beneficiary": _("Δικαιούχοι ΕΕΕ"),
        "unemployed": _("Άνεργοι (και μακροχρόνια)"),
        "long_term_unemployed": _("Μακροχρόνια άνεργοι"),
        "inactive": _("Οικονομικά μη ενεργοί"),
        "employed": _("Απασχολούμενοι (και αυτοαπασχολούμενοι)"),
        "answered_on_time": _("Απαντήθηκαν εμπρόθεσμα"),
        "answered_late": _("Απαντήθηκαν εκπρόθεσμα"),
        "open_overdue": _("Αναπάντητα, εκπρόθεσμα"),
        "open_not_due": _("Αναπάντητα, εντός προθεσμίας"),
        "events": _("Δράσεις"),
        "registered": _("Εγγεγραμμένοι παρόντες"),
        "head_count": _("Λοιποί συμμετέχοντες"),
        "attendance": _("Συμμετοχή"),
        "requests": _("Αιτήματα"),
        "information_requests": _("Αιτήματα ενημέρωσης"),
        "referrals": _("Παραπομπές"),
        "applications": _("Αιτήσεις παροχών"),
        "sessions": _("Ατομικές συνεδρίες"),
        "needs": _("Ανάγκες"),
        "appointments_attended": _("Ραντεβού με προσέλευση"),
        "case_notes": _("Σημειώσεις φακέλου"),
    }
    for choices in (Citizenship, Education, LabourStatus):
        labels.update({value: str(label) for value, label in choices.choices})
    labels.update({"isced_0_2": "ISCED 0–2", "isced_3_4": "ISCED 3–4", "isced_5_8": "ISCED 5–8"})
    labels[NOT_STATED] = str(Sex.NOT_STATED.label)
    return labels


def status_labels() -> dict[str, dict[str, str]]:
    """Column labels of the tables by status, whose keys overlap between tables."""
    return {
        "requests_by_status": {k: str(v) for k, v in AssistanceRequest.Status.choices},
        "referrals_by_body": {k: str(v) for k, v in Referral.Status.choices},
        "applications_by_programme": {k: str(v) for k, v in BenefitApplication.Status.choices},
        "sessions_by_type": {k: str(v) for k, v in SessionKind.choices},
        "events_by_kind": {k: str(v) for k, v in EventKind.choices},
    }
