"""The referral loop in a real Chromium: a social worker refers a person to the Social Grocery
with name, phone and reason only, sends and prints the slip; the Grocery's partner account sees
exactly that, accepts and completes with an outcome; the worker sees the loop closed."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from community_centre.reference import load_reference_data
from referrals.models import PartnerBody, Referral
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.helpers import PASSWORD, SCREENSHOTS, login
from tests.pdf import read as read_pdf
from tests.pdf import text as pdf_text
from tests.referrals.factories import partner_user
from tests.requests.factories import AssistanceRequestFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AMKA, ADDRESS, PHONE = "05037500015", "Ζηνοπούλου 14", "+306971234567"
REASON = "Οικογένεια με τρία παιδιά χωρίς εισόδημα· χρειάζεται τρόφιμα."


def label(text: str) -> re.Pattern:
    return re.compile(rf"^\s*{re.escape(text)}\s*\*?\s*$")


def test_the_referral_loop_closes(browser, live_server, page, screenshot, social_worker, roles):
    load_reference_data()
    grocery = PartnerBody.objects.get(code="koinoniko-pantopoleio")
    grocery_user = partner_user(grocery, "pantopoleio", password=PASSWORD)
    person = BeneficiaryFactory(surname="Παπαδοπούλου", given_name="Αικατερίνη", amka=AMKA,
                                address=ADDRESS, phone_mobile=PHONE)  # fmt: skip
    item = AssistanceRequestFactory(beneficiary=person, assigned_worker=social_worker)

    # The worker refers the person: the Grocery, name, phone and reason only, with consent.
    login(page, social_worker.username)
    page.goto(f"/requests/{item.pk}/")
    page.get_by_role("link", name="Παραπομπή σε φορέα").click()
    page.get_by_label(label("Φορέας")).select_option(str(grocery.pk))
    page.get_by_label(label("Λόγος παραπομπής")).fill(REASON)
    page.get_by_role("button", name="Συνέχεια").click()
    for ticked in ("Ονοματεπώνυμο", "Τηλέφωνο", "Λόγος παραπομπής"):
        page.get_by_role("checkbox", name=ticked, exact=True).check()
    page.get_by_label(label("Συναίνεση του προσώπου")).check()
    page.get_by_label(label("Ημερομηνία συναίνεσης")).fill(f"{timezone.localdate():%d/%m/%Y}")
    page.get_by_label("Υπογραφή στο παραπεμπτικό σημείωμα").check()
    screenshot("draft")
    page.get_by_role("button", name="Αποστολή παραπομπής").click()
    expect(page.locator(".alert-success")).to_contain_text("στάλθηκε")
    referral = Referral.objects.get(assistance_request=item)
    assert referral.status == "sent"
    screenshot("sent")

    # The slip: printed from the page, only what was disclosed.
    slip = page.request.get(f"/referrals/{referral.pk}/slip/")
    assert slip.headers["content-type"] == "application/pdf"
    text = pdf_text(read_pdf(slip.body()))
    assert "Παπαδοπούλου Αικατερίνη" in text and "697 123 4567" in text and "τρία παιδιά" in text
    assert AMKA not in text and ADDRESS not in text
    expect(page.get_by_role("link", name="Εκτύπωση παραπεμπτικού")).to_be_visible()

    # The Grocery's account: its inbox, exactly what was disclosed, accept, then complete.
    partner = browser.new_context(base_url=live_server.url, locale="el-GR",
                                  timezone_id="Europe/Athens").new_page()  # fmt: skip
    login(partner, grocery_user.username)
    expect(partner.get_by_role("heading", level=1)).to_have_text("Παραπομπές προς τον φορέα")
    partner.get_by_role("link", name=referral.protocol).click()
    main = partner.locator("main")
    expect(main).to_contain_text("Παπαδοπούλου Αικατερίνη")
    expect(main).to_contain_text("697 123 4567")
    expect(main).to_contain_text("τρία παιδιά")
    for hidden in (AMKA, ADDRESS, person.afm, item.protocol):
        expect(main).not_to_contain_text(hidden)
    partner.screenshot(
        path=str(SCREENSHOTS / "test_the_referral_loop_closes-partner.png"), full_page=True
    )
    partner.get_by_role("button", name="Αποδοχή παραπομπής").click()
    expect(partner.locator(".alert-success")).to_contain_text("Έγινε δεκτή")
    partner.get_by_label("Έκβαση: τι έγινε").fill("Πήρε δέμα τροφίμων για έναν μήνα.")
    partner.locator("#confirm-completed").check()
    partner.get_by_role("button", name="Καταχώριση ολοκλήρωσης").click()
    expect(partner.locator(".alert-success")).to_contain_text("Ολοκληρώθηκε")
    partner.context.close()

    # The worker sees the loop closed, on the request and on the referral.
    page.goto(f"/requests/{item.pk}/")
    panel = page.locator("#referrals-title").locator("xpath=../..")
    expect(panel).to_contain_text("Ολοκληρώθηκε")
    expect(panel).to_contain_text("Πήρε δέμα τροφίμων")
    page.goto(f"/referrals/{referral.pk}/")
    expect(page.locator("main")).to_contain_text("από τον φορέα")
    screenshot("closed")
    page.goto(f"/beneficiaries/{item.beneficiary_id}/")
    section = page.locator("#referrals")
    expect(section).to_contain_text("Ολοκληρώθηκε")
    expect(section).to_contain_text("Πήρε δέμα τροφίμων")
