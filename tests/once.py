"""Saving through the one mechanism against double submission, as a view does."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TypeVar

from django.db import models

from community_centre.submissions import submitted_once

Saved = TypeVar("Saved", bound=models.Model)


def create_once(token: uuid.UUID | None, create: Callable[[], Saved]) -> Saved:
    """What `create()` saves, once per token: a second call finds and returns the first."""
    with submitted_once(token) as once:
        if once.earlier is not None:
            return once.earlier
        return once.keep(create())
