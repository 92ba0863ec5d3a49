"""What a referral discloses, frozen at sending: the ticked values of the case file as they are
at that moment, and the chosen documents. Later edits of the case file never reach the body."""

from __future__ import annotations

from django.utils import timezone

from beneficiaries import special_categories
from beneficiaries.models import Beneficiary, Document
from referrals.models import Disclosed, Referral

DATE = "%d/%m/%Y"


def _address(person: Beneficiary) -> str:
    place = str(person.settlement.name) if person.settlement_id else ""
    parts = [person.address, " ".join(p for p in (person.postal_code, place) if p)]
    return ", ".join(p for p in parts if p)


def _phone(person: Beneficiary) -> str:
    return ", ".join(p for p in (person.phone_mobile_display, person.phone_other_display) if p)


def _household(person: Beneficiary) -> list[str]:
    rows = []
    for member in person.household.all():
        born = member.date_of_birth.strftime(DATE) if member.date_of_birth else ""
        detail = ", ".join(p for p in (member.get_relationship_display(), born) if p)
        rows.append(f"{member.surname} {member.given_name} ({detail})")
    return rows


def disclosed_value(referral: Referral, field: str) -> str | list[str]:
    """The current value of one disclosable field of the referral's person ("" when empty)."""
    person = referral.beneficiary
    readers = {
        Disclosed.NAME: lambda: person.full_name,
        Disclosed.DATE_OF_BIRTH: lambda: person.date_of_birth.strftime(DATE),
        Disclosed.AMKA: lambda: person.amka or "",
        Disclosed.AFM: lambda: person.afm or "",
        Disclosed.PHONE: lambda: _phone(person),
        Disclosed.ADDRESS: lambda: _address(person),
        Disclosed.HOUSEHOLD: lambda: _household(person),
        Disclosed.REASON: lambda: referral.reason,
    }
    return readers[field]()


def document_label(document: Document) -> str:
    issued = f" ({document.issued_on:%d/%m/%Y})" if document.issued_on else ""
    return f"{document.document_type.name}{issued}: {document.original_name}"


def freeze(referral: Referral, documents: list[Document]) -> dict:
    """The snapshot of what `referral` discloses now, in the order of `Disclosed`."""
    ticked = set(referral.disclosed_fields)
    values = {c.value: disclosed_value(referral, c.value) for c in Disclosed if c.value in ticked}
    return {
        "values": values,
        # Only the special categories ticked one by one (beneficiaries.special_categories).
        "special": special_categories.disclosed_values(
            referral.beneficiary, referral.disclosed_special
        ),
        "documents": [
            {
                "id": d.pk,
                "label": document_label(d),
                "document_type": d.document_type.code,
                "original_name": d.original_name,
                "issued_on": d.issued_on.isoformat() if d.issued_on else None,
            }
            for d in documents
        ],
        "frozen_at": timezone.now().isoformat(),
    }
