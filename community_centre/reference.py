"""Reference data every installation starts with: the Centre's profile, the settlements of the
municipality, the local holidays and the role groups here; each app above adds its own lists in
its `reference_data` module (a `LOADERS` list), which `load_reference_data()` finds by name, the
way Django finds `admin` modules, so this base app imports none of them.

Every loader is idempotent: running it again changes nothing, and the Centre's profile is only
filled in where it is still blank, so an administrator's corrections survive a second run.
Sources: the Centre's public page (shared/seeds/000_b26f78280fce376f.txt) and the ELSTAT list of
settlements of the Municipality of Karpenisi (community_centre/data/karpenisi_settlements.csv).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import time
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.db import transaction
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community_centre.models import CentreProfile, LocalHoliday, Settlement
from community_centre.place_names import everyday_name
from community_centre.roles import sync_roles

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
    return sync_rows(Settlement, existing, read_settlements(path), key="code")


def load_local_holidays() -> LoadSummary:
    """Karpenisi's patron saint, 23 September; to drop it, administrators untick «ισχύει»."""
    _, created = LocalHoliday.objects.get_or_create(
        month=9, day=23, defaults={"name": "Άγιος Νικόλαος ο Καρπενησιώτης (πολιούχος)"}
    )
    return LoadSummary(created=int(created), unchanged=int(not created))


def create_missing(model, rows: list[dict[str, object]]) -> LoadSummary:
    """Create the rows whose code is absent; rows that exist are the administrator's to edit."""
    existing = set(model.objects.values_list("code", flat=True))
    missing = [model(**row) for row in rows if row["code"] not in existing]
    model.objects.bulk_create(missing)
    return LoadSummary(created=len(missing), unchanged=len(rows) - len(missing))


def sync_rows(model, existing: dict, rows: list[dict[str, object]], *, key: str) -> LoadSummary:
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


@dataclass(frozen=True)
class Loader:
    """One part of the reference data: its key, the label the command prints, its loader."""

    key: str
    label: str
    load: Callable[[], LoadSummary]


LOADERS = [
    Loader("centre_profile", gettext_lazy("Στοιχεία Κέντρου"), load_centre_profile),
    Loader("settlements", gettext_lazy("Οικισμοί"), lambda: load_settlements()),
    Loader("local_holidays", gettext_lazy("Τοπικές αργίες"), load_local_holidays),
]
APP_MODULE = "reference_data"


def reference_loaders() -> list[Loader]:
    """This app's loaders, then those of every installed app with a `reference_data` module."""
    loaders = list(LOADERS)
    for config in apps.get_app_configs():
        if config.name != __package__ and module_has_submodule(config.module, APP_MODULE):
            module = import_module(f"{config.name}.{APP_MODULE}")
            loaders.extend(module.LOADERS)
    return loaders


@transaction.atomic
def load_reference_data() -> dict[str, LoadSummary]:
    """Load all reference data and (re)create the role groups; returns a summary per part."""
    summaries = {loader.key: loader.load() for loader in reference_loaders()}
    groups = sync_roles()
    summaries["roles"] = LoadSummary(unchanged=len(groups), details=sorted(groups))
    return summaries
