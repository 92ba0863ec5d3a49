"""A social worker, in Chromium, registers a request, records that the person asked how it is
going, prints the status letter and records its delivery; the information request is answered.
Screenshots go to var/screenshots; every screen is checked with axe-core on the way."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from community_centre.models import CentreProfile
from requests.models import AssistanceRequest, InformationRequest, StatusLetter
from tests import pdf
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.helpers import login
from tests.requests.factories import RequestCategoryFactory
from tests.test_accessibility import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def field(name: str) -> re.Pattern:
    """A field's label exactly, with or without the asterisk of a required field."""
    return re.compile(rf"^\s*{re.escape(name)}\s*\*?\s*$")


@pytest.fixture
def setting(social_worker):
    social_worker.first_name, social_worker.last_name = "Μαρία", "Κωνσταντίνου"
    social_worker.save()
    CentreProfile.objects.create(
        name="Κέντρο Κοινότητας Δήμου Καρπενησίου", municipality="Δήμος Καρπενησίου"
    )
    RequestCategoryFactory(code="housing", name="Στέγαση", due_working_days=20)
    return BeneficiaryFactory(
        surname="Παπαδόπουλος",
        given_name="Γιώργος",
        address="Ζηνοπούλου 12",
        postal_code="36100",
        assigned_worker=social_worker,
    )


def pdf_text(content: bytes) -> str:
    return pdf.text(pdf.read(content))


def test_request_information_letter_and_delivery(page, screenshot, social_worker, setting):
    person = setting
    today = f"{timezone.localdate():%d/%m/%Y}"
    login(page, social_worker.username)

    # 1. A new request from the person's file: receipt defaults to now, the worker to theirs.
    page.goto(f"/requests/for/{person.pk}/new/")
    expect(page.get_by_role("heading", name=re.compile("Νέο αίτημα"))).to_be_visible()
    expect(page.get_by_label(field("Ημερομηνία παραλαβής"))).to_have_value(today)
    page.get_by_label(field("Κατηγορία")).select_option(label="Στέγαση")
    page.get_by_label(field("Περιγραφή")).fill("Καθυστερούμενα ενοίκια, κίνδυνος έξωσης.")
    assert serious_violations(page) == []
    screenshot("1-new-request")
    page.get_by_role("button", name="Καταχώριση και αριθμός πρωτοκόλλου").click()

    item = AssistanceRequest.objects.get()
    expect(page.get_by_role("heading", name=f"Αίτημα {item.protocol} Νέο")).to_be_visible()
    expect(page.get_by_text(f"καταχωρίστηκε με αρ. πρωτ. {item.protocol}")).to_be_visible()
    # Only the allowed moves are offered: one button, and withdrawing behind a final closing.
    expect(page.locator("button[name=to_status]")).to_have_count(1)
    expect(page.locator("input[name=to_status][type=radio]")).to_have_count(1)
    page.get_by_label("Σημείωση για το ιστορικό").fill("Επικοινωνία με τον ιδιοκτήτη")
    page.get_by_role("button", name="Σε εξέλιξη").click()
    expect(page.get_by_text("Το αίτημα είναι τώρα «Σε εξέλιξη».")).to_be_visible()
    expect(page.get_by_role("cell", name="Επικοινωνία με τον ιδιοκτήτη")).to_be_visible()
    assert serious_violations(page) == []
    screenshot("2-request-in-progress")

    # 2. The person asks how it is going: an information request about it, due in 10 days.
    page.get_by_role("link", name="Νέο αίτημα ενημέρωσης").click()
    expect(page.get_by_label(field("Για το αίτημα"))).to_have_value(str(item.pk))
    page.get_by_label(field("Τρόπος υποβολής")).select_option(label="Τηλεφωνικά")
    assert serious_violations(page) == []
    screenshot("3-information-request")
    page.get_by_role("button", name="Καταχώριση και αριθμός πρωτοκόλλου").click()
    information = InformationRequest.objects.get()
    expect(page.get_by_role("alert")).to_contain_text(
        f"απάντηση έως {information.due_date:%d/%m/%Y}"
    )
    expect(page.get_by_text("Εκκρεμεί", exact=True)).to_be_visible()

    # 3. Print the letter; the PDF that opens is the kept one.
    page.get_by_role("button", name="Έκδοση επιστολής ενημέρωσης").click()
    letter = StatusLetter.objects.get()
    expect(page.get_by_text(f"Η επιστολή εκδόθηκε με αρ. πρωτ. {letter.protocol}")).to_be_visible()
    assert serious_violations(page) == []
    screenshot("4-letter-issued")
    href = page.get_by_role("link", name=f"Εκτύπωση (PDF) {letter.protocol}").get_attribute("href")
    response = page.request.get(href)
    assert response.headers["content-type"] == "application/pdf"
    with letter.pdf.open("rb") as kept:
        assert response.body() == kept.read()
    text = pdf_text(response.body())
    assert letter.protocol in text and item.protocol in text
    assert "Παπαδόπουλος Γιώργος" in text and "Σε εξέλιξη" in text

    # 4. Record its delivery: the information request is answered on that day.
    page.get_by_role("link", name=f"Καταχώριση επίδοσης {letter.protocol}").click()
    page.get_by_label("Ιδιοχείρως").check()
    expect(page.get_by_label(field("Ημερομηνία επίδοσης"))).to_have_value(today)
    assert serious_violations(page) == []
    screenshot("5-delivery")
    page.get_by_role("button", name="Καταχώριση επίδοσης").click()
    expect(page.get_by_text("Η επίδοση της επιστολής καταχωρίστηκε.")).to_be_visible()
    expect(page.get_by_text(f"Απαντήθηκε στις {today}").first).to_be_visible()
    expect(page.get_by_text("Επιδόθηκε", exact=True)).to_be_visible()
    screenshot("6-answered")
    information.refresh_from_db()
    assert information.answered_on == timezone.localdate()

    # 5. The request's page lists the information request (answered) and the letter.
    page.get_by_role("link", name=f"Αίτημα {item.protocol}").click()
    expect(page.get_by_role("link", name=information.protocol)).to_be_visible()
    expect(page.get_by_role("rowheader", name=letter.protocol)).to_be_visible()
    screenshot("7-request-with-letter")

    # 6. The list of open requests shows it, with its person and due date.
    page.get_by_role("link", name="Αιτήματα", exact=True).first.click()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=item.protocol))
    expect(row).to_contain_text("Παπαδόπουλος Γιώργος")
    expect(row).to_contain_text(f"{item.due_date:%d/%m/%Y}")
    assert serious_violations(page) == []
    screenshot("8-request-list")


def test_bad_input_is_refused_beside_the_field_in_greek(page, screenshot, social_worker, setting):
    login(page, social_worker.username)
    page.goto(f"/requests/for/{setting.pk}/new/")
    page.get_by_label(field("Ημερομηνία παραλαβής")).fill("31/02/2026")
    page.get_by_label(field("Κατηγορία")).select_option(label="Στέγαση")
    page.get_by_label(field("Περιγραφή")).fill("Αίτημα")
    page.get_by_role("button", name="Καταχώριση και αριθμός πρωτοκόλλου").click()
    expect(page.get_by_text("Δεν υπάρχει τέτοια ημερομηνία")).to_be_visible()
    expect(page.get_by_label(field("Ημερομηνία παραλαβής"))).to_have_value("31/02/2026")
    expect(page.get_by_label(field("Ημερομηνία παραλαβής"))).to_be_focused()
    screenshot("bad-date")
    assert not AssistanceRequest.objects.exists()
