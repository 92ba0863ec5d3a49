"""A social worker books an appointment and marks it, asks for documents, prints the list and
ticks a document off, in Chromium; screenshots go to var/screenshots."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from community_centre.calendar import add_working_days
from community_centre.models import CentreProfile
from requests.models import Appointment, DocumentRequest
from tests.beneficiaries.factories import BeneficiaryFactory, DocumentFactory, DocumentTypeFactory
from tests.helpers import SCREENSHOTS, login
from tests.pdf import read as read_pdf
from tests.test_accessibility import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def field(name: str) -> re.Pattern:
    """A field's label exactly, with or without the asterisk of a required field."""
    return re.compile(rf"^\s*{re.escape(name)}\s*\*?\s*$")


@pytest.fixture
def person(social_worker):
    CentreProfile.objects.create(
        name="Κέντρο Κοινότητας Δήμου Καρπενησίου",
        municipality="Δήμος Καρπενησίου",
        town="Καρπενήσι",
        phones="2237 3 52200",
    )
    social_worker.first_name, social_worker.last_name = "Μαρία", "Τραστέλη"
    social_worker.save()
    return BeneficiaryFactory(
        surname="Παπαδόπουλος",
        given_name="Γιώργος",
        phone_mobile="+306912345678",
        assigned_worker=social_worker,
    )


def test_book_an_appointment_see_it_on_the_agenda_and_mark_it_attended(
    page, screenshot, social_worker, person
):
    day = add_working_days(timezone.localdate(), 2)
    login(page, social_worker.username)
    page.goto(reverse("requests:appointment_create", kwargs={"beneficiary_pk": person.pk}))
    expect(page.get_by_label(field("Κοινωνικός/ή λειτουργός"))).to_have_value(str(social_worker.pk))
    page.get_by_label(field("Ημερομηνία")).fill(day.strftime("%d/%m/%Y"))
    page.get_by_label(field("Ώρα έναρξης")).fill("14:45")
    page.get_by_label(field("Διάρκεια")).select_option("30")
    page.get_by_label(field("Σκοπός")).fill("Συμπλήρωση αίτησης ΕΕΕ")
    page.get_by_role("button", name="Κλείσιμο ραντεβού").click()
    expect(page.locator("#div_id_start_time")).to_contain_text("κλείνει στις 15:00")
    expect(page.get_by_label(field("Ώρα έναρξης"))).to_be_focused()
    expect(page.get_by_label(field("Σκοπός"))).to_have_value("Συμπλήρωση αίτησης ΕΕΕ")
    screenshot("appointment-refused")
    assert serious_violations(page) == []

    page.get_by_label(field("Ώρα έναρξης")).fill("14:30")
    page.get_by_role("button", name="Κλείσιμο ραντεβού").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ημερήσιο πρόγραμμα")
    expect(page.locator(".alert-success")).to_contain_text("Το ραντεβού κλείστηκε")
    row = page.get_by_role("row", name=re.compile("14:30–15:00"))
    expect(row).to_contain_text("Παπαδόπουλος Γιώργος")
    expect(row).to_contain_text("Προγραμματισμένο")
    screenshot("agenda-booked")
    assert serious_violations(page) == []

    # The day comes: the appointment is moved to today so that attendance may be recorded.
    seven = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(7, 0)))
    Appointment.objects.update(starts_at=seven, ends_at=seven + dt.timedelta(minutes=30))
    page.get_by_role("link", name="Σήμερα").click()
    row = page.get_by_role("row", name=re.compile("Παπαδόπουλος Γιώργος"))
    row.get_by_role("button", name=re.compile("^Προσήλθε")).click()
    expect(page.locator(".alert-success")).to_contain_text("Σημειώθηκε ότι προσήλθε.")
    row = page.get_by_role("row", name=re.compile("Παπαδόπουλος Γιώργος"))
    expect(row.locator(".badge")).to_have_text("Προσήλθε")
    assert Appointment.objects.get().status == Appointment.Status.ATTENDED
    screenshot("agenda-attended")
    assert serious_violations(page) == []


def test_ask_for_documents_print_the_list_and_tick_one_off(page, screenshot, social_worker, person):
    identity = DocumentTypeFactory(code="identity", name="Αστυνομική ταυτότητα")
    e1 = DocumentTypeFactory(code="tax-return-e1", name="Φορολογική δήλωση (Ε1)")
    DocumentTypeFactory(code="iban", name="Βεβαίωση IBAN")
    login(page, social_worker.username)
    page.goto(reverse("requests:docreq_create", kwargs={"beneficiary_pk": person.pk}))
    page.get_by_role("button", name="Αποθήκευση").click()
    expect(page.locator("#document_types_error")).to_contain_text("τουλάχιστον ένα")
    screenshot("docreq-refused")
    assert serious_violations(page) == []

    page.get_by_label("Αστυνομική ταυτότητα", exact=True).check()
    page.get_by_label("Φορολογική δήλωση (Ε1)", exact=True).check()
    page.get_by_label("Διευκρίνιση για «Φορολογική δήλωση (Ε1)»").fill("του 2025")
    screenshot("docreq-form")
    page.get_by_role("button", name="Αποθήκευση").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Αίτημα δικαιολογητικών")
    docreq = DocumentRequest.objects.get()
    due = docreq.due_date.strftime("%d/%m/%Y")
    expect(page.locator("body")).to_contain_text(due)
    screenshot("docreq-detail")
    assert serious_violations(page) == []

    pdf = page.request.get(reverse("requests:docreq_pdf", kwargs={"pk": docreq.pk}))
    assert pdf.headers["content-type"] == "application/pdf"
    (SCREENSHOTS / "test_ask_for_documents_print_the_list_and_tick_one_off-list.pdf").write_bytes(
        pdf.body()
    )
    reader = read_pdf(pdf.body())
    text = " ".join(reader.pages[0].extract_text().split())
    for expected in ["Παπαδόπουλος Γιώργος", "Αστυνομική ταυτότητα", "του 2025", due]:
        assert expected in text

    # The person brings the identity card; its copy goes into the case file, then is ticked.
    copy = DocumentFactory(
        beneficiary=person,
        document_type=identity,
        description="Αστυνομική ταυτότητα ΑΚ 123456",
        uploaded_by=social_worker,
    )
    page.reload()
    item = page.locator("li", has=page.get_by_text("Αστυνομική ταυτότητα", exact=True))
    expect(item.get_by_label("Έγγραφο του φακέλου")).to_have_value(str(copy.pk))
    item.get_by_role("button", name=re.compile("^Προσκομίστηκε")).click()
    expect(page.locator(".alert-success")).to_contain_text("Σημειώθηκε ότι προσκομίστηκε")
    expect(page.locator("body")).to_contain_text("1 / 2")
    expect(page.get_by_role("link", name="Αστυνομική ταυτότητα ΑΚ 123456")).to_be_visible()
    screenshot("docreq-ticked")
    assert serious_violations(page) == []
    assert docreq.items.get(document_type=identity).received_document == copy
    assert docreq.items.get(document_type=e1).received_on is None
