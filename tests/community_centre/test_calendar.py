"""Working days and deadlines over several years (domain/calendar.md)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from community_centre.calendar import add_working_days, holidays_in, is_working_day
from community_centre.models import HolidayAdjustment, LocalHoliday

pytestmark = pytest.mark.django_db

ORTHODOX_EASTER = {
    2024: date(2024, 5, 5),
    2025: date(2025, 4, 20),
    2026: date(2026, 4, 12),
    2027: date(2027, 5, 2),
    2028: date(2028, 4, 16),
    2029: date(2029, 4, 8),
    2030: date(2030, 4, 28),
}


# Years in which 1 May fell in Easter week and the holiday was moved (ministerial decision).
MAY_DAY_MOVED = {2024: date(2024, 5, 7), 2027: date(2027, 5, 4)}


@pytest.fixture
def patron_saint():
    return LocalHoliday.objects.create(month=9, day=23, name="Άγιος Νικόλαος ο Καρπενησιώτης")


@pytest.mark.parametrize(("received", "deadline"), [
    (date(2026, 4, 8), date(2026, 4, 24)),   # skips Good Friday 10/04 and Easter Monday 13/04
    (date(2027, 10, 21), date(2027, 11, 5)),  # skips 28/10
])  # fmt: skip
def test_the_examples_of_the_calendar_notes(received, deadline):
    assert add_working_days(received, 10) == deadline


@pytest.mark.parametrize("year", sorted(ORTHODOX_EASTER))
def test_every_movable_holiday_follows_orthodox_easter(year):
    easter = ORTHODOX_EASTER[year]
    for offset in (-48, -2, 1, 50):  # Clean Monday, Good Friday, Easter Monday, Whit Monday
        day = easter + timedelta(days=offset)
        assert not is_working_day(day), (year, offset, day)
    assert is_working_day(easter - timedelta(days=3))  # Holy Thursday is a working day
    tuesday = easter + timedelta(days=2)
    # Easter Tuesday works, unless May Day was moved onto it (2027).
    assert is_working_day(tuesday) == (tuesday != MAY_DAY_MOVED.get(year))


@pytest.mark.parametrize("year", range(2024, 2031))
def test_fixed_national_holidays_on_weekdays_are_closed(year):
    for month, day in [(1, 1), (1, 6), (3, 25), (5, 1), (8, 15), (10, 28), (12, 25), (12, 26)]:
        holiday = date(year, month, day)
        if holiday.weekday() < 5 and not ((month, day) == (5, 1) and year in MAY_DAY_MOVED):
            assert not is_working_day(holiday), holiday


def test_holidays_have_greek_names():
    names = holidays_in(2026)
    assert names[date(2026, 4, 10)] == "Μεγάλη Παρασκευή"
    assert names[date(2026, 10, 28)] == "Ημέρα του Όχι"


@pytest.mark.parametrize(("year", "moved_to"), sorted(MAY_DAY_MOVED.items()))
def test_may_day_in_easter_week_moves_after_easter(year, moved_to):
    assert not is_working_day(moved_to)
    assert moved_to in holidays_in(year)
    if date(year, 5, 1).weekday() < 5:
        assert is_working_day(date(year, 5, 1))  # Holy Wednesday 2024: open


def test_weekends_are_never_working_days():
    assert not is_working_day(date(2026, 11, 28))  # Saturday
    assert not is_working_day(date(2026, 11, 29))  # Sunday
    assert is_working_day(date(2026, 11, 27))  # Friday


def test_24_and_31_december_are_half_days_that_count_as_working_days():
    assert is_working_day(date(2026, 12, 24))
    assert is_working_day(date(2026, 12, 31))


def test_sector_only_days_are_not_holidays_of_the_centre():
    assert is_working_day(date(2026, 1, 30))  # Three Hierarchs: schools only
    assert is_working_day(date(2026, 11, 17))  # Polytechnic: universities only


def test_the_local_patron_saint_day_is_a_holiday_when_active(patron_saint):
    assert not is_working_day(date(2026, 9, 23))
    patron_saint.is_active = False
    patron_saint.save()
    assert is_working_day(date(2026, 9, 23))


def test_a_deadline_crosses_the_local_holiday(patron_saint):
    # Received Monday 21/09/2026: 22, 24, 25, 28, 29, 30/09, 1, 2, 5, 6/10 (23/09 skipped).
    assert add_working_days(date(2026, 9, 21), 10) == date(2026, 10, 6)


def test_a_deadline_crosses_the_year_end():
    # Received Monday 21/12/2026: 22, 23, 24, 28, 29, 30, 31/12, 4, 5, 7/01 (25, 26/12, 1, 6/01).
    assert add_working_days(date(2026, 12, 21), 10) == date(2027, 1, 7)


def test_the_day_of_receipt_is_not_counted_even_on_a_holiday():
    assert add_working_days(date(2026, 12, 25), 1) == date(2026, 12, 28)
    assert add_working_days(date(2026, 11, 27), 1) == date(2026, 11, 30)  # Friday → Monday
    assert add_working_days(date(2026, 11, 27), 0) == date(2026, 11, 27)


def test_counting_back_mirrors_counting_forward():
    assert add_working_days(date(2026, 4, 24), -10) == date(2026, 4, 8)


def test_an_administrator_can_add_a_holiday_for_one_year():
    HolidayAdjustment.objects.create(date=date(2026, 11, 30), kind="add", name="Έκτακτη αργία")
    assert not is_working_day(date(2026, 11, 30))
    assert is_working_day(date(2027, 11, 30))


def test_an_administrator_can_move_a_holiday_by_cancelling_and_adding():
    HolidayAdjustment.objects.create(date=date(2027, 5, 4), kind="cancel", name="Πρωτομαγιά")
    HolidayAdjustment.objects.create(date=date(2027, 5, 6), kind="add", name="Πρωτομαγιά")
    assert is_working_day(date(2027, 5, 4))
    assert not is_working_day(date(2027, 5, 6))


def test_cancelling_a_national_holiday_makes_it_a_working_day():
    HolidayAdjustment.objects.create(date=date(2026, 6, 1), kind="cancel", name="Αγίου Πνεύματος")
    assert is_working_day(date(2026, 6, 1))
    assert add_working_days(date(2026, 5, 29), 1) == date(2026, 6, 1)


def test_staff_can_read_a_year_s_holidays_with_greek_names(worker_client, patron_saint):
    response = worker_client.get("/calendar/2026/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "10/04/2026" in content and "Μεγάλη Παρασκευή" in content
    assert "23/09/2026" in content and "Καρπενησιώτης" in content
    assert worker_client.get("/calendar/99999/").status_code == 404
