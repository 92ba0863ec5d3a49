"""The services app's models, one module per subject: the ΕΕΕ amounts (eee)."""

from services.models.eee import EeeRate

__all__ = ["EeeRate"]
