"""A social worker, in Chromium, finds her overdue referral on «Η εργασία μου», opens the staff
referral list filtered to the overdue ones, and sees the referrals in the person's case file
with the outcome of the completed one. Screenshots go to var/screenshots; each screen is
checked with axe-core."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.beneficiaries.factories import BeneficiaryFactory
from tests.helpers import login
from tests.referrals.factories import PartnerServiceFactory, ReferralFactory
from tests.requests.factories import AssistanceRequestFactory
from tests.test_accessibility import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def referrals(social_worker):
    person = BeneficiaryFactory(surname="Παπαδόπουλος", given_name="Γιώργος",
                                assigned_worker=social_worker)  # fmt: skip
    request = AssistanceRequestFactory(beneficiary=person, assigned_worker=social_worker)
    grocery = PartnerServiceFactory(
        body__name="Κοινωνικό Παντοπωλείο Δήμου Καρπενησίου", name="Διάθεση τροφίμων"
    )
    overdue = ReferralFactory(
        sent=True, assistance_request=request, body=grocery.body, service=grocery,
        follow_up_on=timezone.localdate() - dt.timedelta(days=4),
        status_changed_at=timezone.now() - dt.timedelta(days=18),
    )  # fmt: skip
    ReferralFactory(
        sent=True, assistance_request=request, body=grocery.body, service=grocery,
        status="completed", outcome="Παραλαμβάνει τρόφιμα κάθε δεύτερη Τρίτη.",
    )  # fmt: skip
    return person, overdue


def test_overdue_referrals_on_my_work_the_list_and_the_case_file(
    page, screenshot, social_worker, referrals
):
    person, overdue = referrals
    login(page, social_worker.username)

    page.goto("/")  # a caseworker lands on «Η εργασία μου»
    section = page.get_by_role("region", name="Παραπομπές χωρίς απάντηση ή έκβαση")
    expect(section).to_contain_text(overdue.protocol)
    expect(section).to_contain_text("Κοινωνικό Παντοπωλείο Δήμου Καρπενησίου")
    screenshot("my-work")
    assert serious_violations(page) == []

    section.get_by_role("link", name="Όλες οι εκπρόθεσμες").click()
    expect(page.get_by_role("heading", name="Παραπομπές", exact=True)).to_be_visible()
    expect(page.get_by_label("Μόνο εκπρόθεσμες")).to_be_checked()
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("18")  # days since the last status change
    screenshot("referral-list")
    assert serious_violations(page) == []

    navigation = page.get_by_role("navigation", name="Κύρια πλοήγηση")
    navigation.get_by_role("button", name="Υπηρεσίες").click()
    navigation.get_by_role("link", name="Όλες οι παραπομπές").click()
    expect(page.locator("tbody tr")).to_have_count(2)

    page.goto(f"/beneficiaries/{person.pk}/")
    section = page.locator("#referrals")
    expect(section).to_contain_text("Παραλαμβάνει τρόφιμα κάθε δεύτερη Τρίτη.")
    expect(section.get_by_role("link", name="Νέα παραπομπή")).to_be_visible()
    section.scroll_into_view_if_needed()
    screenshot("case-file")
    assert serious_violations(page) == []
