"""Dates as people type them, and a clear word when no such day exists."""

from __future__ import annotations

from datetime import date

import pytest

from community_centre.dates import ImpossibleDate, UnreadableDate, parse_typed_date

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    "typed",
    [
        "15/3/1980",
        "15/03/1980",
        "15.3.1980",
        "15-3-1980",
        "15 3 1980",
        " 15 / 3 / 1980 ",
        "1980-03-15",
    ],  # fmt: skip
)
def test_the_usual_ways_of_writing_a_date_are_read(typed):
    assert parse_typed_date(typed, today=TODAY) == date(1980, 3, 15)


@pytest.mark.parametrize(
    ("typed", "past", "expected"),
    [
        ("5/3/35", True, date(1935, 3, 5)),  # a date of birth is never in the future
        ("15/03/80", True, date(1980, 3, 15)),
        ("1/1/26", True, date(2026, 1, 1)),
        ("1/12/26", True, date(2026, 12, 1)),
        ("1/1/27", True, date(1927, 1, 1)),
        ("1/12/26", False, date(2026, 12, 1)),  # other dates: the century nearest today
        ("3/2/30", False, date(2030, 2, 3)),
        ("3/2/99", False, date(1999, 2, 3)),
    ],
)
def test_a_two_digit_year_goes_to_the_century_that_makes_sense(typed, past, expected):
    assert parse_typed_date(typed, past=past, today=TODAY) == expected


@pytest.mark.parametrize("typed", ["31/02/1980", "29/2/2025", "0/1/2020", "12/13/2020"])
def test_an_impossible_day_is_told_apart_from_a_mistyped_one(typed):
    with pytest.raises(ImpossibleDate):
        parse_typed_date(typed, today=TODAY)


@pytest.mark.parametrize("typed", ["", "αύριο", "15/3", "15/3/1", "1980/3/15/1", "15//3/1980"])
def test_what_is_not_a_date_is_unreadable(typed):
    with pytest.raises(UnreadableDate):
        parse_typed_date(typed, today=TODAY)
