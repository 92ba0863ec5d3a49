"""Four identical intake forms sent at the same moment: one person is saved and every
submitter lands on that person's file, told that it was saved (no «not saved» for anyone)."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from beneficiaries.models import Beneficiary, Consent
from tests.beneficiaries.test_views import intake_data

pytestmark = pytest.mark.django_db(transaction=True)

RACERS = 4


@pytest.fixture
def later_racers_pause(monkeypatch):
    """Widen the race as a slow network would: every submission but the first pauses between
    checking its form and saving, long enough for the first to commit in between."""
    from beneficiaries.views import intake

    original, calls, guard = intake._possible_duplicates, [], threading.Lock()

    def paused(form):
        with guard:
            calls.append(1)
            first = len(calls) == 1
        if not first:
            time.sleep(0.5)
        return original(form)

    monkeypatch.setattr(intake, "_possible_duplicates", paused)


def test_racing_identical_submissions_all_land_on_the_one_saved_record(
    social_worker, later_racers_pause
):
    data = intake_data(social_worker)
    barrier = threading.Barrier(RACERS)
    answers: list = [None] * RACERS

    def submit(index: int) -> None:
        try:
            client = Client()
            client.force_login(social_worker)
            barrier.wait(timeout=10)
            answers[index] = client.post(reverse("beneficiaries:create"), data, follow=True)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    person = Beneficiary.objects.get()
    assert Consent.objects.filter(beneficiary=person).count() == 1
    for response in answers:
        assert response is not None and response.status_code == 200
        assert response.redirect_chain[-1][0] == person.get_absolute_url()
        html = response.content.decode()
        assert "δεν αποθηκεύτηκε" not in html
        assert "δημιουργήθηκε" in html or "είχε ήδη αποθηκευτεί" in html
