"""A social worker opens the special categories of a case file in Chromium: the hidden card,
the purpose step with its message, the values with the purpose; screenshots in var/screenshots."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from community_centre.models import AccessLog
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.helpers import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEALTH = "Σακχαρώδης διαβήτης τύπου 2, ινσουλινοθεραπεία"


@pytest.fixture
def person(social_worker):
    return BeneficiaryFactory(
        surname="Σπανοπούλου", given_name="Ευανθία", sex="female",
        date_of_birth=dt.date(1961, 4, 9), disability="yes", disability_percentage=67,
        disability_certified=True, minority="not_stated", foreign_background="no",
        health_notes=HEALTH, assigned_worker=social_worker,
    )  # fmt: skip


def test_a_worker_states_a_purpose_and_sees_the_special_categories(
    page, social_worker, person, screenshot
):
    login(page, social_worker.username)
    page.goto(person.get_absolute_url())
    hidden = page.locator(".special-hidden")
    expect(hidden).to_contain_text("Ειδικές κατηγορίες δεδομένων — κρυμμένα")
    expect(page.locator("body")).not_to_contain_text(HEALTH)
    hidden.scroll_into_view_if_needed()
    screenshot("hidden")
    hidden.get_by_role("link", name="Εμφάνιση").click()

    page.get_by_role("button", name="Εμφάνιση").click()  # no purpose chosen
    expect(page.locator("#div_id_purpose")).to_contain_text("Επιλέξτε τον σκοπό της εμφάνισης.")
    page.get_by_label("Άλλος σκοπός").check()
    page.get_by_role("button", name="Εμφάνιση").click()  # no words for «other»
    expect(page.locator("#div_id_other")).to_contain_text("Γράψτε ποιος είναι ο σκοπός.")
    screenshot("purpose-error")
    assert not AccessLog.objects.filter(action=AccessLog.Action.SHOW_SPECIAL).exists()

    page.get_by_label("Αξιολόγηση αναγκών").check()
    page.get_by_role("button", name="Εμφάνιση").click()
    special = page.locator("#special")
    expect(special).to_contain_text(HEALTH)
    expect(special).to_contain_text("Ναι · 67% · πιστοποίηση ΚΕΠΑ")
    expect(special).to_contain_text("Εμφανίζονται για: Αξιολόγηση αναγκών")
    special.scroll_into_view_if_needed()
    screenshot("shown")
    row = AccessLog.objects.get(action=AccessLog.Action.SHOW_SPECIAL)
    assert row.purpose == "Αξιολόγηση αναγκών" and row.beneficiary_id == person.pk

    special.get_by_role("button", name="Απόκρυψη").click()
    expect(page.locator(".special-hidden")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text(HEALTH)


def test_the_special_fields_are_edited_after_the_same_step(page, social_worker, person, screenshot):
    login(page, social_worker.username)
    page.goto(f"/beneficiaries/{person.pk}/edit/")
    expect(page.locator("body")).not_to_contain_text(HEALTH)
    expect(page.locator("textarea[name=health_notes]")).to_have_count(0)
    page.locator(".special-hidden").scroll_into_view_if_needed()
    screenshot("edit-hidden")
    page.get_by_role("link", name="Εμφάνιση για επεξεργασία").click()
    page.get_by_label("Ενημέρωση ή διόρθωση των στοιχείων").check()
    page.get_by_role("button", name="Εμφάνιση").click()
    notes = page.get_by_label("Σημειώσεις υγείας")
    expect(notes).to_have_value(HEALTH)
    notes.fill("Σακχαρώδης διαβήτης τύπου 2, δίαιτα")
    notes.scroll_into_view_if_needed()
    screenshot("edit-shown")
    page.get_by_role("button", name="Αποθήκευση").click()
    expect(page.locator(".alert-success")).to_contain_text("Τα στοιχεία αποθηκεύτηκαν.")
    person.refresh_from_db()
    assert person.health_notes == "Σακχαρώδης διαβήτης τύπου 2, δίαιτα"
