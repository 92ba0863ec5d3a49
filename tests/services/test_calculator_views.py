"""The ΕΕΕ screening page: who may open it (the exact answers are in tests.test_access_matrix),
the answer it gives, Greek amounts with a decimal comma, and bad input refused beside the field
with what was typed kept."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from community_centre.models import AccessLog
from tests.helpers import query_count
from tests.services.factories import EeeRateFactory

pytestmark = pytest.mark.django_db

URL = reverse("services:eee_calculator")


@pytest.fixture(autouse=True)
def rate(db):
    return EeeRateFactory()


def _ask(client, **data):
    params = {"adults": "1", "minors": "0", "unprotected_children": "0", "on": "01/12/2026"}
    params.update(data)
    return client.get(URL, params)


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _errors_of(response, field: str) -> list[str]:
    return response.context["form"].errors.get(field, [])


# --- the empty form ------------------------------------------------------------------------


def test_the_empty_form_shows_today_and_no_result(worker_client):
    response = worker_client.get(URL)
    assert response.status_code == 200
    assert response.context["screening"] is None
    html = _text(response)
    assert f'value="{timezone.localdate():%d/%m/%Y}"' in html
    assert "Έλεγχος ΕΕΕ (πρώην ΚΕΑ)" in html
    assert not response.context["form"].errors


def test_the_coordinator_uses_it_too(coordinator_client):
    assert _ask(coordinator_client, income_6m="0").status_code == 200


# --- the answer ---------------------------------------------------------------------------


def test_it_shows_the_amounts_with_a_greek_decimal_comma(worker_client):
    response = _ask(worker_client, adults="2", minors="2", income_6m="1.234,56")
    screening = response.context["screening"]
    assert screening.income_6m == Decimal("1234.56")
    html = _text(response)
    assert "432,00 €" in html  # guaranteed monthly amount
    assert "2.592,00 €" in html  # six-month ceiling
    assert "1.234,56 €" in html  # the declared income
    assert "226,24 €" in html  # (2592 − 1234.56) / 6
    assert "Περνά το εισοδηματικό κριτήριο" in html


def test_it_shows_a_failed_income_test_with_no_benefit(worker_client):
    html = _text(_ask(worker_client, income_6m="1.296,01"))
    assert "Δεν περνά το εισοδηματικό κριτήριο" in html
    assert "0,00 €" in html


def test_it_shows_the_asset_limits_and_an_unconfirmed_deposit_cap(worker_client):
    html = _text(_ask(worker_client, adults="2", minors="2", income_6m="0"))
    assert "135.000,00 €" in html  # 90,000 + 3 × 15,000
    assert "6.000,00 €" in html
    assert "μη επιβεβαιωμένο" in html


def test_a_confirmed_deposit_cap_is_shown_without_the_warning(worker_client, rate):
    rate.deposit_cap, rate.deposit_cap_confirmed = 7200, True
    rate.save()
    html = _text(_ask(worker_client, income_6m="0"))
    assert "7.200,00 €" in html and "μη επιβεβαιωμένο" not in html


def test_a_single_parent_with_an_unprotected_child_is_counted_as_the_rules_say(worker_client):
    response = _ask(
        worker_client, adults="1", minors="3", single_parent="on", unprotected_children="1",
        income_6m="0",
    )  # fmt: skip
    screening = response.context["screening"]
    assert (screening.counted_adults, screening.counted_minors) == (3, 1)
    assert "Κλίμακα: 3 ενήλικες και 1 ανήλικος." in _text(response)


def test_unprotected_children_may_be_left_blank(worker_client):
    response = _ask(worker_client, unprotected_children="", income_6m="0")
    assert response.context["screening"].guaranteed_monthly == 216


def test_the_day_chooses_the_amounts(worker_client, rate):
    rate.valid_to = dt.date(2026, 12, 31)
    rate.save()
    EeeRateFactory(valid_from=dt.date(2027, 1, 1), first_adult=250)
    assert (
        _ask(worker_client, on="31/12/2026", income_6m="0").context["screening"].guaranteed_monthly
        == 216
    )
    assert (
        _ask(worker_client, on="1/1/2027", income_6m="0").context["screening"].guaranteed_monthly
        == 250
    )


def test_nothing_is_written(worker_client):
    before = AccessLog.objects.count()
    _ask(worker_client, income_6m="100")
    assert AccessLog.objects.count() == before


def test_the_answer_costs_one_query_more_than_the_empty_form(worker_client):
    params = {"adults": 1, "minors": 0, "income_6m": "0", "on": "01/12/2026"}
    empty = query_count(worker_client, URL)
    assert query_count(worker_client, URL, params) == empty + 1  # the amounts in force


# --- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-100", "Το ποσό δεν μπορεί να είναι αρνητικό."),
        ("-1.234,56", "Το ποσό δεν μπορεί να είναι αρνητικό."),
        ("πολλά", "Γράψτε ποσό σε ευρώ, με κόμμα για τα λεπτά (π.χ. 1.234,56)."),
        ("12.50", "Γράψτε ποσό σε ευρώ, με κόμμα για τα λεπτά (π.χ. 1.234,56)."),
        ("1,2,3", "Γράψτε ποσό σε ευρώ, με κόμμα για τα λεπτά (π.χ. 1.234,56)."),
        ("10,555", "Γράψτε το πολύ δύο δεκαδικά ψηφία (λεπτά)."),
        ("", "Συμπληρώστε το εισόδημα· γράψτε 0 αν δεν υπάρχει."),
        ("99999999999", "Το ποσό δεν μπορεί να ξεπερνά τα 10.000.000 €."),
    ],
)
def test_a_bad_income_is_refused_beside_the_field_keeping_what_was_typed(
    worker_client, typed, message
):
    response = _ask(worker_client, income_6m=typed)
    assert response.status_code == 200
    assert response.context["screening"] is None
    assert _errors_of(response, "income_6m") == [message]
    html = _text(response)
    assert message in html
    if typed:
        assert f'value="{typed}"' in html


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("1234,56", "1234.56"), ("1 234,5", "1234.50"), ("850", "850"), ("1.000.000", "1000000"),
     ("0,99 €", "0.99"), ("1.296", "1296")],
)  # fmt: skip
def test_greek_amounts_are_read(worker_client, typed, expected):
    response = _ask(worker_client, income_6m=typed)
    assert response.context["screening"].income_6m == Decimal(expected)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"adults": "0"}, "adults", "Ο αριθμός δεν μπορεί να είναι μικρότερος από 1."),
        ({"adults": "δύο"}, "adults", "Γράψτε έναν ακέραιο αριθμό."),
        ({"adults": ""}, "adults", "Συμπληρώστε τον αριθμό."),
        ({"minors": "-1"}, "minors", "Ο αριθμός δεν μπορεί να είναι μικρότερος από 0."),
        ({"minors": "31"}, "minors", "Ο αριθμός δεν μπορεί να είναι μεγαλύτερος από 30."),
        (
            {"minors": "1", "unprotected_children": "2"},
            "unprotected_children",
            "Τα απροστάτευτα τέκνα μετρώνται και στους ανήλικους· γράψτε έως 1.",
        ),
        ({"on": "31/02/2026"}, "on", "Δεν υπάρχει τέτοια ημερομηνία."),
        ({"on": "χθες"}, "on", "Γράψτε την ημερομηνία ως ηη/μμ/εεεε (π.χ. 05/03/1980)."),
        ({"on": "30/11/2023"}, "on", "Δεν έχουν καταχωριστεί ποσά ΕΕΕ σε ισχύ στις 30/11/2023."),
    ],
)
def test_bad_counts_and_dates_are_refused_beside_their_field(worker_client, data, field, message):
    response = _ask(worker_client, **{"income_6m": "100", **data})
    assert response.status_code == 200
    assert response.context["screening"] is None
    assert _errors_of(response, field) == [message]
    assert message in _text(response)


# --- reaching it ----------------------------------------------------------------------------


def test_my_work_links_to_the_calculator(worker_client):
    html = worker_client.get(reverse("requests:my_work")).content.decode()
    assert URL in html


def test_my_work_of_the_coordinator_links_to_it_too(coordinator_client):
    assert URL in coordinator_client.get(reverse("requests:my_work")).content.decode()
