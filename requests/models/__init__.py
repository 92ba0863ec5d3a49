"""Requests of beneficiaries and what answers them: protocol-numbered requests with deadlines,
information requests and status letters, document requests, appointments."""

from requests.models.appointments import Appointment
from requests.models.assistance import AssistanceRequest, RequestCategory, RequestStatusChange
from requests.models.documents import DocumentRequest, DocumentRequestItem
from requests.models.information import InformationRequest, StatusLetter

__all__ = [
    "Appointment",
    "AssistanceRequest",
    "DocumentRequest",
    "DocumentRequestItem",
    "InformationRequest",
    "RequestCategory",
    "RequestStatusChange",
    "StatusLetter",
]
