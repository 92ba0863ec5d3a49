"""The services app's models, one module per subject: the ΕΕΕ amounts (eee), the programme
catalogue (programmes) and benefit applications (applications)."""

from services.models.applications import (
    ApplicationDocument,
    ApplicationStatusChange,
    BenefitApplication,
    ItemState,
)
from services.models.eee import EeeRate
from services.models.programmes import Programme, ProgrammeDocument, Requirement, Scope

__all__ = [
    "ApplicationDocument",
    "ApplicationStatusChange",
    "BenefitApplication",
    "EeeRate",
    "ItemState",
    "Programme",
    "ProgrammeDocument",
    "Requirement",
    "Scope",
]
