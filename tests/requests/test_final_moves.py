"""A request is closed for good only with a confirmation and its reason (or outcome); a move
updates or clears the next step, so a letter never prints a stale one; a referral says to whom."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from requests.models import AssistanceRequest
from tests.helpers import login
from tests.requests.factories import AssistanceRequestFactory

pytestmark = pytest.mark.django_db
Status = AssistanceRequest.Status


def move(client, item, to_status: str, **data):
    payload = {"to_status": to_status, "version": item.updated_at.isoformat(), **data}
    return client.post(reverse("requests:move", args=[item.pk]), payload)


@pytest.fixture
def item(social_worker):
    return AssistanceRequestFactory(
        status=Status.IN_PROGRESS, assigned_worker=social_worker, next_step="Κλήση στη ΔΥΠΑ"
    )


@pytest.mark.parametrize("final", [Status.COMPLETED, Status.REJECTED, Status.WITHDRAWN])
def test_a_final_move_without_a_reason_is_refused_beside_the_field(worker_client, item, final):
    response = move(worker_client, item, final, note="", confirm="on")
    assert response.status_code == 200
    html = response.content.decode()
    expected = "Γράψτε την έκβαση" if final == Status.COMPLETED else "Γράψτε την αιτιολογία"
    assert expected in html and "is-invalid" in html
    item.refresh_from_db()
    assert item.status == Status.IN_PROGRESS and not item.history.exists()


def test_a_final_move_without_confirmation_is_refused_and_keeps_the_reason(worker_client, item):
    response = move(worker_client, item, Status.REJECTED, note="Εκτός κριτηρίων εισοδήματος")
    html = response.content.decode()
    assert "Επιβεβαιώστε ότι το αίτημα κλείνει οριστικά" in html
    assert "Εκτός κριτηρίων εισοδήματος" in html  # what was typed is still there
    item.refresh_from_db()
    assert item.status == Status.IN_PROGRESS


def test_a_confirmed_final_move_keeps_its_reason_and_clears_the_next_step(worker_client, item):
    response = move(
        worker_client, item, Status.COMPLETED, note="Εγκρίθηκε το επίδομα στέγασης", confirm="on"
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.COMPLETED
    assert item.outcome == "Εγκρίθηκε το επίδομα στέγασης" and item.next_step == ""
    assert item.history.get().note == "Εγκρίθηκε το επίδομα στέγασης"
    page = worker_client.get(reverse("requests:detail", args=[item.pk])).content.decode()
    assert "Έκβαση ή αιτιολογία" in page and "Εγκρίθηκε το επίδομα στέγασης" in page


def test_a_referral_asks_to_whom_and_sets_the_next_step(worker_client, item):
    refused = move(worker_client, item, Status.REFERRED)
    assert "Γράψτε σε ποιον φορέα παραπέμφθηκε" in refused.content.decode()
    move(worker_client, item, Status.REFERRED, referred_to="Κοινωνικό Παντοπωλείο")
    item.refresh_from_db()
    assert item.status == Status.REFERRED and item.referred_to == "Κοινωνικό Παντοπωλείο"
    assert item.next_step == "Αναμονή απάντησης από: Κοινωνικό Παντοπωλείο"
    assert item.history.get().note == "Προς: Κοινωνικό Παντοπωλείο"


def test_the_next_step_comes_filled_in_and_a_move_replaces_or_clears_it(worker_client, item):
    page = worker_client.get(reverse("requests:detail", args=[item.pk])).content.decode()
    assert 'value="Κλήση στη ΔΥΠΑ"' in page
    move(worker_client, item, Status.WAITING_DOCUMENTS, next_step="Προσκόμιση εκκαθαριστικού")
    item.refresh_from_db()
    assert item.next_step == "Προσκόμιση εκκαθαριστικού"
    move(worker_client, item, Status.IN_PROGRESS, next_step="")
    item.refresh_from_db()
    assert item.next_step == ""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_closing_a_request_in_the_browser_takes_a_reason_and_a_tick(
    page, screenshot, social_worker, item
):
    login(page, social_worker.username)
    page.goto(reverse("requests:detail", args=[item.pk]))
    expect(page.get_by_role("button", name="Απορρίφθηκε")).to_have_count(0)  # no one-click close
    page.get_by_text("Οριστικό κλείσιμο του αιτήματος").click()
    page.get_by_label("Απορρίφθηκε").check()
    page.get_by_label("Έκβαση ή αιτιολογία").fill("Δεν πληροί τα εισοδηματικά κριτήρια.")
    screenshot("closing")
    page.get_by_role("button", name="Οριστικό κλείσιμο").click()
    item.refresh_from_db()
    assert item.status == Status.IN_PROGRESS  # the browser asks for the tick first
    page.get_by_label("Το αίτημα κλείνει οριστικά").check()
    page.get_by_role("button", name="Οριστικό κλείσιμο").click()
    expect(page.get_by_text("Το αίτημα είναι τώρα «Απορρίφθηκε».")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Δεν πληροί τα εισοδηματικά κριτήρια.")
    screenshot("closed")
    item.refresh_from_db()
    assert item.status == Status.REJECTED and item.next_step == ""
