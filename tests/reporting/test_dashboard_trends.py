"""Requests by category over twelve months: Athens month boundaries, categories shown, the
chart's series and the table's totals."""

from __future__ import annotations

from datetime import date

import pytest

from reporting.dashboard.trends import last_months, requests_by_category, short_label
from tests.reporting.dashboard_data import TODAY, athens
from tests.requests.factories import AssistanceRequestFactory, RequestCategoryFactory

pytestmark = pytest.mark.django_db


def test_the_twelve_months_end_with_this_one():
    months = last_months(TODAY)
    assert len(months) == 12
    assert (months[0].first, months[-1].last) == (date(2025, 4, 1), date(2026, 3, 31))
    assert [short_label(m) for m in (months[0], months[1], months[-1])] == [
        "Απρ 2025", "Μάι 2025", "Μάρ 2026",
    ]  # fmt: skip


def _request(category, *when):
    AssistanceRequestFactory(category=category, received_at=athens(*when))


def test_requests_fall_in_their_athens_month(coordinator):
    housing = RequestCategoryFactory(code="housing", name="Στέγαση", order=10)
    health = RequestCategoryFactory(code="health", name="Υγεία", order=20)
    RequestCategoryFactory(code="unused", name="Παλιά κατηγορία", order=30, is_active=False)
    old = RequestCategoryFactory(code="old", name="Καταργημένη", order=40, is_active=False)
    _request(housing, 2025, 4, 1, 0, 30)  # 31/03 21:30 UTC: April in Athens
    _request(housing, 2025, 3, 31, 23, 30)  # before the twelve months
    _request(housing, 2025, 6, 30, 23, 59)  # June
    _request(health, 2025, 7, 1, 0, 1)  # July (30/06 21:01 UTC)
    _request(health, 2026, 3, 16, 12, 0)
    _request(health, 2026, 3, 31, 23, 59)  # later this month: still this month
    _request(health, 2026, 4, 1, 0, 0)  # next month: out
    _request(old, 2025, 12, 31, 23, 59)
    trend = requests_by_category(user=coordinator, today=TODAY)
    table = {key: (dict(cells), total) for key, _name, cells, total in trend.table()}
    assert set(table) == {"housing", "health", "old", "total"}  # unused and inactive: left out
    assert table["housing"][0]["Απρ 2025"] == 1 and table["housing"][0]["Ιούν 2025"] == 1
    assert table["housing"][1] == 2
    assert table["health"][0]["Ιούλ 2025"] == 1 and table["health"][0]["Μάρ 2026"] == 2
    assert table["health"][1] == 3
    assert table["old"][0]["Δεκ 2025"] == 1
    assert table["total"][1] == 6
    assert table["total"][0]["Μάρ 2026"] == 2 and table["total"][0]["Μάι 2025"] == 0


def test_the_chart_draws_the_busiest_five_and_the_rest_together(coordinator):
    for position in range(7):
        category = RequestCategoryFactory(code=f"c{position}", name=f"Κατηγορία {position}",
                                          order=position)  # fmt: skip
        for _n in range(position + 1):
            _request(category, 2026, 3, 2, 10, 0)
    series = requests_by_category(user=coordinator, today=TODAY).chart_series()
    names = [name for name, _counts in series]
    assert names == ["Κατηγορία 6", "Κατηγορία 5", "Κατηγορία 4", "Κατηγορία 3",
                     "Κατηγορία 2", "Λοιπές κατηγορίες"]  # fmt: skip
    assert series[-1][1][-1] == 1 + 2  # categories 0 and 1, in March
    assert sum(sum(counts) for _name, counts in series) == sum(range(1, 8))
