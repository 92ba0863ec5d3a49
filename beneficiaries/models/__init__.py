"""The electronic case file (ηλεκτρονικός ατομικός φάκελος ωφελούμενου)."""

from beneficiaries.models.documents import Document, DocumentType
from beneficiaries.models.household import HouseholdMember, Representative
from beneficiaries.models.imports import ImportRun, ImportStatus
from beneficiaries.models.notes import CaseNote, Need, NeedCategory
from beneficiaries.models.person import Beneficiary, CaseStatusChange, Consent
from beneficiaries.models.rectification import Rectification, RequestedHow

__all__ = [
    "Beneficiary",
    "CaseNote",
    "CaseStatusChange",
    "Consent",
    "Document",
    "DocumentType",
    "HouseholdMember",
    "ImportRun",
    "ImportStatus",
    "Need",
    "NeedCategory",
    "Rectification",
    "Representative",
    "RequestedHow",
]
