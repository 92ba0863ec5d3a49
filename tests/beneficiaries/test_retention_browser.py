"""The coordinator at «Διατήρηση δεδομένων» and at a case file's legal hold, in Chromium."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from beneficiaries.models import Beneficiary, RetentionPolicy
from beneficiaries.retention.run import apply_retention
from tests.beneficiaries.retention_data import close_long_ago, rich_case_file
from tests.helpers import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_coordinator_reads_the_policies_changes_one_and_holds_a_file(
    page, screenshot, coordinator
):
    due = rich_case_file(coordinator)["person"]
    close_long_ago(due)
    apply_retention(dry_run=True, command_line="manage.py apply_retention --dry-run")
    login(page, coordinator.username)
    page.goto("/beneficiaries/retention/")
    expect(page.get_by_role("heading", name="Διατήρηση δεδομένων")).to_be_visible()
    expect(page.get_by_text("Θα ανωνυμοποιηθεί 1 φάκελος:")).to_be_visible()
    screenshot("overview")
    access_log = RetentionPolicy.objects.get(record_type="access_log")
    page.locator(f'a[href="/beneficiaries/retention/{access_log.pk}/edit/"]').click()
    page.get_by_label("Έτη").fill("0")
    page.get_by_label("Ημέρες").fill("0")
    page.get_by_role("button", name="Αποθήκευση").click()
    expect(
        page.get_by_text("Η διάρκεια διατήρησης δεν μπορεί να είναι μηδενική.").first
    ).to_be_visible()
    screenshot("zero-period")
    page.get_by_label("Έτη").fill("3")
    page.get_by_role("button", name="Αποθήκευση").click()
    expect(page.get_by_text("Η περίοδος διατήρησης αποθηκεύτηκε.")).to_be_visible()
    page.goto(f"/beneficiaries/{due.pk}/#legal-hold")
    page.get_by_text("Δέσμευση φακέλου", exact=True).first.click()
    page.get_by_label("Αιτιολογία").last.fill("Εκκρεμεί δίκη για την επιμέλεια.")
    page.get_by_role("button", name="Δέσμευση φακέλου").click()
    expect(page.get_by_text("Ο φάκελος τέθηκε σε δέσμευση.")).to_be_visible()
    page.locator("#status").scroll_into_view_if_needed()
    screenshot("case-file-hold")
    assert Beneficiary.objects.get(pk=due.pk).legal_hold
    apply_retention(dry_run=False, command_line="test", today=dt.date(2040, 1, 1))
    page.goto("/beneficiaries/retention/")
    expect(page.get_by_text("1 φάκελος είναι σε δέσμευση και δεν ανωνυμοποιείται.")).to_be_visible()
    screenshot("after-run")
