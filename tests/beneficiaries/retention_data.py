"""A case file with every kind of record, full of identifiers, for the retention tests."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone

from beneficiaries.actions import beneficiary_close, beneficiary_update
from beneficiaries.models import (
    Beneficiary,
    CaseStatusChange,
    Consent,
    Representative,
    RequestedHow,
)
from beneficiaries.rectification import beneficiary_rectify
from community_centre.models import AccessLog
from referrals.models import RectificationTask
from requests.models import RequestStatusChange, StatusLetter
from services.models import CounsellingSession
from tests.beneficiaries.factories import (
    BeneficiaryFactory,
    CaseNoteFactory,
    DocumentFactory,
    HouseholdMemberFactory,
    _amka,
)
from tests.referrals.factories import ReferralFactory
from tests.requests.factories import AssistanceRequestFactory, InformationRequestFactory
from tests.services.factories import ApplicationFactory, CounsellingSessionFactory

NOVEMBER_DAY = dt.date(2026, 11, 9)


def rich_case_file(worker, *, surname: str = "Ξενοφωντίδης", serial: int = 4321) -> dict:
    """A closed case file whose every record names the person: returns it and its identifiers."""
    born = dt.date(1980, 3, 15)
    person = BeneficiaryFactory(
        surname=surname,
        given_name="Φιλοπίμην",  # misspelt: corrected below at the person's request (art. 16)
        father_name="Φιλοκτήμων",
        mother_name="Ζηνοδώρα",
        date_of_birth=born,
        amka=_amka(born, serial),
        phone_mobile="+306944123456",
        email="archelaos@example.gr",
        address="Ζηνοπούλου 12",
        eps_number="ΕΠΣ-778899",
        id_document_type="police_id",
        id_document_number="ΑΚ 998877",
        registered_on=NOVEMBER_DAY,
        assigned_worker=worker,
        health_notes="Σακχαρώδης διαβήτης τύπου 1, ινσουλίνη",
    )
    ids = {
        "surname": surname,
        "given_name": "Φιλοποίμην",
        "amka": person.amka,
        "afm": person.afm,
        "phone": "6944123456",
        "old_phone": "6977000111",
        "email": "archelaos@example.gr",
        "member": "Φιλάνθη",
        "member_amka": _amka(dt.date(2015, 5, 5), serial + 1),
        "rep": "Μαυρογένης",
        "id_document": "ΑΚ 998877",
        "eps": "ΕΠΣ-778899",
    }
    # A change through the action, so django-auditlog keeps the old and the new phone.
    person.phone_mobile = "+306977000111"
    beneficiary_update(beneficiary=person, expected_version=person.updated_at, actor=worker)
    person.refresh_from_db()
    person.phone_mobile = "+306944123456"
    beneficiary_update(beneficiary=person, expected_version=person.updated_at, actor=worker)
    HouseholdMemberFactory(beneficiary=person, given_name="Φιλάνθη", amka=ids["member_amka"])
    Representative.objects.create(
        beneficiary=person, surname="Μαυρογένης", given_name="Φιλόδημος", phone="+302237022222",
        id_document_number="ΑΒ 112233", valid_from=dt.date(2026, 1, 1), relationship="θείος",
    )  # fmt: skip
    text = (
        f"Ο κ. Ξενοφωντίδη Φιλοποίμην (ΑΜΚΑ {person.amka}, ΑΦΜ {person.afm}) τηλεφώνησε από το "
        "694 412 3456· η κόρη του Φιλάνθη θα φέρει την ταυτότητα ΑΚ 998877. Στο Viber "
        "υπογράφει «Filopoimin Xenofontidis»."
    )
    CaseNoteFactory(beneficiary=person, text=text, author=worker, occurred_on=NOVEMBER_DAY)
    document = DocumentFactory(beneficiary=person, uploaded_by=worker,
                               original_name="Ξενοφωντίδης_ταυτότητα.pdf")  # fmt: skip
    Consent.objects.create(
        beneficiary=person, notice_version="2024", informed_on=NOVEMBER_DAY,
        consents_to_processing=True, signed_copy=document, recorded_by=worker,
    )  # fmt: skip
    request = AssistanceRequestFactory(beneficiary=person, description=text, assigned_worker=worker)
    RequestStatusChange.objects.create(
        request=request, from_status="received", to_status="in_progress", actor=worker, note=text
    )
    info = InformationRequestFactory(beneficiary=person, note=text[:500], recorded_by=worker)
    letter = StatusLetter(
        beneficiary=person, information_request=info, protocol_year=2026,
        protocol_number=990_000 + serial, issued_by=worker, issued_on=NOVEMBER_DAY,
        received_by_name="Φιλοποίμην Ξενοφωντίδης",
        sha256="1" * 64,
    )  # fmt: skip
    letter.pdf.save("letter.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    letter.save()
    ReferralFactory(
        assistance_request=request, sent=True, reason=text,
        snapshot={"values": {"name": person.full_name, "amka": person.amka}, "documents": []},
    )  # fmt: skip
    # The body was told the misspelt name: the correction gives it a task with old and new.
    beneficiary_rectify(
        beneficiary=person, changes={"given_name": "Φιλοποίμην"}, reason="Λάθος στο όνομα.",
        requested_on=NOVEMBER_DAY, requested_how=RequestedHow.IN_PERSON,
        expected_version=Beneficiary.objects.get(pk=person.pk).updated_at, actor=worker,
    )  # fmt: skip
    assert RectificationTask.objects.filter(beneficiary=person).exists()
    ApplicationFactory(beneficiary=person, worker=worker, notes=text)
    CounsellingSessionFactory(beneficiary=person, worker=worker, notes=text,
                              start_time=dt.time(8 + serial // 100 % 6, 0),
                              status=CounsellingSession.Status.PLANNED)  # fmt: skip
    AccessLog.objects.create(user=worker, beneficiary_id=person.pk, action="search",
                             detail=f"Αναζήτηση: {surname}")  # fmt: skip
    beneficiary_close(beneficiary=person, reason=f"Μετακόμισε ο {surname}.", actor=worker)
    return {"person": Beneficiary.objects.get(pk=person.pk), "ids": ids,
            "files": [document.file.name, letter.pdf.name]}  # fmt: skip


def close_long_ago(person: Beneficiary, years: int = 6) -> None:
    """Move the file's closing `years` back (the history row's time is set on save)."""
    CaseStatusChange.objects.filter(beneficiary=person).update(
        at=timezone.now() - dt.timedelta(days=365 * years + 2)
    )


def rows_containing(needle: str) -> dict[str, int]:
    """Every table of the database whose rows, as text, contain `needle` (any case)."""
    found = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
        for (table,) in cursor.fetchall():
            cursor.execute(
                f'SELECT count(*) FROM "{table}" t WHERE t::text ILIKE %s',  # noqa: S608
                [f"%{needle}%"],
            )
            if count := cursor.fetchone()[0]:
                found[table] = count
    return found
