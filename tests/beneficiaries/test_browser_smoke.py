"""A social worker walks the case-file screens in Chromium; screenshots go to var/screenshots."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from beneficiaries.choices import NeedStatus
from beneficiaries.models import Beneficiary, HouseholdMember, Need
from community_centre.models import Settlement
from demo.identifiers import make_amka
from tests.beneficiaries.factories import (
    BeneficiaryFactory,
    CaseNoteFactory,
    DocumentFactory,
    HouseholdMemberFactory,
    NeedCategoryFactory,
)
from tests.helpers import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BORN = dt.date(1975, 6, 14)


def field(name: str) -> re.Pattern:
    """A field's label exactly, with or without the asterisk of a required field."""
    return re.compile(rf"^\s*{re.escape(name)}\s*\*?\s*$")


@pytest.fixture
def settlement():
    return Settlement.objects.create(
        code="1401010101", name="Καρπενήσι", community="Καρπενησίου", municipal_unit="Καρπενησίου"
    )


@pytest.fixture
def full_file(social_worker, settlement):
    """A case file with something in every section."""
    person = BeneficiaryFactory(
        surname="Παπαδόπουλος",
        given_name="Γιώργος",
        father_name="Δημήτριος",
        date_of_birth=BORN,
        amka=make_amka(BORN, 12),
        phone_mobile="+306912345678",
        address="Ζηνοπούλου 12",
        postal_code="36100",
        settlement=settlement,
        assigned_worker=social_worker,
        eee_beneficiary=True,
    )
    HouseholdMemberFactory(beneficiary=person, given_name="Αικατερίνη", relationship="spouse")
    HouseholdMemberFactory(beneficiary=person, given_name="Νικόλαος")
    DocumentFactory(
        beneficiary=person,
        uploaded_by=social_worker,
        description="Αστυνομική ταυτότητα",
        issued_on=dt.date(2015, 1, 10),
        expires_on=dt.date(2025, 1, 10),
    )
    for text in ["Προσήλθε για αίτηση ΕΕΕ.", "Τηλεφώνησε για τα δικαιολογητικά."]:
        CaseNoteFactory(beneficiary=person, author=social_worker, text=text)
    Need.objects.create(
        beneficiary=person,
        category=NeedCategoryFactory(),
        identified_on=dt.date(2026, 1, 15),
        status=NeedStatus.OPEN,
        description="Καθυστερούμενα ενοίκια",
        recorded_by=social_worker,
    )
    return person


def test_search_then_register_a_person_with_a_household_member(
    page, screenshot, social_worker, full_file
):
    login(page, social_worker.username)
    page.goto("/beneficiaries/")
    page.get_by_label("Αναζήτηση στους φακέλους ωφελούμενων").fill("papadopoulos")
    expect(page.locator("#results")).to_contain_text("Παπαδόπουλος Γιώργος")
    # The address names the search by a key of the session, never by what was typed.
    expect(page).to_have_url(re.compile(r"/beneficiaries/\?s=[\w-]+$"))
    first = page.url
    screenshot("list")
    page.locator("#q").fill("Παπαδόπουλος Γιώργος")
    expect(page).not_to_have_url(first)
    assert "papadopoulos" not in page.url.lower() and "%CE" not in page.url
    page.go_back()  # htmx keeps no copy of the page: it asks the server for the whole page
    expect(page.locator("#q")).to_have_value("papadopoulos")
    expect(page.locator("#results")).to_contain_text("Παπαδόπουλος Γιώργος")
    assert page.evaluate("Object.keys(localStorage)") == []

    page.locator("#global-search").fill("Παπαδοπουλ")
    expect(page.locator("#global-search-results")).to_contain_text("Παπαδόπουλος Γιώργος")
    screenshot("quick-search")
    page.keyboard.press("Escape")

    page.locator("#q").fill("Ζαχαρίου")
    expect(page.locator("#results")).to_contain_text("Δεν βρέθηκε κανείς")
    page.locator("#results").get_by_role("link", name="Νέα εγγραφή", exact=True).click()
    expect(page.get_by_label(field("Επώνυμο"))).to_have_value("Ζαχαρίου")

    page.get_by_label(field("Όνομα")).fill("Ελένη")
    page.get_by_label(field("Φύλο")).select_option("female")
    page.get_by_label(field("Ημερομηνία γέννησης")).fill("31/02/1990")
    page.get_by_label("Ενημερώθηκε").check()
    page.get_by_role("button", name="Αποθήκευση εγγραφής").click()
    expect(page.locator("#div_id_date_of_birth")).to_contain_text("Δεν υπάρχει τέτοια ημερομηνία")
    expect(page.get_by_label(field("Ημερομηνία γέννησης"))).to_be_focused()
    screenshot("intake-error")

    page.get_by_label(field("Ημερομηνία γέννησης")).fill("14/06/1975")
    page.get_by_label(field("ΑΜΚΑ")).fill(make_amka(BORN, 77))
    page.get_by_role("button", name="Προσθήκη μέλους").click()
    member = page.locator("#household-forms [data-formset-form]").last
    expect(member.get_by_label(field("Επώνυμο"))).to_be_focused()
    member.get_by_label(field("Επώνυμο")).fill("Ζαχαρίου")
    member.get_by_label(field("Όνομα")).fill("Άννα")
    member.get_by_label(field("Σχέση")).select_option("child")
    member.get_by_label(field("Ημερομηνία γέννησης")).fill("02/02/2012")
    page.get_by_label(field("Αναπηρία")).select_option("yes")
    expect(page.get_by_label(field("Ποσοστό αναπηρίας (%)"))).to_be_visible()
    screenshot("intake-filled")
    page.get_by_role("button", name="Αποθήκευση εγγραφής").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Ζαχαρίου Ελένη")
    expect(page.locator("#household")).to_contain_text("Άννα")
    assert Beneficiary.objects.filter(surname="Ζαχαρίου").count() == 1
    assert HouseholdMember.objects.filter(given_name="Άννα").count() == 1
    screenshot("registered")


def test_the_duplicate_panel_lets_the_worker_open_the_existing_file(
    page, screenshot, social_worker, full_file
):
    login(page, social_worker.username)
    page.goto("/beneficiaries/new/")
    page.get_by_label(field("Επώνυμο")).fill("Παπαδοπουλος")
    page.get_by_label(field("Όνομα")).fill("Γιώργος")
    page.get_by_label(field("Φύλο")).select_option("male")
    page.get_by_label(field("Ημερομηνία γέννησης")).fill("14/06/1975")
    page.get_by_label("Ενημερώθηκε").check()
    page.get_by_role("button", name="Αποθήκευση εγγραφής").click()
    panel = page.locator("#duplicates")
    expect(panel).to_contain_text("Παπαδόπουλος Γιώργος")
    expect(panel).to_be_focused()
    screenshot("duplicates")
    panel.get_by_role("link", name=re.compile("Άνοιγμα φακέλου")).click()
    expect(page).to_have_url(re.compile(rf"/beneficiaries/{full_file.pk}/$"))


def test_the_case_file_page_on_a_desk_pc_and_a_tablet(page, screenshot, social_worker, full_file):
    login(page, social_worker.username)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"/beneficiaries/{full_file.pk}/")
    expect(page.locator("#documents")).to_contain_text("Έληξε")
    screenshot("desk")
    page.set_viewport_size({"width": 800, "height": 1100})
    page.reload()
    screenshot("tablet")

    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_role("button", name="Εκτύπωση", exact=True).click()
    assert page.evaluate("window.printed") is True

    page.once("dialog", lambda dialog: dialog.dismiss())
    page.locator("#household").get_by_role("button", name=re.compile("Αφαίρεση Νικόλαος")).click()
    assert HouseholdMember.objects.filter(given_name="Νικόλαος").exists()

    page.locator("#status summary").click()
    page.get_by_label(field("Αιτιολογία")).fill("Μετακόμισε εκτός δήμου")
    page.locator("#status").get_by_role("button", name="Κλείσιμο φακέλου").click()
    expect(page.locator(".alert-secondary")).to_contain_text("Μετακόμισε εκτός δήμου")
    screenshot("closed")


def test_the_edit_record_and_history_pages(page, screenshot, social_worker, coordinator, full_file):
    login(page, social_worker.username)
    page.goto(f"/beneficiaries/{full_file.pk}/edit/")
    expect(page.get_by_label(field("Επώνυμο"))).to_have_value("Παπαδόπουλος")
    screenshot("edit")
    page.goto(f"/beneficiaries/{full_file.pk}/documents/new/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Νέο δικαιολογητικό")
    screenshot("document-upload")
    page.goto(f"/beneficiaries/{full_file.pk}/notes/new/")
    page.get_by_label(field("Είδος επαφής")).select_option("home_visit")
    page.get_by_label(field("Σημείωση")).fill("Κατ' οίκον επίσκεψη, όλα καλά.")
    page.get_by_role("button", name="Αποθήκευση").click()
    expect(page.locator("#notes")).to_contain_text("Κατ' οίκον επίσκεψη, όλα καλά.")

    page.context.clear_cookies()
    login(page, coordinator.username)
    page.goto(f"/beneficiaries/{full_file.pk}/history/")
    expect(page.get_by_role("heading", name="Ποιος είδε")).to_be_visible()
    expect(page.locator("body")).to_contain_text("Προβολή φακέλου")
    screenshot("history")
