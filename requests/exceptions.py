"""The refusals of the requests app's actions, each with a Greek message to show the user."""

from __future__ import annotations

from django.db import models


class RequestError(Exception):
    """A forbidden move or an impossible date: nothing was saved.

    A stale edit raises `community_centre.versions.StaleVersion`, the same for every edit form.
    """


class AlreadySubmitted(RequestError):
    """The same form arrived twice: `record` is what the first submission created."""

    def __init__(self, record: models.Model, message: str = "") -> None:
        super().__init__(message)
        self.record = record
