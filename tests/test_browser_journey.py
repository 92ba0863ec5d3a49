"""The desk journey of the issue in a real Chromium: log in, register a person with a household
member, find them again (accentless, Greeklish), upload a document, print the consent form."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect
from weasyprint import HTML

from beneficiaries.models import Beneficiary, Document
from community_centre.reference import load_reference_data
from demo.identifiers import make_amka
from tests.helpers import login
from tests.pdf import read as read_pdf
from tests.pdf import text as pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def label(text: str) -> re.Pattern:
    return re.compile(rf"^\s*{re.escape(text)}\s*\*?\s*$")


@pytest.fixture
def reference_data(roles):
    load_reference_data()


def test_the_desk_journey(page, screenshot, social_worker, reference_data, tmp_path):
    login(page, social_worker.username)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    screenshot("logged-in")

    # Register a person with one household member.
    page.goto("/beneficiaries/new/")
    page.get_by_label(label("Επώνυμο")).first.fill("Ζαχαρίου")
    page.get_by_label(label("Όνομα")).first.fill("Σοφία")
    page.get_by_label(label("Φύλο")).select_option("female")
    page.get_by_label(label("Ημερομηνία γέννησης")).first.fill("12/04/1968")
    page.get_by_label(label("ΑΜΚΑ")).first.fill(make_amka(date(1968, 4, 12), 4321))
    page.get_by_label(label("Κινητό τηλέφωνο")).fill("691 234 5678")
    page.get_by_label("Ενημερώθηκε").check()
    page.get_by_role("button", name="Προσθήκη μέλους").click()
    member = page.locator("#household-forms [data-formset-form]").last
    member.get_by_label(label("Επώνυμο")).fill("Ζαχαρίου")
    member.get_by_label(label("Όνομα")).fill("Ιωάννης")
    member.get_by_label(label("Σχέση")).select_option("spouse")
    page.get_by_role("button", name="Αποθήκευση εγγραφής").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ζαχαρίου Σοφία")
    expect(page.locator("#household")).to_contain_text("Ιωάννης")
    person = Beneficiary.objects.get(surname="Ζαχαρίου")
    assert person.household.count() == 1 and person.phone_mobile == "+306912345678"
    screenshot("registered")

    # Find her again: accentless in the navbar box (results as you type), Greeklish in the list.
    page.locator("#global-search").fill("ζαχαριου σοφια")
    expect(page.locator("#global-search-results")).to_contain_text("Ζαχαρίου Σοφία")
    page.keyboard.press("Escape")
    page.goto("/beneficiaries/")
    page.locator("#q").fill("zaxariou")
    expect(page.locator("#results")).to_contain_text("Ζαχαρίου Σοφία")
    screenshot("found-greeklish")
    page.locator("#results").get_by_role("link", name=re.compile("Ζαχαρίου Σοφία")).click()

    # Upload a real PDF as her identity document.
    pdf = tmp_path / "taftotita.pdf"
    pdf.write_bytes(HTML(string="<p>Αστυνομική ταυτότητα</p>").write_pdf())
    page.get_by_role("link", name=re.compile("Νέο δικαιολογητικό")).click()
    page.get_by_label(label("Είδος")).select_option(label="Αστυνομική ταυτότητα ή διαβατήριο")
    page.locator("input[type=file]").set_input_files(str(pdf))
    page.get_by_role("button", name="Αποθήκευση").click()
    expect(page.locator("#documents")).to_contain_text("taftotita.pdf")
    assert Document.objects.get(beneficiary=person).content_type == "application/pdf"
    screenshot("document-uploaded")

    # Print the consent form: the link serves a real PDF with her name on it.
    link = page.get_by_role("link", name="Εκτύπωση εντύπου συναίνεσης")
    response = page.request.get(link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    text = pdf_text(read_pdf(response.body()))
    assert "Ζαχαρίου Σοφία" in text and person.amka in text


def test_the_interface_switches_to_english_and_back(page, screenshot, social_worker):
    login(page, social_worker.username)
    expect(page.get_by_role("heading", level=1)).to_have_text("Η εργασία μου")
    page.get_by_role("button", name=re.compile(social_worker.get_full_name())).click()
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    screenshot("english")
    page.get_by_role("button", name=re.compile(social_worker.get_full_name())).click()
    page.get_by_role("button", name="Ελληνικά").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Η εργασία μου")
