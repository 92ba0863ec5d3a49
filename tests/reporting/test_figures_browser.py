"""A social worker registers a person from an old register's date in Chromium: the registration
date beside the assigned worker, refused before the birth, then shown on the case file."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from beneficiaries.models import Beneficiary
from tests.helpers import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def field(name: str) -> re.Pattern:
    return re.compile(rf"^\s*{re.escape(name)}\s*\*?\s*$")


def test_the_intake_asks_for_the_registration_date(page, screenshot, social_worker):
    login(page, social_worker.username)
    page.goto("/beneficiaries/new/")
    registered = page.get_by_label(field("Ημερομηνία εγγραφής"))
    expect(registered).to_have_value(re.compile(r"^\d{2}/\d{2}/\d{4}$"))  # today
    page.get_by_label(field("Επώνυμο")).fill("Ζαχαρίου")
    page.get_by_label(field("Όνομα")).fill("Ελένη")
    page.get_by_label(field("Φύλο")).select_option("female")
    page.get_by_label(field("Ημερομηνία γέννησης")).fill("14/06/1975")
    registered.fill("01/01/1970")
    page.get_by_label("Ενημερώθηκε για την επεξεργασία των προσωπικών δεδομένων").check()
    page.get_by_role("button", name="Αποθήκευση εγγραφής").click()
    expect(
        page.get_by_text("Η ημερομηνία εγγραφής δεν μπορεί να είναι πριν από τη γέννηση.")
    ).to_be_visible()
    page.get_by_label(field("Ημερομηνία εγγραφής")).scroll_into_view_if_needed()
    screenshot("before-birth")
    page.get_by_label(field("Ημερομηνία εγγραφής")).fill("03/02/2019")
    page.get_by_label("Ενημερώθηκε για την επεξεργασία των προσωπικών δεδομένων").check()
    page.get_by_role("button", name="Αποθήκευση εγγραφής").click()
    expect(page.get_by_text("εγγραφή 03/02/2019")).to_be_visible()
    personal = page.locator("dt", has_text="Ημερομηνία εγγραφής").locator(
        "xpath=following-sibling::dd[1]"
    )
    expect(personal).to_have_text("03/02/2019")
    screenshot("case-file")
    assert Beneficiary.objects.get().registered_on.isoformat() == "2019-02-03"
