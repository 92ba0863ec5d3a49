"""What the requests app adds to a case file page: the person's requests, letters, document
requests and appointments, each list read in one query."""

from __future__ import annotations

from django.db.models import Count, Q

from beneficiaries.models import Beneficiary
from requests.models import (
    Appointment,
    AssistanceRequest,
    DocumentRequest,
    InformationRequest,
    StatusLetter,
)

LIST_LIMIT = 50


def case_file_requests(beneficiary: Beneficiary, user) -> dict:
    """Context for templates/requests/includes/case_file_requests.html."""
    requests = (
        AssistanceRequest.objects.visible_to(user)
        .filter(beneficiary=beneficiary)
        .select_related("category", "assigned_worker")
        .order_by("-received_at", "-pk")[:LIST_LIMIT]
    )
    information = (
        InformationRequest.objects.visible_to(user)
        .filter(beneficiary=beneficiary)
        .select_related("about")
        .order_by("-received_at", "-pk")[:LIST_LIMIT]
    )
    letters = (
        StatusLetter.objects.visible_to(user)
        .filter(beneficiary=beneficiary)
        .select_related("issued_by")
        .order_by("-issued_on", "-pk")[:LIST_LIMIT]
    )
    document_requests = (
        DocumentRequest.objects.visible_to(user)
        .filter(beneficiary=beneficiary)
        .annotate(
            item_count=Count("items"),
            received_count=Count("items", filter=Q(items__received_on__isnull=False)),
        )
        .order_by("-requested_on", "-pk")[:LIST_LIMIT]
    )
    appointments = (
        Appointment.objects.visible_to(user)
        .filter(beneficiary=beneficiary)
        .select_related("worker")
        .order_by("-starts_at", "-pk")[:LIST_LIMIT]
    )
    return {
        "assistance_requests": requests,
        "information_requests": information,
        "status_letters": letters,
        "document_requests": document_requests,
        "appointments": appointments,
    }
