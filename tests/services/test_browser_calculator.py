"""The ΕΕΕ screening as a social worker uses it: from «Η εργασία μου» to the calculator, a
single parent with two children and an income typed with a Greek decimal comma, then a typing
error refused beside the field; axe finds no serious problem on either answer. Screenshots under
var/screenshots/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.helpers import login
from tests.services.factories import EeeRateFactory
from tests.test_accessibility import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESK = {"width": 1366, "height": 768}


def test_a_social_worker_screens_a_single_parent_household(page, social_worker, screenshot):
    EeeRateFactory()
    login(page, social_worker.username)
    page.set_viewport_size(DESK)
    page.goto("/requests/work/")
    page.get_by_role("link", name="Έλεγχος ΕΕΕ (πρώην ΚΕΑ)").click()
    expect(page.get_by_role("heading", name="Έλεγχος ΕΕΕ (πρώην ΚΕΑ)")).to_be_visible()
    screenshot("empty")

    page.locator("#id_adults").fill("1")
    page.locator("#id_minors").fill("2")
    page.get_by_label("Μονογονεϊκή οικογένεια").check()
    page.get_by_label("Εισόδημα του νοικοκυριού").fill("1.234,56")
    page.get_by_role("button", name="Υπολογισμός").click()
    result = page.get_by_role("region", name="Αποτέλεσμα")
    expect(result).to_contain_text("378,00 €")  # 216 + 108 (the oldest minor) + 54
    expect(result).to_contain_text("2.268,00 €")
    expect(result).to_contain_text("172,24 €")  # (2268 − 1234.56) / 6
    expect(result).to_contain_text("Περνά το εισοδηματικό κριτήριο")
    expect(page.get_by_role("region", name="Περιουσιακά κριτήρια")).to_contain_text(
        "μη επιβεβαιωμένο"
    )
    screenshot("result")
    assert serious_violations(page) == []

    page.get_by_label("Εισόδημα του νοικοκυριού").fill("-50")
    page.get_by_role("button", name="Υπολογισμός").click()
    expect(page.get_by_text("Το ποσό δεν μπορεί να είναι αρνητικό.")).to_be_visible()
    expect(page.get_by_label("Εισόδημα του νοικοκυριού")).to_have_value("-50")
    screenshot("negative-income")
    assert serious_violations(page) == []
