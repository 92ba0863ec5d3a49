"""The special categories of personal data of a case file (GDPR art. 9): the one list of them.

Every place that shows, exports, discloses or edits people's data asks this module which fields
are special: lists, search, exports and history show none of their values; the case file shows
them only after the worker states a purpose («Εμφάνιση»), which is logged; a referral discloses
them only when ticked one by one in their own group. Religion is not kept by the Centre.

The «show» opens a short window for one case file in the worker's session (`open_window`):
while it is open, every page that displays the values (the case file, the edit form) writes
its own access-log row with the stated purpose.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

GROUP_LABEL = gettext_lazy("Ειδικές κατηγορίες δεδομένων")
HIDDEN_LABEL = gettext_lazy("Ειδικές κατηγορίες δεδομένων — κρυμμένα")
DISCLOSURE_LABEL = gettext_lazy(
    "Ειδικές κατηγορίες δεδομένων — μόνο με ρητή συγκατάθεση ή νομική βάση"
)
HIDDEN_VALUE = gettext_lazy("κρυμμένο (ειδική κατηγορία)")

# How long a stated purpose keeps the values of one case file shown to the worker.
WINDOW = timedelta(minutes=10)
SESSION_KEY = "special_categories_shown"


def _disability(person) -> str:
    text = person.get_disability_display()
    if person.disability != "yes":
        return text
    parts = [text]
    if person.disability_percentage is not None:
        parts.append(f"{person.disability_percentage}%")
    if person.disability_certified:
        parts.append(_("πιστοποίηση ΚΕΠΑ"))
    return " · ".join(parts)


@dataclass(frozen=True)
class SpecialCategory:
    """One special category: its key (as ticked in a referral), label and model fields."""

    key: str
    label: str
    fields: tuple[str, ...]
    text: Callable[[object], str]

    def value(self, person) -> str:
        """The person's answer in words ("" when nothing is recorded)."""
        return self.text(person) or ""


CATEGORIES: tuple[SpecialCategory, ...] = (
    SpecialCategory(
        "disability",
        gettext_lazy("Αναπηρία"),
        ("disability", "disability_percentage", "disability_certified"),
        _disability,
    ),
    SpecialCategory(
        "foreign_background",
        gettext_lazy("Αλλοδαπή καταγωγή"),
        ("foreign_background",),
        lambda p: p.get_foreign_background_display(),
    ),
    SpecialCategory(
        "minority",
        gettext_lazy("Μέλος μειονότητας"),
        ("minority",),
        lambda p: p.get_minority_display(),
    ),
    SpecialCategory(
        "health_notes",
        gettext_lazy("Σημειώσεις υγείας"),
        ("health_notes",),
        lambda p: p.health_notes,
    ),
)

FIELDS: frozenset[str] = frozenset(f for c in CATEGORIES for f in c.fields)
BY_KEY = {c.key: c for c in CATEGORIES}


def is_special(field: str) -> bool:
    return field in FIELDS


def mask(field: str, value):
    """`value` of the Beneficiary field `field`, or the «hidden» text if the field is special."""
    if is_special(field) and value not in (None, ""):
        return str(HIDDEN_VALUE)
    return value


def choices() -> list[tuple[str, str]]:
    """The categories as form choices, for the disclosure of a referral."""
    return [(c.key, c.label) for c in CATEGORIES]


def values_of(person) -> list[tuple[str, str]]:
    """(label, answer) of every special category of `person`, in the registry's order."""
    return [(str(c.label), c.value(person) or "—") for c in CATEGORIES]


def disclosed_values(person, keys) -> dict[str, str]:
    """The answers of the ticked categories `keys`, in the registry's order (for a snapshot)."""
    wanted = set(keys)
    return {c.key: c.value(person) for c in CATEGORIES if c.key in wanted}


def labelled(values: dict[str, str]) -> list[tuple[str, str]]:
    """A snapshot's special values as (label, answer), skipping keys no longer known."""
    return [(str(BY_KEY[k].label), v) for k, v in values.items() if k in BY_KEY and v]


class Purpose(models.TextChoices):
    """Why a worker opens the special categories of a case file (written to the access log)."""

    NEEDS_ASSESSMENT = "needs_assessment", gettext_lazy("Αξιολόγηση αναγκών")
    BENEFIT_APPLICATION = "benefit_application", gettext_lazy("Αίτηση παροχής")
    REFERRAL = "referral", gettext_lazy("Παραπομπή σε φορέα")
    EPS_REPORT = "eps_report", gettext_lazy("Αναφορά στο Ε.Π.Σ.")
    CORRECTION = "correction", gettext_lazy("Ενημέρωση ή διόρθωση των στοιχείων")
    OTHER = "other", gettext_lazy("Άλλος σκοπός")


# --- the window of one case file in the session ----------------------------------------------


def open_window(request: HttpRequest, beneficiary_id: int, purpose: str) -> None:
    """Show the special categories of one case file for WINDOW. The «show» itself has logged
    the first display (`pending`); every later one logs its own row."""
    now = timezone.now().isoformat()
    shown = {k: v for k, v in request.session.get(SESSION_KEY, {}).items() if v["until"] > now}
    until = (timezone.now() + WINDOW).isoformat()
    shown[str(beneficiary_id)] = {"until": until, "purpose": purpose, "pending": True}
    request.session[SESSION_KEY] = shown


def close_window(request: HttpRequest, beneficiary_id: int) -> None:
    shown = dict(request.session.get(SESSION_KEY, {}))
    if shown.pop(str(beneficiary_id), None) is not None:
        request.session[SESSION_KEY] = shown


def _entry(request: HttpRequest, beneficiary_id: int) -> dict | None:
    entry = request.session.get(SESSION_KEY, {}).get(str(beneficiary_id))
    if not entry or entry["until"] <= timezone.now().isoformat():
        return None
    return entry


def window_until(request: HttpRequest, beneficiary_id: int) -> datetime | None:
    """When the open window of this case file closes."""
    entry = _entry(request, beneficiary_id)
    return datetime.fromisoformat(entry["until"]) if entry else None


def window_purpose(request: HttpRequest, beneficiary_id: int) -> str | None:
    """The purpose stated for this case file if its window is still open, else None."""
    entry = _entry(request, beneficiary_id)
    return entry["purpose"] if entry else None


def take_pending(request: HttpRequest, beneficiary_id: int) -> bool:
    """Whether this display is the one the «show» already logged (true once per «show»)."""
    entry = _entry(request, beneficiary_id)
    if not entry or not entry.get("pending"):
        return False
    shown = dict(request.session[SESSION_KEY])
    shown[str(beneficiary_id)] = {**entry, "pending": False}
    request.session[SESSION_KEY] = shown
    return True
