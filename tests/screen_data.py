"""A full, realistic case file for the screen tests: every section filled, with the long names,
emails and file names that real files have, so that layout problems show in the browser."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from beneficiaries.choices import NoteKind, Relationship
from beneficiaries.models import Beneficiary, Consent, DocumentType, NeedCategory
from community_centre.reference import load_reference_data
from referrals.models import PartnerBody
from requests.models import RequestCategory, StatusLetter
from tests.beneficiaries.factories import BeneficiaryFactory, CaseNoteFactory, DocumentFactory
from tests.referrals.factories import ReferralFactory
from tests.requests.factories import (
    AppointmentFactory,
    AssistanceRequestFactory,
    DocumentRequestFactory,
    DocumentRequestItemFactory,
    InformationRequestFactory,
)

LONG_EMAIL = "aikaterini.papadopoulou-chatzigeorgiou@example.gr"


def _today_at(hour: int, minute: int = 0) -> dt.datetime:
    day = timezone.localdate()
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def full_case_file(worker) -> dict:
    """One person with every section of the case file filled, assigned to `worker`; returns
    the pks by the keys of the access matrix's `objects` fixture, to build its URLs."""
    load_reference_data()
    person = BeneficiaryFactory(
        surname="Παπαδοπούλου-Χατζηγεωργίου",
        given_name="Αικατερίνη-Μαρία",
        father_name="Κωνσταντίνος",
        mother_name="Παναγιώτα",
        email=LONG_EMAIL,
        phone_mobile="+306912345678",
        address="Λεωφόρος Καραμανλή 112, 2ος όροφος, διαμέρισμα 4",
        postal_code="36100",
        assigned_worker=worker,
        eps_number="ΕΠΣ-2026-000123",
        eee_beneficiary=True,
    )
    member = person.household.create(
        surname="Παπαδοπούλου-Χατζηγεωργίου",
        given_name="Χαράλαμπος-Ιωάννης",
        relationship=Relationship.CHILD,
        date_of_birth=dt.date(2012, 3, 4),
    )
    proof = DocumentType.objects.get(code="proof-of-residence")
    document = DocumentFactory(
        beneficiary=person,
        document_type=proof,
        description="Μισθωτήριο συμβόλαιο κατοικίας Καρπενησίου, θεωρημένο από την εφορία",
        original_name="misthotirio_symvolaio_karpenisi_2026_sarwsi.pdf",
        expires_on=dt.date(2026, 1, 31),
        uploaded_by=worker,
    )
    representative = person.representatives.create(
        surname="Χατζηγεωργίου",
        given_name="Σταυρούλα",
        relationship="Αδελφή, με εξουσιοδότηση θεωρημένη από ΚΕΠ",
        id_document_number="ΑΚ 123456",
        phone="+306987654321",
        authorisation_document=document,
        valid_from=dt.date(2026, 1, 1),
    )
    Consent.objects.create(
        beneficiary=person,
        notice_version="2026-01",
        informed_on=dt.date(2026, 1, 12),
        consents_to_processing=True,
        consents_to_sharing=False,
        signed_copy=document,
        recorded_by=worker,
    )
    CaseNoteFactory(
        beneficiary=person,
        author=worker,
        kind=NoteKind.PHONE,
        text="Τηλεφώνησε για την πορεία της αίτησης ΕΕΕ· της εξηγήθηκε τι λείπει.",
    )
    need = person.needs.create(
        category=NeedCategory.objects.get(code="legal-administrative"),
        description="Χρειάζεται βοήθεια με την ανανέωση της άδειας διαμονής του συζύγου.",
        identified_on=dt.date(2026, 11, 2),
        recorded_by=worker,
    )
    category = RequestCategory.objects.get(code="benefit-application")
    request = AssistanceRequestFactory(
        beneficiary=person, category=category, assigned_worker=worker, due_date=dt.date(2026, 1, 5)
    )
    information = InformationRequestFactory(
        beneficiary=person, about=request, recorded_by=worker, due_date=dt.date(2026, 1, 5)
    )
    letter = StatusLetter.objects.create(
        beneficiary=person,
        information_request=information,
        protocol_year=2026,
        protocol_number=998_001,
        issued_on=dt.date(2026, 11, 20),
        pdf=ContentFile(b"%PDF-1.4\n%%EOF\n", name="letter.pdf"),
        sha256="0" * 64,
        issued_by=worker,
    )
    items = DocumentRequestFactory(
        beneficiary=person, created_by=worker, due_date=dt.date(2026, 1, 5)
    )
    item = DocumentRequestItemFactory(document_request=items, document_type=proof)
    appointment = AppointmentFactory(
        beneficiary=person,
        worker=worker,
        assistance_request=request,
        starts_at=_today_at(10),
        ends_at=_today_at(10, 30),
        purpose="Συμπλήρωση αίτησης για το επίδομα στέγασης και έλεγχος δικαιολογητικών",
    )
    _referrals(request, worker)
    return {
        "beneficiary": person.pk,
        "member": member.pk,
        "document": document.pk,
        "need": need.pk,
        "representative": representative.pk,
        "request": request.pk,
        "information": information.pk,
        "letter": letter.pk,
        "document_request": items.pk,
        "item": item.pk,
        "appointment": appointment.pk,
    }


def _referrals(request, worker) -> None:
    """An overdue referral (on «My work» and the list) and a completed one with its outcome, to
    the longest-named body of the directory."""
    body = max(PartnerBody.objects.referral_targets(), key=lambda b: len(b.name))
    service = body.services.first()
    ReferralFactory(
        sent=True, assistance_request=request, body=body, service=service, referred_by=worker,
        status_changed_at=timezone.now() - dt.timedelta(days=20), follow_up_on=dt.date(2026, 1, 5),
    )  # fmt: skip
    ReferralFactory(
        sent=True, assistance_request=request, body=body, service=service, referred_by=worker,
        status="completed", protocol_year=2026,
        outcome="Εντάχθηκε στο πρόγραμμα για έξι μήνες· παραλαμβάνει τρόφιμα κάθε Τρίτη.",
    )  # fmt: skip


def closed_case_file(worker) -> Beneficiary:
    """A person whose file was closed: the case file offers «Επανενεργοποίηση»."""
    return BeneficiaryFactory(
        assigned_worker=worker, status="closed", closed_reason="Μετακόμισε σε άλλο δήμο"
    )
