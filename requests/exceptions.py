"""The refusals of the requests app's actions, each with a Greek message to show the user."""

from __future__ import annotations

from django.db import models


class RequestError(Exception):
    """A forbidden move, a stale edit or an impossible date: nothing was saved."""


class AlreadySubmitted(RequestError):
    """The same form arrived twice: `record` is what the first submission created."""

    def __init__(self, record: models.Model, message: str = "") -> None:
        super().__init__(message)
        self.record = record


class StaleEdit(RequestError):
    """Someone else saved the record after the form was opened; nothing was overwritten."""
