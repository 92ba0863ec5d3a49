"""One person with a record of every kind the subject-access export reads, each carrying the
person's own tag, so that a test can find each value and grep another person's out."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from beneficiaries.models import Consent, Need, Representative
from referrals.models import ReferralSlip, ReferralStatusChange
from requests.models import RequestStatusChange, StatusLetter
from services.actions.applications import application_create
from tests.beneficiaries.factories import (
    BeneficiaryFactory,
    CaseNoteFactory,
    DocumentFactory,
    HouseholdMemberFactory,
    NeedCategoryFactory,
)
from tests.referrals.factories import PartnerBodyFactory, ReferralFactory
from tests.requests.factories import (
    AppointmentFactory,
    AssistanceRequestFactory,
    DocumentRequestFactory,
    DocumentRequestItemFactory,
    InformationRequestFactory,
)
from tests.services.factories import (
    CounsellingSessionFactory,
    EventAttendanceFactory,
    EventFactory,
    eee_programme,
)

_serial = iter(range(1, 1000))


def full_file(tag: str, worker, *, requests: int = 1):
    """A person whose every record names `tag` (surname, texts, file contents)."""
    n = next(_serial)
    person = BeneficiaryFactory(
        surname=f"{tag}πουλος", given_name="Ιάσονας", email=f"{tag.lower()}@example.gr",
        disability="yes", disability_percentage=67, address=f"Οδός {tag} 3",
    )  # fmt: skip
    member = HouseholdMemberFactory(beneficiary=person, given_name=f"Μέλος{tag}")
    document = DocumentFactory(
        beneficiary=person, uploaded_by=worker, original_name=f"{tag}-taftotita.pdf",
        file=ContentFile(f"%PDF-1.4 {tag} document\n".encode(), name="scan.pdf"),
    )  # fmt: skip
    Representative.objects.create(
        beneficiary=person, surname=f"Εκπρόσωπος{tag}", given_name="Ελένη",
        valid_from=dt.date(2026, 1, 1), authorisation_document=document,
    )  # fmt: skip
    Consent.objects.create(
        beneficiary=person, notice_version=f"v-{tag}", informed_on=dt.date(2026, 3, 4),
        consents_to_processing=True, signed_copy=document, recorded_by=worker,
    )  # fmt: skip
    CaseNoteFactory(beneficiary=person, author=worker, text=f"Σημείωση για {tag}.")
    Need.objects.create(
        beneficiary=person, category=NeedCategoryFactory(), description=f"Ανάγκη {tag}",
        identified_on=dt.date(2026, 2, 2), recorded_by=worker,
    )  # fmt: skip
    first = None
    for i in range(requests):
        request = AssistanceRequestFactory(
            beneficiary=person, assigned_worker=worker, description=f"Αίτημα {tag} {i}",
            protocol_number=100_000 * n + i,
        )  # fmt: skip
        RequestStatusChange.objects.create(
            request=request, to_status="new", note=f"Καταχώριση {tag} {i}", actor=worker
        )
        first = first or request
    info = InformationRequestFactory(
        beneficiary=person, recorded_by=worker, note=f"Ρώτησε {tag}", protocol_number=n
    )
    StatusLetter.objects.create(
        beneficiary=person, information_request=info, protocol_year=2026,
        protocol_number=500_000 + n, issued_on=dt.date(2026, 11, 20),
        pdf=ContentFile(f"%PDF-1.4 {tag} letter\n".encode(), name="letter.pdf"),
        sha256="0" * 64, issued_by=worker,
    )  # fmt: skip
    DocumentRequestItemFactory(
        document_request=DocumentRequestFactory(beneficiary=person, note=f"Φέρτε {tag}"),
        description=f"Πρόσφατο {tag}",
    )
    AppointmentFactory(
        beneficiary=person, worker=worker, purpose=f"Ραντεβού {tag}",
        starts_at=timezone.make_aware(dt.datetime(2026, 12, 1 + n % 20, 10, 0)),
        ends_at=timezone.make_aware(dt.datetime(2026, 12, 1 + n % 20, 10, 30)),
    )  # fmt: skip
    body = PartnerBodyFactory(name=f"Φορέας {tag}")
    referral = ReferralFactory(
        sent=True, assistance_request=first, body=body, reason=f"Λόγος {tag}",
        protocol_number=800_000 + n,
    )  # fmt: skip
    ReferralStatusChange.objects.create(referral=referral, to_status="sent", actor=worker)
    ReferralSlip.objects.create(
        referral=referral, printed_by=worker, sha256="0" * 64,
        pdf=ContentFile(f"%PDF-1.4 {tag} slip\n".encode(), name="slip.pdf"),
    )  # fmt: skip
    application = application_create(
        beneficiary=person, programme=eee_programme(), members=[member], actor=worker
    )
    application.notes = f"Αίτηση {tag}"
    application.save()
    CounsellingSessionFactory(
        beneficiary=person, worker=worker, notes=f"Συνεδρία {tag}", start_time=dt.time(8 + n % 6)
    )
    event = EventFactory(title=f"Εκδήλωση {tag}", organiser=worker)
    EventAttendanceFactory(event=event, beneficiary=person)
    return person
