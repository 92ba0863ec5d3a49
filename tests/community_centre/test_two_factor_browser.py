"""In the browser: a coordinator enrols a phone (QR code, secret, first code, backup codes), logs
in again with the code step, sees «Ασφάλεια λογαριασμού» and resets a colleague's lost phone."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from community_centre.models import StaffEvent
from tests.community_centre.two_factor_helpers import give_phone, secret_code
from tests.helpers import login, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_enrols_then_logs_in_with_the_code(page, screenshot, coordinator):
    login(page, coordinator.username, enrolled=False)
    expect(page.get_by_role("heading", level=1)).to_have_text("Ενεργοποίηση δεύτερου παράγοντα")
    expect(page.locator(".qr svg")).to_be_visible()
    screenshot("enrol")
    secret = page.locator("#secret").inner_text()
    page.get_by_label("Κωδικός").fill("000000" if secret_code(secret) != "000000" else "111111")
    page.get_by_role("button", name="Ενεργοποίηση").click()
    expect(page.locator("#id_code_error")).to_contain_text("Ο κωδικός δεν είναι σωστός")
    screenshot("enrol-wrong-code")
    page.wait_for_timeout(1100)  # django-otp's wait after a failure: one second
    page.get_by_label("Κωδικός").fill(secret_code(secret))
    page.get_by_role("button", name="Ενεργοποίηση").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Κωδικοί ανάκτησης")
    expect(page.locator(".backup-codes li")).to_have_count(10)
    screenshot("backup-codes")
    page.emulate_media(media="print")
    screenshot("backup-codes-print")
    page.emulate_media(media="screen")
    page.get_by_role("link", name="Τους φύλαξα, συνέχεια").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Η εργασία μου")

    page.context.clear_cookies()  # the next morning: a new session
    page.goto("/login/")
    page.get_by_label("Όνομα χρήστη").fill(coordinator.username)
    page.get_by_label("Συνθηματικό").fill("Demo-pass-2026!")
    page.get_by_role("button", name="Σύνδεση").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Κωδικός δεύτερου παράγοντα")
    screenshot("code-step")
    page.get_by_label("Κωδικός").fill(totp_code(TOTPDevice.objects.get(user=coordinator)))
    page.get_by_role("button", name="Επιβεβαίωση").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Η εργασία μου")
    page.goto("/account/security/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ασφάλεια λογαριασμού")
    expect(page.locator("main")).to_contain_text("Κωδικοί ανάκτησης που απομένουν")
    screenshot("account")


def test_the_coordinator_resets_a_colleagues_lost_phone(
    page, screenshot, coordinator, social_worker
):
    give_phone(social_worker)
    login(page, coordinator.username)  # a phone of their own, and its code (tests.helpers)
    page.goto("/staff/")
    row = page.locator("tr", has_text=social_worker.username)
    row.get_by_role("link", name="Επαναφορά δεύτερου παράγοντα").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Επαναφορά δεύτερου παράγοντα")
    page.get_by_role("button", name="Επαναφορά").click()
    expect(page.locator("#id_reason_error")).to_contain_text("Γράψτε την αιτία")
    page.get_by_label("Αιτία").fill("Έχασε το κινητό· το επιβεβαίωσα στο τηλέφωνο.")
    screenshot("reset")
    page.get_by_role("button", name="Επαναφορά").click()
    expect(page.locator(".alert-success")).to_contain_text("επαναφέρθηκε")
    expect(page.locator("main")).to_contain_text("Επαναφορά δεύτερου παράγοντα")
    screenshot("staff-after-reset")
    assert not TOTPDevice.objects.filter(user=social_worker).exists()
    assert not StaticDevice.objects.filter(user=social_worker).exists()
    assert StaffEvent.objects.filter(kind=StaffEvent.Kind.TWO_FACTOR_RESET).count() == 1
