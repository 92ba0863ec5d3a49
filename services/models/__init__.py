"""The services app's models, one module per subject: the ΕΕΕ amounts (eee), the programme
catalogue (programmes), benefit applications (applications) and individual sessions
(sessions), group activities and events (events)."""

from services.models.applications import (
    ApplicationDocument,
    ApplicationStatusChange,
    BenefitApplication,
    ItemState,
)
from services.models.eee import EeeRate
from services.models.events import Event, EventAttendance, EventKind
from services.models.programmes import Programme, ProgrammeDocument, Requirement, Scope
from services.models.sessions import CounsellingSession, SessionKind, SessionSeries

__all__ = [
    "ApplicationDocument",
    "ApplicationStatusChange",
    "BenefitApplication",
    "CounsellingSession",
    "EeeRate",
    "Event",
    "EventAttendance",
    "EventKind",
    "ItemState",
    "Programme",
    "ProgrammeDocument",
    "Requirement",
    "Scope",
    "SessionKind",
    "SessionSeries",
]
