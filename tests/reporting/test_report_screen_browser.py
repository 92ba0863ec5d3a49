"""The coordinator, in Chromium, opens the monthly report from «Συντονισμός», picks a month,
signs it off (confirming), sees who signed it and when, exports it, sees a later change
flagged, re-opens the month with a reason and looks at it for publication. Screenshots go to
var/screenshots; each screen is checked with axe-core."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from playwright.sync_api import expect

from reporting.models import SignedReport
from reporting.period import ATHENS
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.helpers import login
from tests.requests.factories import AssistanceRequestFactory
from tests.test_accessibility import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def october(social_worker):
    for day, sex in ((2, "female"), (15, "male"), (31, "female")):
        AssistanceRequestFactory(
            beneficiary=BeneficiaryFactory(sex=sex),
            received_at=dt.datetime(2026, 10, day, 9, tzinfo=ATHENS),
            assigned_worker=social_worker,
        )


def test_the_coordinator_signs_off_a_month_exports_it_and_reopens_it(
    page, screenshot, coordinator, social_worker, october
):
    login(page, coordinator.username)
    navigation = page.get_by_role("navigation", name="Κύρια πλοήγηση")
    navigation.get_by_role("button", name="Συντονισμός").click()
    navigation.get_by_role("link", name="Μηνιαία αναφορά Ε.Π.Σ.").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Μηνιαία αναφορά Ε.Π.Σ.")

    page.get_by_label("Μήνας").fill("2026-10")
    page.get_by_role("button", name="Εμφάνιση").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Οκτώβριος 2026")
    participants = page.locator("#table-participants")
    expect(participants.locator('tr[data-row="total"] td')).to_have_text("3")
    expect(page.locator("#table-participants_by_gender")).to_contain_text("Γυναίκες")
    screenshot("unsigned")
    assert serious_violations(page) == []

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Υπογραφή του μήνα Οκτώβριος 2026").click()
    expect(page.locator(".alert-success")).to_contain_text("Ο μήνας Οκτώβριος 2026 υπογράφηκε.")
    status = page.get_by_role("region", name="Υπογραφή")
    expect(status).to_contain_text(f"Υπογράφηκε από {coordinator.get_full_name()}")
    expect(status).to_contain_text("Καμία εγγραφή της περιόδου δεν άλλαξε")
    screenshot("signed")
    assert serious_violations(page) == []

    with page.expect_download() as download:
        page.get_by_role("link", name="JSON").click()
    document = json.loads(download.value.path().read_text())
    assert document["signed_off"] is True
    assert document["tables"]["participants"]["total"] == 3
    assert download.value.path().read_bytes() == SignedReport.objects.get().document.encode()

    AssistanceRequestFactory(
        beneficiary=BeneficiaryFactory(),
        received_at=dt.datetime(2026, 10, 20, 9, tzinfo=ATHENS),
        assigned_worker=social_worker,
    )
    page.reload()
    warning = status.locator(".alert-warning")
    expect(warning).to_contain_text("Άλλαξαν μετά την υπογραφή: 2 εγγραφές.")
    warning.get_by_text("στοιχεία διαφέρουν σήμερα").click()
    expect(
        warning.get_by_text("Ωφελούμενοι που εξυπηρετήθηκαν · Σύνολο: υπογράφηκε 3, σήμερα 4")
    ).to_be_visible()
    expect(participants.locator('tr[data-row="total"] td')).to_have_text("3")  # as signed
    screenshot("changed")
    assert serious_violations(page) == []

    page.get_by_role("button", name="Άνοιγμα του μήνα ξανά").click()
    expect(page.get_by_text("Γράψτε γιατί ανοίγει ξανά ο μήνας.")).to_be_visible()
    screenshot("reason-missing")
    page.get_by_label("Γιατί ανοίγει ξανά ο μήνας").fill("Ένα αίτημα καταχωρίστηκε αργότερα.")
    page.get_by_role("button", name="Άνοιγμα του μήνα ξανά").click()
    expect(page.locator(".alert-success")).to_contain_text("άνοιξε ξανά")
    expect(status).to_contain_text("Δεν έχει υπογραφεί")
    expect(status).to_contain_text("Ένα αίτημα καταχωρίστηκε αργότερα.")
    expect(participants.locator('tr[data-row="total"] td')).to_have_text("4")  # counted now
    screenshot("reopened")
    assert serious_violations(page) == []

    page.get_by_label("Για δημοσίευση").check()
    page.get_by_role("button", name="Εμφάνιση").click()
    expect(participants.locator('tr[data-row="total"] td')).to_have_text("<5")
    expect(page.get_by_role("link", name="CSV")).to_have_attribute(
        "href", re.compile("publication=on")
    )
    screenshot("publication")
    assert serious_violations(page) == []

    page.set_viewport_size({"width": 800, "height": 1280})  # a tablet held upright
    page.locator("#table-referrals_by_body").scroll_into_view_if_needed()
    screenshot("tablet")
