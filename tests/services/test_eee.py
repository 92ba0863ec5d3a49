"""The ΕΕΕ screening (services.eee.screen) over the worked cases of programmes.md and more: the
scale, the income test at and just above its ceiling, the benefit, the asset limits, amounts that
change on a date, and arguments that cannot be screened."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from community_centre.reference import load_reference_data
from services.eee import NoRateInForce, ScreeningError, screen
from services.models import EeeRate
from services.reference_data import load_eee_rates
from tests.services.factories import EeeRateFactory

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 12, 1)
D = Decimal


@pytest.fixture
def rate():
    return EeeRateFactory()


def _screen(**kwargs):
    kwargs.setdefault("income_6m", D("0"))
    kwargs.setdefault("on", ON)
    return screen(**kwargs)


# --- the worked cases of programmes.md ----------------------------------------------------


def test_one_adult_has_216_a_month_and_a_ceiling_of_1296(rate):
    result = _screen(adults=1, minors=0)
    assert result.guaranteed_monthly == D("216.00")
    assert result.income_ceiling_6m == D("1296.00")
    assert result.eligible and result.monthly_benefit == D("216.00")


def test_two_adults_and_two_minors_have_a_ceiling_of_2592(rate):
    result = _screen(adults=2, minors=2)
    assert result.guaranteed_monthly == D("432.00")
    assert result.income_ceiling_6m == D("2592.00")


def test_the_benefit_is_the_guaranteed_amount_less_the_average_monthly_income(rate):
    result = _screen(adults=1, minors=0, income_6m=D("600"))
    assert result.average_monthly_income == D("100.00")
    assert result.monthly_benefit == D("116.00")


# --- the scale ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("adults", "minors", "monthly"),
    [
        (1, 0, "216.00"),  # a person living alone
        (2, 0, "324.00"),  # a couple
        (3, 0, "432.00"),  # a couple and an adult child
        (2, 1, "378.00"),  # a couple with a child
        (2, 3, "486.00"),
        (1, 1, "270.00"),  # an adult with a minor grandchild, not a single-parent family
    ],
)
def test_each_further_adult_adds_108_and_each_minor_54(rate, adults, minors, monthly):
    assert _screen(adults=adults, minors=minors).guaranteed_monthly == D(monthly)


def test_in_a_single_parent_household_the_oldest_minor_counts_as_an_adult(rate):
    result = _screen(adults=1, minors=2, single_parent=True)
    assert (result.counted_adults, result.counted_minors) == (2, 1)
    assert result.guaranteed_monthly == D("378.00")  # 216 + 108 + 54
    assert result.income_ceiling_6m == D("2268.00")


def test_single_parent_makes_no_difference_without_minors(rate):
    assert _screen(adults=1, minors=0, single_parent=True).guaranteed_monthly == D("216.00")


def test_an_unprotected_child_counts_as_an_adult(rate):
    result = _screen(adults=1, minors=2, unprotected_children=1)
    assert (result.counted_adults, result.counted_minors) == (2, 1)
    assert result.guaranteed_monthly == D("378.00")


def test_every_unprotected_child_counts_as_an_adult(rate):
    assert _screen(adults=1, minors=3, unprotected_children=3).guaranteed_monthly == D("540.00")


def test_a_single_parent_minor_already_counted_as_unprotected_is_not_counted_twice(rate):
    # All the minors are unprotected: the single-parent rule has no one more to lift.
    result = _screen(adults=1, minors=2, single_parent=True, unprotected_children=2)
    assert (result.counted_adults, result.counted_minors) == (3, 0)
    # One of two minors unprotected: the single-parent rule lifts the other one.
    result = _screen(adults=1, minors=2, single_parent=True, unprotected_children=1)
    assert (result.counted_adults, result.counted_minors) == (3, 0)
    assert result.guaranteed_monthly == D("432.00")


# --- the income test --------------------------------------------------------------------------


def test_income_exactly_at_the_ceiling_passes_with_no_benefit(rate):
    result = _screen(adults=1, minors=0, income_6m=D("1296.00"))
    assert result.eligible is True
    assert result.monthly_benefit == D("0.00")


def test_one_cent_above_the_ceiling_fails(rate):
    result = _screen(adults=1, minors=0, income_6m=D("1296.01"))
    assert result.eligible is False
    assert result.monthly_benefit == D("0.00")


def test_far_above_the_ceiling_the_benefit_is_zero_not_negative(rate):
    result = _screen(adults=2, minors=2, income_6m=D("50000"))
    assert not result.eligible and result.monthly_benefit == D("0.00")


def test_the_benefit_is_rounded_once_to_the_cent_half_up(rate):
    # (1296 − 100) / 6 = 199.3333…; (1296 − 1.03) / 6 = 215.828333…; (1296 − 0.03) / 6 = 215.995
    assert _screen(adults=1, minors=0, income_6m=D("100")).monthly_benefit == D("199.33")
    assert _screen(adults=1, minors=0, income_6m=D("1.03")).monthly_benefit == D("215.83")
    assert _screen(adults=1, minors=0, income_6m=D("0.03")).monthly_benefit == D("216.00")
    assert _screen(adults=1, minors=0, income_6m=D("0.09")).monthly_benefit == D("215.99")


def test_amounts_have_two_decimals(rate):
    result = _screen(adults=1, minors=0, income_6m=D("7"))
    for amount in (result.guaranteed_monthly, result.income_ceiling_6m, result.monthly_benefit):
        assert amount.as_tuple().exponent == -2


def test_an_integer_income_is_accepted(rate):
    assert _screen(adults=1, minors=0, income_6m=600).monthly_benefit == D("116.00")


# --- the asset limits -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("adults", "minors", "limit"),
    [(1, 0, "90000"), (2, 0, "105000"), (2, 2, "135000"), (3, 2, "150000"), (4, 4, "150000")],
)
def test_the_real_estate_limit_rises_per_member_up_to_150000(rate, adults, minors, limit):
    assert _screen(adults=adults, minors=minors).real_estate_limit == D(limit)


def test_vehicles_and_an_unconfirmed_deposit_cap_come_with_the_result(rate):
    result = _screen(adults=1, minors=0)
    assert result.vehicles_limit == D("6000.00")
    assert result.deposit_cap is None and result.deposit_cap_confirmed is False


def test_a_deposit_cap_once_entered_is_shown_with_its_confirmation():
    EeeRateFactory(deposit_cap=D("7200"), deposit_cap_confirmed=True)
    result = _screen(adults=1, minors=0)
    assert (result.deposit_cap, result.deposit_cap_confirmed) == (D("7200"), True)


# --- dated amounts ------------------------------------------------------------------------


def test_the_amounts_in_force_on_the_day_are_used():
    old = EeeRateFactory(
        valid_from=dt.date(2022, 1, 1), valid_to=dt.date(2023, 11, 30), first_adult=D("200"),
        additional_adult=D("100"), minor=D("50"),
    )  # fmt: skip
    new = EeeRateFactory(valid_from=dt.date(2023, 12, 1))
    before = _screen(adults=2, minors=1, on=dt.date(2023, 11, 30))
    after = _screen(adults=2, minors=1, on=dt.date(2023, 12, 1))
    assert (before.rate, before.guaranteed_monthly) == (old, D("350.00"))
    assert (after.rate, after.guaranteed_monthly) == (new, D("378.00"))


def test_a_rate_with_an_end_is_not_used_after_it():
    EeeRateFactory(valid_to=dt.date(2026, 6, 30))
    assert _screen(adults=1, minors=0, on=dt.date(2026, 6, 30)).guaranteed_monthly == D("216")
    with pytest.raises(NoRateInForce, match="01/07/2026"):
        _screen(adults=1, minors=0, on=dt.date(2026, 7, 1))


def test_no_rate_before_the_first_one_is_an_error_not_a_number(rate):
    with pytest.raises(NoRateInForce):
        _screen(adults=1, minors=0, on=dt.date(2023, 11, 30))


def test_two_rates_may_not_overlap(rate):
    overlapping = EeeRate(**{**_fields(rate), "valid_from": dt.date(2025, 1, 1)})
    with pytest.raises(ValidationError, match="επικαλύπτει"):
        overlapping.full_clean()


def test_a_rate_may_not_end_before_it_starts():
    backwards = EeeRateFactory.build(valid_from=dt.date(2025, 1, 2), valid_to=dt.date(2025, 1, 1))
    with pytest.raises(ValidationError, match="πριν από την έναρξη"):
        backwards.full_clean()


def _fields(rate: EeeRate) -> dict:
    return {f.name: getattr(rate, f.name) for f in EeeRate._meta.concrete_fields if f.name != "id"}


# --- bad arguments --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [
        {"adults": 0, "minors": 1},  # no adult
        {"adults": -1, "minors": 0},
        {"adults": 1, "minors": -1},
        {"adults": 1, "minors": 1, "unprotected_children": -1},
        {"adults": 1, "minors": 1, "unprotected_children": 2},  # more unprotected than minors
        {"adults": 1.5, "minors": 0},
        {"adults": True, "minors": 0},
        {"adults": "2", "minors": 0},
        {"adults": 1, "minors": 0, "income_6m": D("-0.01")},
        {"adults": 1, "minors": 0, "income_6m": D("NaN")},
        {"adults": 1, "minors": 0, "income_6m": D("Infinity")},
        {"adults": 1, "minors": 0, "income_6m": 12.5},  # a float is not an amount
        {"adults": 1, "minors": 0, "income_6m": "100"},
        {"adults": 1, "minors": 0, "on": "2026-12-01"},
        {"adults": 1, "minors": 0, "on": dt.datetime(2026, 12, 1, 10, 0)},  # a day, not a moment
    ],
)
def test_bad_arguments_raise_a_value_error(rate, kwargs):
    with pytest.raises(ScreeningError) as raised:
        _screen(**kwargs)
    assert isinstance(raised.value, ValueError) and str(raised.value)


def test_the_arguments_are_keyword_only(rate):
    with pytest.raises(TypeError):
        screen(1, 0, False, 0, D("0"), ON)  # type: ignore[misc]


def test_the_result_is_frozen(rate):
    result = _screen(adults=1, minors=0)
    with pytest.raises(AttributeError):
        result.eligible = False  # type: ignore[misc]


# --- reference data -------------------------------------------------------------------------


def test_the_reference_data_seeds_the_amounts_of_programmes_md_once():
    first = load_eee_rates()
    second = load_eee_rates()
    assert (first.created, second.created, second.unchanged) == (1, 0, 1)
    rate = EeeRate.objects.get()
    assert (rate.valid_from, rate.valid_to) == (dt.date(2023, 12, 1), None)
    assert (rate.first_adult, rate.additional_adult, rate.minor) == (D("216"), D("108"), D("54"))
    assert rate.deposit_cap is None and not rate.deposit_cap_confirmed


def test_load_reference_data_includes_the_eee_amounts():
    summaries = load_reference_data()
    assert summaries["eee_rates"].created == 1
    assert _screen(adults=2, minors=2).income_ceiling_6m == D("2592.00")


def test_an_administrators_correction_survives_a_second_load():
    load_eee_rates()
    EeeRate.objects.update(deposit_cap=D("7200"))
    load_eee_rates()
    assert EeeRate.objects.get().deposit_cap == D("7200")
