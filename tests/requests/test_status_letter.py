"""The status letter: an A4 PDF with the Centre's letterhead, its own protocol number, the person's
name and address and each request with its status in Greek; kept and reprinted byte for byte."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from community_centre.models import AccessLog, CentreProfile, Settlement
from requests.actions.information import letter_create
from requests.models import AssistanceRequest, StatusLetter
from tests import pdf
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.pdf import A4_POINTS
from tests.requests.factories import (
    AssistanceRequestFactory,
    InformationRequestFactory,
    RequestCategoryFactory,
)

pytestmark = pytest.mark.django_db

Status = AssistanceRequest.Status


@pytest.fixture
def centre(db) -> CentreProfile:
    return CentreProfile.objects.create(
        name="Κέντρο Κοινότητας Δήμου Καρπενησίου",
        municipality="Δήμος Καρπενησίου",
        area="Περιοχή Αγίου Γεωργίου",
        town="Καρπενήσι",
        postal_code="36100",
        phones="2237 3 52200",
    )


@pytest.fixture
def person(social_worker):
    settlement = Settlement.objects.create(
        code="1401010101", name="Καρπενήσι", community="Καρπενησίου", municipal_unit="Καρπενησίου"
    )
    return BeneficiaryFactory(
        surname="Παπαδοπούλου",
        given_name="Αικατερίνη",
        address="Ζηνοπούλου 12",
        postal_code="36100",
        settlement=settlement,
        assigned_worker=social_worker,
    )


@pytest.fixture
def requests_in_every_status(person, social_worker) -> dict[str, AssistanceRequest]:
    """One request of the person in each status, each with its own category and next step."""
    items = {}
    for i, status in enumerate(Status.values):
        category = RequestCategoryFactory(code=f"cat-{status}", name=f"Κατηγορία {status}")
        items[status] = AssistanceRequestFactory(
            beneficiary=person,
            status=status,
            category=category,
            assigned_worker=social_worker,
            received_at=timezone.make_aware(dt.datetime(2026, 3, 2 + i, 9, 0)),
            next_step=f"Βήμα για {status}",
        )
    return items


def text_of(content: bytes) -> str:
    return pdf.text(pdf.read(content))


def embedded_font(font) -> bool:
    """Whether a PDF font object carries its glyphs (no font is looked up on the reader's side)."""
    descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
    descriptor = descendant["/FontDescriptor"].get_object()
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def stored_bytes(letter: StatusLetter) -> bytes:
    with letter.pdf.open("rb") as stored:
        return stored.read()


def test_the_letter_reports_each_open_request_with_its_status_in_greek(
    centre, person, requests_in_every_status, social_worker
):
    information = InformationRequestFactory(beneficiary=person, recorded_by=social_worker)
    letter = letter_create(information_request=information, actor=social_worker)
    text = text_of(stored_bytes(letter))
    assert f"Αρ. πρωτ.: {letter.protocol}" in text
    assert letter.protocol == f"{timezone.localdate().year}/000001"
    assert f"Καρπενήσι, {timezone.localdate():%d/%m/%Y}" in text
    assert "Παπαδοπούλου Αικατερίνη" in text
    assert "Ζηνοπούλου 12" in text and "36100 Καρπενήσι" in text
    assert "Ενημέρωση για την πορεία των αιτημάτων σας" in text
    assert information.protocol in text  # «in reply to your request …»
    for status in AssistanceRequest.OPEN_STATUSES:
        item = requests_in_every_status[status]
        assert str(Status(status).label) in text
        assert item.protocol in text and f"Βήμα για {status}" in text
        assert f"Κατηγορία {status}" in text
    for status in (Status.COMPLETED, Status.REJECTED, Status.WITHDRAWN):
        assert requests_in_every_status[status].protocol not in text
        assert str(Status(status).label) not in text
    assert "δέκα (10) εργάσιμων ημερών" in text
    assert social_worker.get_full_name() in text
    assert "Κέντρο Κοινότητας Δήμου Καρπενησίου" in text


def test_the_letter_is_an_a4_page_with_embedded_fonts_and_says_when_nothing_is_open(
    centre, person, social_worker
):
    information = InformationRequestFactory(beneficiary=person, recorded_by=social_worker)
    letter = letter_create(information_request=information, actor=social_worker)
    reader = pdf.read(stored_bytes(letter))
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == A4_POINTS
    fonts = [
        embedded_font(ref.get_object()) for ref in reader.pages[0]["/Resources"]["/Font"].values()
    ]
    assert fonts and all(fonts)
    assert "Δεν έχετε αιτήματα σε εκκρεμότητα" in text_of(stored_bytes(letter))


def test_a_letter_on_one_request_reports_that_request_even_when_closed(
    centre, person, requests_in_every_status, social_worker
):
    completed = requests_in_every_status[Status.COMPLETED]
    letter = letter_create(assistance_request=completed, actor=social_worker)
    text = text_of(stored_bytes(letter))
    assert completed.protocol in text and "Ολοκληρώθηκε" in text
    assert requests_in_every_status[Status.NEW].protocol not in text
    assert (letter.about, letter.information_request) == (completed, None)


def test_an_information_request_about_one_request_gets_a_letter_on_that_one(
    centre, person, requests_in_every_status, social_worker
):
    waiting = requests_in_every_status[Status.WAITING_DOCUMENTS]
    information = InformationRequestFactory(
        beneficiary=person, about=waiting, recorded_by=social_worker
    )
    letter = letter_create(information_request=information, actor=social_worker)
    text = text_of(stored_bytes(letter))
    assert waiting.protocol in text and "Αναμονή δικαιολογητικών" in text
    assert requests_in_every_status[Status.IN_PROGRESS].protocol not in text
    assert letter.about == waiting


def test_the_kept_pdf_matches_its_hash_and_the_reprint_gives_the_same_bytes(
    centre, person, requests_in_every_status, social_worker, worker_client
):
    information = InformationRequestFactory(beneficiary=person, recorded_by=social_worker)
    letter = letter_create(information_request=information, actor=social_worker)
    kept = stored_bytes(letter)
    assert kept.startswith(b"%PDF-")
    assert hashlib.sha256(kept).hexdigest() == letter.sha256
    url = reverse("requests:letter_pdf", args=[letter.pk])
    first, second = worker_client.get(url), worker_client.get(url)
    assert first.status_code == second.status_code == 200
    assert first["Content-Type"] == "application/pdf"
    assert first.content == second.content == kept
    printed = AccessLog.objects.filter(beneficiary_id=person.pk, action=AccessLog.Action.PRINT)
    assert printed.count() == 2
    assert letter.protocol in printed.first().detail


def test_the_letter_takes_the_next_number_of_the_same_protocol_book(centre, person, social_worker):
    information = InformationRequestFactory(beneficiary=person, recorded_by=social_worker)
    first = letter_create(information_request=information, actor=social_worker)
    second = letter_create(information_request=information, actor=social_worker)
    assert (first.protocol_number, second.protocol_number) == (1, 2)
    assert re.search(r"letters/\d+/[0-9a-f]{32}\.pdf$", second.pdf.name)
    assert first.pdf.name != second.pdf.name
