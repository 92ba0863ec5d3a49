"""The electronic case file (ηλεκτρονικός ατομικός φάκελος ωφελούμενου)."""

from beneficiaries.models.documents import Document, DocumentType
from beneficiaries.models.household import HouseholdMember, Representative
from beneficiaries.models.imports import ImportRun, ImportStatus
from beneficiaries.models.notes import CaseNote, Need, NeedCategory
from beneficiaries.models.person import Beneficiary, CaseStatusChange, Consent
from beneficiaries.models.rectification import Rectification, RequestedHow
from beneficiaries.models.retention import (
    LegalHoldChange,
    RecordType,
    RetentionPolicy,
    RetentionRun,
)

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
    "LegalHoldChange",
    "Need",
    "NeedCategory",
    "RecordType",
    "Rectification",
    "Representative",
    "RequestedHow",
    "RetentionPolicy",
    "RetentionRun",
]
