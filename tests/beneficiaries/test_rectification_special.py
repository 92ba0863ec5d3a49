"""Rectifying a special category (art. 16 with art. 9 GDPR): the rectification form carries the
special categories only after a purpose was stated, as the edit form does; every display is
logged; the changes' values stay hidden in the history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from beneficiaries.models import Rectification
from community_centre.models import AccessLog
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.beneficiaries.test_rectification import REASON, _page_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(social_worker):
    return BeneficiaryFactory(
        surname="Αργυράκης", given_name="Στέλιος", disability="yes", disability_percentage=50,
        assigned_worker=social_worker,
    )  # fmt: skip


def _url(person) -> str:
    return reverse("beneficiaries:rectify", args=[person.pk])


def _show_for_rectify(client, person):
    url = reverse("beneficiaries:special_show", kwargs={"pk": person.pk})
    return client.post(url, {"purpose": "correction", "then": "rectify"})


def test_the_form_hides_them_and_offers_the_show_step_that_comes_back_to_it(worker_client, person):
    html = worker_client.get(_url(person)).content.decode()
    assert 'name="disability_percentage"' not in html
    show_url = reverse("beneficiaries:special_show", kwargs={"pk": person.pk})
    assert f"{show_url}?then=rectify" in html
    response = _show_for_rectify(worker_client, person)
    assert response.status_code == 302 and response["Location"] == _url(person)
    shown = AccessLog.objects.filter(action=AccessLog.Action.SHOW_SPECIAL).get()
    assert shown.purpose == "Ενημέρωση ή διόρθωση των στοιχείων"
    assert "Διόρθωση στοιχείων" in shown.detail


def test_after_the_show_step_a_special_category_is_rectified_and_its_values_stay_hidden(
    worker_client, person
):
    _show_for_rectify(worker_client, person)
    data = _page_data(worker_client, person)
    assert data["disability_percentage"] == "50"
    data["disability_percentage"] = "67"
    response = worker_client.post(_url(person), data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.disability_percentage == 67
    assert Rectification.objects.get().changes == {"disability_percentage": [50, 67]}
    page = worker_client.get(_url(person)).content.decode()
    assert "Προηγούμενες διορθώσεις" in page and "κρυμμένο (ειδική κατηγορία)" in page
    # the two displays of the form (with the values) each logged their own row
    assert AccessLog.objects.filter(action=AccessLog.Action.SHOW_SPECIAL).count() >= 2


def test_without_the_show_step_posted_special_values_are_left_as_they_were(worker_client, person):
    data = _page_data(worker_client, person) | {"surname": "Αργυράκη", "reason": REASON}
    data["disability_percentage"] = "90"
    response = worker_client.post(_url(person), data, follow=True)
    person.refresh_from_db()
    assert person.surname == "Αργυράκη" and person.disability_percentage == 50
    assert Rectification.objects.get().changes == {"surname": ["Αργυράκης", "Αργυράκη"]}
    assert "Οι ειδικές κατηγορίες δεδομένων δεν άλλαξαν" in response.content.decode()


@pytest.mark.parametrize(
    ("then", "back"),
    [("rectify", "beneficiaries:rectify"), ("edit", "beneficiaries:edit"),
     ("file", "beneficiaries:detail"), ("<script>", "beneficiaries:detail")],
)  # fmt: skip
def test_cancelling_the_show_step_goes_back_to_the_page_it_came_from(
    worker_client, person, then, back
):
    url = reverse("beneficiaries:special_show", kwargs={"pk": person.pk})
    html = worker_client.get(f"{url}?then={then}").content.decode()
    assert f'href="{reverse(back, args=[person.pk])}">Ακύρωση</a>' in html
