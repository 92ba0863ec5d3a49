"""The services app's models, one module per subject: the ΕΕΕ amounts (eee), individual
sessions (sessions)."""

from services.models.eee import EeeRate
from services.models.sessions import CounsellingSession, SessionKind, SessionSeries

__all__ = ["CounsellingSession", "EeeRate", "SessionKind", "SessionSeries"]
