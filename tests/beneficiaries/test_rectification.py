"""Rectification at the person's request (art. 16 GDPR): only what changed is saved and recorded
with its old value and reason, in one transaction; a stale page, a second submission and a
form with nothing changed record nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from beneficiaries.models import Beneficiary, Rectification
from beneficiaries.rectification import RectificationError, beneficiary_rectify
from community_centre.models import AccessLog
from community_centre.versions import StaleVersion, format_version
from tests.beneficiaries.factories import BeneficiaryFactory

pytestmark = pytest.mark.django_db

REASON = "Λάθος στο επώνυμο· προσκόμισε αστυνομική ταυτότητα."


@pytest.fixture
def person(social_worker):
    return BeneficiaryFactory(
        surname="Παπαδόπουλος", given_name="Γιώργος", phone_mobile="+306912345678",
        assigned_worker=social_worker,
    )  # fmt: skip


def _rectify(person, actor, **changes):
    return beneficiary_rectify(
        beneficiary=person, changes=changes, reason=REASON, requested_on=dt.date(2026, 11, 30),
        requested_how="in_person", expected_version=person.updated_at, actor=actor,
    )  # fmt: skip


def _page_data(client, person) -> dict:
    """What the browser sends back for the page as drawn (every field as it is)."""
    form = client.get(reverse("beneficiaries:rectify", args=[person.pk])).context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = "on" if value is True else (field.widget.format_value(value) or "")
    data["reason"] = REASON
    return data


def test_the_action_saves_only_what_changed_and_records_the_old_values(person, social_worker):
    rectification = _rectify(person, social_worker, surname="Παπαδόπουλου", given_name="Γιώργος")
    person.refresh_from_db()
    assert person.surname == "Παπαδόπουλου"
    assert rectification.changes == {"surname": ["Παπαδόπουλος", "Παπαδόπουλου"]}
    assert rectification.reason == REASON and rectification.actor == social_worker
    assert rectification.requested_on == dt.date(2026, 11, 30)


def test_it_records_a_place_and_a_date_as_stored(person, social_worker):
    rectification = _rectify(person, social_worker, date_of_birth=dt.date(1970, 1, 2))
    old = person.date_of_birth.isoformat()
    assert rectification.changes == {"date_of_birth": [old, "1970-01-02"]}


def test_nothing_changed_records_nothing(person, social_worker):
    with pytest.raises(RectificationError) as refused:
        _rectify(person, social_worker, surname=person.surname)
    assert refused.value.code == "nothing_changed"
    assert not Rectification.objects.exists()


def test_a_stale_version_saves_nothing(person, social_worker):
    Beneficiary.objects.get(pk=person.pk).save()  # someone saved meanwhile
    with pytest.raises(StaleVersion):
        _rectify(person, social_worker, surname="Άλλος")
    assert Beneficiary.objects.get(pk=person.pk).surname == "Παπαδόπουλος"
    assert not Rectification.objects.exists()


def test_the_page_saves_the_correction_with_its_reason(worker_client, person):
    data = _page_data(worker_client, person) | {"surname": "Παπαδοπούλου", "sex": "female"}
    response = worker_client.post(reverse("beneficiaries:rectify", args=[person.pk]), data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.surname, person.sex) == ("Παπαδοπούλου", "female")
    rectification = Rectification.objects.get()
    assert set(rectification.changes) == {"surname", "sex"}
    assert rectification.changes["sex"] == ["male", "female"]
    page = worker_client.get(response["Location"]).content.decode()
    assert "Η διόρθωση καταχωρίστηκε" in page


def test_the_page_with_nothing_changed_says_so(worker_client, person):
    response = worker_client.post(
        reverse("beneficiaries:rectify", args=[person.pk]), _page_data(worker_client, person)
    )
    assert response.status_code == 200
    assert "Δεν άλλαξε κανένα στοιχείο" in response.content.decode()
    assert not Rectification.objects.exists()


def test_the_reason_is_required(worker_client, person):
    data = _page_data(worker_client, person) | {"surname": "Νέο", "reason": "   "}
    response = worker_client.post(reverse("beneficiaries:rectify", args=[person.pk]), data)
    assert "Γράψτε την αιτιολογία της διόρθωσης." in response.content.decode()
    assert Beneficiary.objects.get(pk=person.pk).surname == "Παπαδόπουλος"


def test_the_same_validation_as_the_edit_form(worker_client, person):
    data = _page_data(worker_client, person) | {"amka": "12345678901"}
    response = worker_client.post(reverse("beneficiaries:rectify", args=[person.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].errors["amka"]
    assert not Rectification.objects.exists()


def test_a_stale_page_is_refused_and_says_who_changed_what(
    worker_client, person, other_social_worker
):
    data = _page_data(worker_client, person) | {"surname": "Νέο"}
    other = Beneficiary.objects.get(pk=person.pk)
    other.father_name = "Κώστας"
    other.save()
    response = worker_client.post(reverse("beneficiaries:rectify", args=[person.pk]), data)
    assert response.status_code == 200
    assert 'id="version-conflict"' in response.content.decode()
    assert not Rectification.objects.exists()
    assert Beneficiary.objects.get(pk=person.pk).surname == "Παπαδόπουλος"


def test_a_second_submission_of_the_same_page_records_nothing_twice(worker_client, person):
    data = _page_data(worker_client, person) | {"surname": "Νέο"}
    url = reverse("beneficiaries:rectify", args=[person.pk])
    first = worker_client.post(url, data)
    second = worker_client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert Rectification.objects.count() == 1
    assert "είχε ήδη αποθηκευτεί" in worker_client.get(second["Location"]).content.decode()


def test_opening_the_page_is_logged(worker_client, person):
    worker_client.get(reverse("beneficiaries:rectify", args=[person.pk]))
    assert AccessLog.objects.filter(beneficiary_id=person.pk).exists()


def test_the_history_shows_the_rectification_with_its_reason(
    client, coordinator, person, social_worker
):
    _rectify(person, social_worker, surname="Παπαδόπουλου")
    assert LogEntry.objects.filter(content_type__model="rectification").exists()
    client.force_login(coordinator)
    html = client.get(reverse("beneficiaries:history", args=[person.pk])).content.decode()
    assert "Διόρθωση στοιχείων (άρθρο 16 ΓΚΠΔ)" in html
    assert REASON in html
    assert "Παπαδόπουλος" in html and "Παπαδόπουλου" in html


def test_the_page_lists_earlier_rectifications(worker_client, person, social_worker):
    _rectify(person, social_worker, phone_mobile="+306987654321")
    html = worker_client.get(reverse("beneficiaries:rectify", args=[person.pk])).content.decode()
    assert "Προηγούμενες διορθώσεις" in html and REASON in html


def test_the_version_the_page_carries_is_the_files(worker_client, person):
    form = worker_client.get(reverse("beneficiaries:rectify", args=[person.pk])).context["form"]
    assert (
        form["version"].value() == format_version(person.updated_at)
        or form["version"].value() == person.updated_at
    )
