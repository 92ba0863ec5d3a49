"""A social worker, in Chromium, records today's information day from the navbar's «Δράσεις»,
adds three people of the register through the as-you-type search, records the head count of
the others, and prints the attendance sheet. Screenshots go to var/screenshots; each screen is
checked with axe-core."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from services.models import Event
from tests import pdf
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.helpers import login
from tests.referrals.factories import PartnerBodyFactory
from tests.test_accessibility import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PEOPLE = [("Παπαδόπουλος", "Γιώργος"), ("Παπαδοπούλου", "Μαρία"), ("Καραγιάννη", "Ελένη")]


@pytest.fixture
def register(social_worker):
    PartnerBodyFactory(name="ΔΥΠΑ (πρώην ΟΑΕΔ) Καρπενησίου")
    return [BeneficiaryFactory(surname=s, given_name=g) for s, g in PEOPLE]


def _add(page, query: str, person) -> None:
    page.get_by_label("Προσθήκη από το μητρώο").fill(query)
    name = f"Προσθήκη {person.surname} {person.given_name}"
    page.get_by_role("button", name=name, exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text(person.surname)


def test_a_worker_records_an_event_with_three_attendees_and_a_head_count(
    page, screenshot, social_worker, register
):
    login(page, social_worker.username)
    page.goto("/")
    navigation = page.get_by_role("navigation", name="Κύρια πλοήγηση")
    navigation.get_by_role("button", name="Υπηρεσίες").click()
    navigation.get_by_role("link", name="Δράσεις και εκδηλώσεις").click()
    expect(page.get_by_role("heading", name="Δράσεις και εκδηλώσεις")).to_be_visible()
    page.get_by_role("link", name="Νέα δράση").click()

    page.get_by_label("Τίτλος").fill("Ενημέρωση για τα προγράμματα απασχόλησης της ΔΥΠΑ")
    page.get_by_label("Είδος").select_option("information_day")
    page.get_by_label("Ημερομηνία").fill(timezone.localdate().strftime("%d/%m/%Y"))
    page.get_by_label("Ώρα έναρξης").fill("10:00")
    page.get_by_label("Ώρα λήξης").fill("09:00")  # before the start: refused beside the field
    page.get_by_label("Χώρος").fill("Αίθουσα του Κέντρου Κοινότητας")
    page.get_by_label("ΔΥΠΑ (πρώην ΟΑΕΔ) Καρπενησίου").check()
    page.get_by_role("button", name="Αποθήκευση").click()
    expect(
        page.locator("#id_ends_at + .invalid-feedback, #id_ends_at ~ .invalid-feedback")
    ).to_contain_text("μετά την ώρα έναρξης")
    screenshot("event-form-refused")
    assert serious_violations(page) == []
    page.get_by_label("Ώρα λήξης").fill("12:00")
    page.get_by_role("button", name="Αποθήκευση").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ενημέρωση για τα προγράμματα")

    _add(page, "papadopoulos", register[0])
    _add(page, "Παπαδοπούλου", register[1])
    _add(page, "karagianni", register[2])
    attendees = page.get_by_role("region", name="Ωφελούμενοι στη λίστα")
    for person in register:
        expect(attendees).to_contain_text(f"{person.surname} {person.given_name}")

    page.get_by_label("Άλλοι συμμετέχοντες (εκτός μητρώου)").fill("5001")
    page.get_by_role("button", name="Καταχώριση αριθμού").click()
    expect(page.get_by_text("Γράψτε έως 5.000")).to_be_visible()
    page.get_by_label("Άλλοι συμμετέχοντες (εκτός μητρώου)").fill("14")
    page.get_by_role("button", name="Καταχώριση αριθμού").click()
    participation = page.get_by_role("region", name="Συμμετοχή")
    expect(participation).to_contain_text("3 παρόντες από το μητρώο")
    expect(participation).to_contain_text("14 άλλοι συμμετέχοντες")
    screenshot("event-detail")
    assert serious_violations(page) == []

    absent = f"Σημείωση απουσίας {register[1].surname} {register[1].given_name}"
    expect(attendees.get_by_role("button", name=absent, exact=True)).to_be_visible()
    event = Event.objects.get()
    assert (event.attendances.filter(attended=True).count(), event.other_attendees) == (3, 14)
    assert [b.name for b in event.partner_bodies.all()] == ["ΔΥΠΑ (πρώην ΟΑΕΔ) Καρπενησίου"]

    with page.expect_popup() as popup:
        page.get_by_role("link", name="Φύλλο παρουσιών (PDF)").click()
    sheet = page.request.get(popup.value.url)
    assert sheet.headers["content-type"] == "application/pdf"
    text = pdf.text(pdf.read(sheet.body()))
    assert "Φύλλο παρουσιών" in text and "1 Καραγιάννη Ελένη" in text
    assert "3 Παπαδοπούλου Μαρία" in text

    page.goto("/")
    section = page.get_by_role("region", name="Σημερινές δράσεις")
    expect(section).to_contain_text("Ενημέρωση για τα προγράμματα απασχόλησης της ΔΥΠΑ")
    expect(section).to_contain_text("3 στη λίστα")
    section.scroll_into_view_if_needed()
    screenshot("my-work")

    page.get_by_role("link", name="Όλες οι δράσεις").click()
    expect(page.locator("tbody tr")).to_have_count(1)
    expect(page.locator("tbody tr")).to_contain_text("3 από το μητρώο · 14 άλλοι")
    screenshot("event-list")
    assert serious_violations(page) == []

    page.goto(f"/beneficiaries/{register[0].pk}/")
    section = page.locator("#events")
    expect(section).to_contain_text("Ενημέρωση για τα προγράμματα απασχόλησης της ΔΥΠΑ")
    section.scroll_into_view_if_needed()
    screenshot("case-file")
