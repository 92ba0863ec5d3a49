"""Four copies of the same page sent at the same moment, each on its own PostgreSQL connection:
one record is saved and every sender lands on it (the intake has its own race test)."""

from __future__ import annotations

import threading
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from community_centre.models import CentreProfile
from requests.models import Appointment, AssistanceRequest
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.requests.factories import RequestCategoryFactory

pytestmark = pytest.mark.django_db(transaction=True)

RACERS = 4


def race(user, url: str, data: dict) -> list:
    """The answers (followed) to RACERS clients posting `data` to `url` at once."""
    barrier = threading.Barrier(RACERS)
    answers: list = [None] * RACERS

    def submit(index: int) -> None:
        try:
            client = Client()
            client.force_login(user)
            barrier.wait(timeout=10)
            answers[index] = client.post(url, data, follow=True)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


def assert_all_landed_on(answers: list, url: str, done: str) -> None:
    saved = 0
    for response in answers:
        assert response is not None and response.status_code == 200
        assert response.redirect_chain[-1][0] == url
        html = response.content.decode()
        saved += done in html
        assert done in html or "Η καταχώριση είχε ήδη αποθηκευτεί." in html
    assert saved == 1


def test_racing_copies_of_a_new_request_save_one_request_with_one_number(social_worker):
    person = BeneficiaryFactory(assigned_worker=social_worker)
    data = {
        "received_on": "08/04/2026",
        "received_time": "10:15",
        "channel": "in_person",
        "category": RequestCategoryFactory().pk,
        "description": "Καθυστερούμενα ενοίκια.",
        "assigned_worker": social_worker.pk,
        "next_step": "Επικοινωνία με τον ιδιοκτήτη",
        "submission_token": str(uuid.uuid4()),
    }
    answers = race(social_worker, reverse("requests:create", args=[person.pk]), data)
    item = AssistanceRequest.objects.get()
    assert item.protocol_number == 1
    assert_all_landed_on(answers, reverse("requests:detail", args=[item.pk]), "καταχωρίστηκε")


def test_racing_double_clicks_on_an_appointment_book_it_once(social_worker):
    CentreProfile.current()
    person = BeneficiaryFactory(assigned_worker=social_worker)
    data = {
        "worker": social_worker.pk,
        "date": "12/02/2030",  # an ordinary Tuesday, never in the past
        "start_time": "10:00",
        "duration": "30",
        "purpose": "Συμπλήρωση αίτησης ΕΕΕ",
        "submission_token": str(uuid.uuid4()),
    }
    url = reverse("requests:appointment_create", args=[person.pk])
    answers = race(social_worker, url, data)
    Appointment.objects.get()
    agenda = f"{reverse('requests:agenda')}?worker={social_worker.pk}&date=12%2F02%2F2030"
    assert_all_landed_on(answers, agenda, "Το ραντεβού κλείστηκε")
