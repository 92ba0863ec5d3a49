"""The ΕΕΕ (formerly ΚΕΑ) amounts every installation starts with: those in force for applications
from 1 December 2023 (shared/domain/programmes.md), and the programme catalogue with each
programme's document checklist. `manage.py load_reference_data` loads them with everything else.

Programmes: a programme is created, with its checklist, when its code is absent; a programme
that exists is the staff's to edit (its checklist too, lines removed included) and is left alone.

Idempotent: the row is created when no row starts on its date; a row that exists is the
administrators' to correct and is left alone. The deposit cap is left blank and unconfirmed: the
source says it is set by the joint ministerial decision and that the current value was not
confirmed, so the screening page marks it «μη επιβεβαιωμένο» until an administrator enters it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from community_centre.reference import Loader, LoadSummary
from services.models import EeeRate
from services.programme_catalogue import load_programmes

EEE_RATES: list[dict[str, object]] = [
    {
        "valid_from": date(2023, 12, 1),
        "valid_to": None,
        "first_adult": Decimal("216.00"),
        "additional_adult": Decimal("108.00"),
        "minor": Decimal("54.00"),
        "real_estate_first": Decimal("90000.00"),
        "real_estate_per_member": Decimal("15000.00"),
        "real_estate_max": Decimal("150000.00"),
        "vehicles_max": Decimal("6000.00"),
        "deposit_cap": None,
        "deposit_cap_confirmed": False,
        "source": "Αιτήσεις από 01/12/2023 (programmes.md)",
    },
]


def load_eee_rates() -> LoadSummary:
    existing = set(EeeRate.objects.values_list("valid_from", flat=True))
    missing = [EeeRate(**row) for row in EEE_RATES if row["valid_from"] not in existing]
    for rate in missing:
        rate.full_clean()
    EeeRate.objects.bulk_create(missing)
    return LoadSummary(created=len(missing), unchanged=len(EEE_RATES) - len(missing))


LOADERS = [
    Loader("eee_rates", _("Ποσά ΕΕΕ (πρώην ΚΕΑ)"), load_eee_rates),
    Loader("programmes", _("Προγράμματα παροχών"), load_programmes),
]
