"""The ΕΕΕ (formerly ΚΕΑ) screening the Centre does at the desk: from the household's make-up and
its income of the last six months, the guaranteed monthly amount, the six-month income ceiling,
whether the income test passes, the estimated monthly benefit and the asset limits to check
(shared/domain/programmes.md). The decision is ΟΠΕΚΑ's; this is an estimate.

The scale: the first adult counts in full, each further adult and each minor adds its share.
Every unprotected child counts as an adult, and in a single-parent household so does the oldest
minor — one who is not already counted as an unprotected child (the counts carry no ages, so
the rule lifts one more minor whenever there is one). The amounts come from the `EeeRate` in
force on the day asked about, never from this module.

The benefit is the guaranteed amount less the average monthly income, rounded once to the cent
(half up); zero when the income test fails, and never negative.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from services.models import EeeRate

MONTHS = 6
CENT = Decimal("0.01")


class ScreeningError(ValueError):
    """The household or the income cannot be screened as given (a clear reason, never a number)."""


class NoRateInForce(ScreeningError):
    """No ΕΕΕ amounts are in force on the day asked about."""


@dataclass(frozen=True)
class Screening:
    """The result of one screening, with what it was computed from."""

    on: date
    rate: EeeRate
    adults: int
    minors: int
    # The scale as applied: members counted as adults (the first included) and as minors.
    counted_adults: int
    counted_minors: int
    income_6m: Decimal
    guaranteed_monthly: Decimal
    income_ceiling_6m: Decimal
    average_monthly_income: Decimal
    eligible: bool
    monthly_benefit: Decimal
    real_estate_limit: Decimal
    vehicles_limit: Decimal
    deposit_cap: Decimal | None
    deposit_cap_confirmed: bool

    @property
    def members(self) -> int:
        return self.adults + self.minors


def screen(
    *,
    adults: int,
    minors: int,
    single_parent: bool = False,
    unprotected_children: int = 0,
    income_6m: Decimal,
    on: date,
) -> Screening:
    """Screen a household for ΕΕΕ on `on`; ScreeningError (a ValueError) for bad arguments or
    NoRateInForce when no amounts are in force that day."""
    _check_counts(adults, minors, unprotected_children)
    income = _check_income(income_6m)
    if not isinstance(on, date) or isinstance(on, datetime):
        raise ScreeningError(_("Η ημερομηνία του ελέγχου δεν είναι ημερομηνία."))
    rate = EeeRate.objects.in_force_on(on)
    if rate is None:
        raise NoRateInForce(
            _("Δεν έχουν καταχωριστεί ποσά ΕΕΕ σε ισχύ στις %(day)s.") % {"day": f"{on:%d/%m/%Y}"}
        )
    lifted = unprotected_children + (1 if single_parent and minors > unprotected_children else 0)
    counted_adults, counted_minors = adults + lifted, minors - lifted
    guaranteed = (
        rate.first_adult
        + rate.additional_adult * (counted_adults - 1)
        + rate.minor * counted_minors
    )
    ceiling = guaranteed * MONTHS
    eligible = income <= ceiling
    benefit = ((ceiling - income) / MONTHS).quantize(CENT, ROUND_HALF_UP) if eligible else None
    members = adults + minors
    return Screening(
        on=on,
        rate=rate,
        adults=adults,
        minors=minors,
        counted_adults=counted_adults,
        counted_minors=counted_minors,
        income_6m=income,
        guaranteed_monthly=guaranteed.quantize(CENT),
        income_ceiling_6m=ceiling.quantize(CENT),
        average_monthly_income=(income / MONTHS).quantize(CENT, ROUND_HALF_UP),
        eligible=eligible,
        monthly_benefit=max(benefit or Decimal(0), Decimal(0)).quantize(CENT),
        real_estate_limit=min(
            rate.real_estate_first + rate.real_estate_per_member * (members - 1),
            rate.real_estate_max,
        ),
        vehicles_limit=rate.vehicles_max,
        deposit_cap=rate.deposit_cap,
        deposit_cap_confirmed=rate.deposit_cap_confirmed,
    )


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_counts(adults, minors, unprotected_children) -> None:
    if not all(_is_count(v) for v in (adults, minors, unprotected_children)):
        raise ScreeningError(_("Τα μέλη του νοικοκυριού μετρώνται με ακέραιους αριθμούς."))
    if adults < 1:
        raise ScreeningError(_("Το νοικοκυριό χρειάζεται τουλάχιστον έναν ενήλικα."))
    if minors < 0 or unprotected_children < 0:
        raise ScreeningError(_("Ο αριθμός των μελών δεν μπορεί να είναι αρνητικός."))
    if unprotected_children > minors:
        raise ScreeningError(
            _("Τα απροστάτευτα τέκνα μετρώνται και στους ανήλικους· δεν είναι περισσότερα.")
        )


def _check_income(income_6m) -> Decimal:
    if isinstance(income_6m, bool) or not isinstance(income_6m, Decimal | int):
        raise ScreeningError(_("Το εισόδημα δίνεται ως ποσό (Decimal)."))
    try:
        income = Decimal(income_6m)
        negative = income < 0
    except InvalidOperation as exc:  # a NaN does not compare
        raise ScreeningError(_("Το εισόδημα δεν είναι ποσό.")) from exc
    if not income.is_finite():
        raise ScreeningError(_("Το εισόδημα δεν είναι ποσό."))
    if negative:
        raise ScreeningError(_("Το εισόδημα δεν μπορεί να είναι αρνητικό."))
    return income
