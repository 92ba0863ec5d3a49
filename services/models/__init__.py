"""The services app's models, one module per subject: the ΕΕΕ amounts (eee)."""

from services.models.eee import EeeRate
from services.models.events import Event, EventAttendance, EventKind

__all__ = ["EeeRate", "Event", "EventAttendance", "EventKind"]
