"""The refusals of the requests app's actions, each with a Greek message to show the user."""

from __future__ import annotations


class RequestError(Exception):
    """A forbidden move or an impossible date: nothing was saved.

    A stale edit raises `community_centre.versions.StaleVersion`, the same for every edit form.
    """
