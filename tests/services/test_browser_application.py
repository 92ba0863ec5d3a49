"""A social worker, in Chromium, prepares an ΕΕΕ application for a single mother with two
children from her case file, sees the screening, ticks the documents that arrived, asks for the
missing ones and prints the list (checked by its text), records the submission with ΟΠΕΚΑ's
protocol number, moves the renewal date near and finds the reminder on «Η εργασία μου».
Screenshots go to var/screenshots; each screen is checked with axe-core."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from community_centre.calendar import add_working_days
from services.models import BenefitApplication
from tests import pdf
from tests.beneficiaries.factories import BeneficiaryFactory, HouseholdMemberFactory
from tests.helpers import login
from tests.services.factories import EeeRateFactory, eee_programme
from tests.test_accessibility import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def mother(social_worker):
    EeeRateFactory()
    eee_programme()
    person = BeneficiaryFactory(surname="Καραγιάννη", given_name="Δήμητρα", sex="female",
                                assigned_worker=social_worker)  # fmt: skip
    HouseholdMemberFactory(
        beneficiary=person, given_name="Στέλιος", date_of_birth=dt.date(2012, 4, 2)
    )
    HouseholdMemberFactory(
        beneficiary=person, given_name="Φωτεινή", date_of_birth=dt.date(2017, 10, 20)
    )
    return person


def test_an_eee_application_from_preparation_to_the_renewal_reminder(
    page, screenshot, social_worker, mother
):
    login(page, social_worker.username)
    page.goto(f"/beneficiaries/{mother.pk}/")
    page.locator("#applications").get_by_role("link", name="Νέα αίτηση παροχής").click()

    page.get_by_label("Πρόγραμμα").select_option(label="ΕΕΕ (πρώην ΚΕΑ)")
    page.get_by_label("Στέλιος", exact=False).check()
    page.get_by_label("Φωτεινή", exact=False).check()
    page.get_by_label("Μονογονεϊκή οικογένεια").check()
    page.get_by_label("Δηλωμένο εισόδημα", exact=False).fill("1.200,00")
    screenshot("new-application")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Αποθήκευση").click()

    screening = page.get_by_role("region", name="Έλεγχος ΕΕΕ (εκτίμηση)")
    expect(screening).to_contain_text("378,00 €")  # 216 + 108 (the elder child) + 54
    expect(screening).to_contain_text("178,00 €")
    application = BenefitApplication.objects.get()
    identity = application.items.get(document_type__code="identity", member=None)
    iban = application.items.get(document_type__code="iban")
    for line in (identity, iban):  # the documents that arrived
        form = page.locator(f"#line-{line.pk}")
        form.get_by_label("Συγκεντρώθηκε").check()
        form.get_by_role("button", name="Αποθήκευση").click()
        expect(page.locator(f"#line-{line.pk}")).to_contain_text("Συγκεντρώθηκε")
    expect(page.locator("#checklist-tally")).to_contain_text("Συγκεντρώθηκαν 2")
    screenshot("checklist")
    assert serious_violations(page) == []

    page.get_by_role("button", name="Ζήτηση ελλειπόντων", exact=False).click()
    expect(page.get_by_text("Ζητήθηκαν τα δικαιολογητικά που λείπουν")).to_be_visible()
    href = page.get_by_role("link", name="Εκτύπωση λίστας ελλειπόντων").get_attribute("href")
    printed = page.request.get(href)
    assert printed.headers["content-type"] == "application/pdf"
    text = pdf.text(pdf.read(printed.body()))
    assert "Δικαιολογητικά που πρέπει να προσκομίσετε" in text
    assert "Στέλιος" in text and "Φωτεινή" in text and "Καραγιάννη Δήμητρα" in text

    page.get_by_text("Υποβλήθηκε", exact=True).click()  # the move's summary opens its form
    page.get_by_label("Αριθμός πρωτοκόλλου φορέα").fill("ΟΠΕΚΑ 2026/0451287")
    page.get_by_role("button", name="Καταχώριση: Υποβλήθηκε").click()
    expect(page.get_by_text("Η αίτηση είναι τώρα «Υποβλήθηκε».")).to_be_visible()
    expect(page.get_by_role("region", name="Στοιχεία αίτησης")).to_contain_text(
        "ΟΠΕΚΑ 2026/0451287"
    )
    screenshot("submitted")

    # The renewal, six months on, is moved to 5 working days from today: it is due.
    renewal = add_working_days(timezone.localdate(), 5)
    page.get_by_role("link", name="Επεξεργασία", exact=True).click()
    page.get_by_label("Ημερομηνία ανανέωσης").fill(renewal.strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Αποθήκευση").click()
    expect(page.get_by_text("Οι αλλαγές της αίτησης αποθηκεύτηκαν.")).to_be_visible()

    page.goto("/")  # «Η εργασία μου»
    renewals = page.get_by_role("region", name="Ανανεώσεις αιτήσεων παροχών")
    expect(renewals).to_contain_text("ΕΕΕ (πρώην ΚΕΑ)")
    expect(renewals).to_contain_text(renewal.strftime("%d/%m/%Y"))
    renewals.scroll_into_view_if_needed()
    screenshot("my-work")
    assert serious_violations(page) == []
