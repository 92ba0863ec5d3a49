"""Reference data every installation starts with: the Centre's profile, the settlements of the
municipality, the lists of document types and need categories, and the role groups.

Every loader is idempotent: running it again changes nothing, and the Centre's profile is only
filled in where it is still blank, so an administrator's corrections survive a second run.
Sources: the Centre's public page (shared/seeds/000_b26f78280fce376f.txt) and the ELSTAT list of
settlements of the Municipality of Karpenisi (community_centre/data/karpenisi_settlements.csv).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from beneficiaries.models import DocumentType, NeedCategory
from community_centre.models import CentreProfile, LocalHoliday, Settlement
from community_centre.place_names import everyday_name
from community_centre.roles import sync_roles
from requests.models import RequestCategory

SETTLEMENTS_CSV = Path(__file__).resolve().parent / "data" / "karpenisi_settlements.csv"

CENTRE_PROFILE: dict[str, object] = {
    "name": "Κέντρο Κοινότητας Δήμου Καρπενησίου",
    "municipality": "Δήμος Καρπενησίου",
    "area": "Περιοχή Αγίου Γεωργίου",
    "town": "Καρπενήσι",
    "postal_code": "36100",
    "phones": "2237 3 52200, 2237 3 52221",
    "fax": "2237 3 52224",
    "emails": "a.fakitsa@0716.syzefxis.gov.gr, m.trasteli@0716.syzefxis.gov.gr",
    "opens_at": time(7, 0),
    "closes_at": time(15, 0),
}

# The CSV writes municipal units in capitals, which lose their accents; domain/places.md names them.
MUNICIPAL_UNIT_NAMES = {
    "300101": "Δημοτική Ενότητα Καρπενησίου",
    "300102": "Δημοτική Ενότητα Δομνίστας",
    "300103": "Δημοτική Ενότητα Κτημενίων",
    "300104": "Δημοτική Ενότητα Ποταμιάς",
    "300105": "Δημοτική Ενότητα Προυσού",
    "300106": "Δημοτική Ενότητα Φουρνά",
}

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


@dataclass
class LoadSummary:
    """What a loader did: how many rows it created, changed and left alone."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    details: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return _("%(created)d νέα, %(updated)d ενημερώθηκαν, %(unchanged)d αμετάβλητα") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


def strip_article(name: str) -> str:
    """ELSTAT writes settlements as 'Καρπενήσιον,το': keep the name, drop the article."""
    return name.split(",", 1)[0].strip()


def _title(name: str) -> str:
    return " ".join(word.capitalize() for word in name.split())


# --- the Centre's profile ----------------------------------------------------------------------


def load_centre_profile() -> LoadSummary:
    """Create the profile from the public page, or fill only the fields still left blank."""
    summary = LoadSummary()
    profile = CentreProfile.objects.order_by("pk").first()
    if profile is None:
        CentreProfile.objects.create(**CENTRE_PROFILE)
        summary.created = 1
        return summary
    blank = [name for name, value in CENTRE_PROFILE.items() if getattr(profile, name) in ("", None)]
    for name in blank:
        setattr(profile, name, CENTRE_PROFILE[name])
    if blank:
        profile.save(update_fields=blank)
        summary.updated = 1
        summary.details = blank
    else:
        summary.unchanged = 1
    return summary


# --- settlements -------------------------------------------------------------------------------


def read_settlements(path: Path = SETTLEMENTS_CSV) -> list[dict[str, object]]:
    """Settlement rows of the ELSTAT file with their community, municipal unit and population."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_code = {row["elstat_code"]: row for row in rows}
    seat = _municipal_seat(rows)
    settlements = []
    for row in rows:
        if row["level"] != "settlement":
            continue
        community = by_code[row["parent_code"]]
        unit = by_code[community["parent_code"]]
        name = strip_article(row["name"])
        settlements.append(
            {
                "code": row["elstat_code"],
                "name": everyday_name(name),
                "official_name": name,
                "community": community["name"].strip(),
                "municipal_unit": MUNICIPAL_UNIT_NAMES.get(
                    unit["elstat_code"], _title(unit["name"])
                ),
                "population_2011": int(row["population_2011"] or 0),
                # Only the seat of the municipality (the town of Karpenisi) is urban.
                "is_urban": name == seat and community["name"].startswith("Δημοτική"),
            }
        )
    return settlements


def _municipal_seat(rows: list[dict[str, str]]) -> str:
    """'ΔΗΜΟΣ ΚΑΡΠΕΝΗΣΙΟΥ (Έδρα: Καρπενήσιον,το)' -> 'Καρπενήσιον'."""
    for row in rows:
        match = re.search(r"Έδρα:\s*([^)]+)\)", row["name"])
        if row["level"] == "municipality" and match:
            return strip_article(match.group(1))
    return ""


def load_settlements(path: Path = SETTLEMENTS_CSV) -> LoadSummary:
    """One Settlement per settlement row, keyed by its ELSTAT code."""
    existing = {s.code: s for s in Settlement.objects.all()}
    return _sync_rows(Settlement, existing, read_settlements(path), key="code")


# --- editable lists ----------------------------------------------------------------------------


def load_document_types() -> LoadSummary:
    """The document types benefits ask for; codes are stable, names only filled when created."""
    rows = [{"code": c, "name": n, "has_expiry": e} for c, n, e in DOCUMENT_TYPES]
    return _create_missing(DocumentType, rows)


def load_need_categories() -> LoadSummary:
    rows = [{"code": c, "name": n} for c, n in NEED_CATEGORIES]
    return _create_missing(NeedCategory, rows)


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
    return _create_missing(RequestCategory, rows)


def load_local_holidays() -> LoadSummary:
    """Karpenisi's patron saint, 23 September; to drop it, administrators untick «ισχύει»."""
    _, created = LocalHoliday.objects.get_or_create(
        month=9, day=23, defaults={"name": "Άγιος Νικόλαος ο Καρπενησιώτης (πολιούχος)"}
    )
    return LoadSummary(created=int(created), unchanged=int(not created))


def _create_missing(model, rows: list[dict[str, object]]) -> LoadSummary:
    """Create the rows whose code is absent; rows that exist are the administrator's to edit."""
    existing = set(model.objects.values_list("code", flat=True))
    missing = [model(**row) for row in rows if row["code"] not in existing]
    model.objects.bulk_create(missing)
    return LoadSummary(created=len(missing), unchanged=len(rows) - len(missing))


def _sync_rows(model, existing: dict, rows: list[dict[str, object]], *, key: str) -> LoadSummary:
    """update_or_create by `key`, without writing rows that already hold these values."""
    summary = LoadSummary()
    for row in rows:
        current = existing.get(row[key])
        if current is None:
            model.objects.create(**row)
            summary.created += 1
        elif any(getattr(current, name) != value for name, value in row.items()):
            for name, value in row.items():
                setattr(current, name, value)
            current.save(update_fields=[name for name in row if name != key])
            summary.updated += 1
        else:
            summary.unchanged += 1
    return summary


# --- everything --------------------------------------------------------------------------------


@transaction.atomic
def load_reference_data() -> dict[str, LoadSummary]:
    """Load all reference data and (re)create the role groups; returns a summary per part."""
    summaries = {
        "centre_profile": load_centre_profile(),
        "settlements": load_settlements(),
        "document_types": load_document_types(),
        "need_categories": load_need_categories(),
        "local_holidays": load_local_holidays(),
        "request_categories": load_request_categories(),
    }
    groups = sync_roles()
    summaries["roles"] = LoadSummary(unchanged=len(groups), details=sorted(groups))
    return summaries
