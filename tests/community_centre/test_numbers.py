"""Amounts typed the Greek way (community_centre.numbers): the comma before the cents, the dot or
a space between thousands, nothing guessed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from community_centre.numbers import (
    NegativeAmount,
    TooManyDecimals,
    UnreadableAmount,
    parse_typed_amount,
)


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1.234,56", "1234.56"), ("1234,56", "1234.56"), ("1 234,56", "1234.56"),
        ("1.234.567,8", "1234567.80"), ("850", "850"), ("0", "0"), ("0,5", "0.5"),
        ("1.296", "1296"), ("  12,00 € ", "12.00"), ("12\u00a0345,00", "12345.00"), ("-0", "0"),
    ],
)  # fmt: skip
def test_it_reads_greek_amounts(typed, amount):
    assert parse_typed_amount(typed) == Decimal(amount)


@pytest.mark.parametrize(
    "typed", ["", "πολλά", "12.50", "1.23,4", "1,2,3", "1..234", "12,", ",50", "1e3", "NaN", "+5"]
)
def test_it_refuses_what_is_not_an_amount(typed):
    with pytest.raises(UnreadableAmount):
        parse_typed_amount(typed)


@pytest.mark.parametrize("typed", ["-1", "-1.234,56", "−5"])
def test_it_refuses_negative_amounts(typed):
    with pytest.raises(NegativeAmount):
        parse_typed_amount(typed)


def test_there_is_nothing_below_the_cent():
    with pytest.raises(TooManyDecimals):
        parse_typed_amount("10,555")
