"""Anonymising the requests of case files past their retention (beneficiaries.retention)."""

from __future__ import annotations

from beneficiaries.retention.records import delete_files, scrub_rows
from beneficiaries.retention.scrub import REDACTED, Scrubber
from requests.models import (
    Appointment,
    AssistanceRequest,
    DocumentRequest,
    DocumentRequestItem,
    InformationRequest,
    RequestStatusChange,
    StatusLetter,
)


def anonymise_requests(ids: list[int], scrub: Scrubber, to_delete: list) -> int:
    """Requests, their history, information requests, letters, document lists, appointments."""
    requests = AssistanceRequest.objects.filter(beneficiary__in=ids)
    letters = StatusLetter.objects.filter(beneficiary__in=ids)
    document_requests = DocumentRequest.objects.filter(beneficiary__in=ids)
    changed = scrub_rows(requests, scrub, ["description", "next_step", "referred_to"])
    changed += scrub_rows(RequestStatusChange.objects.filter(request__in=requests), scrub, ["note"])
    changed += scrub_rows(InformationRequest.objects.filter(beneficiary__in=ids), scrub, ["note"])
    changed += delete_files(letters, "pdf", to_delete)
    scrub_rows(letters.exclude(received_by_name=""), scrub, set_to={"received_by_name": REDACTED})
    letters.update(sha256="")
    changed += scrub_rows(document_requests, scrub, ["note"])
    changed += scrub_rows(
        DocumentRequestItem.objects.filter(document_request__in=document_requests),
        scrub,
        ["description"],
    )
    changed += scrub_rows(Appointment.objects.filter(beneficiary__in=ids), scrub, ["purpose"])
    return changed
