"""Database sessions that ignore a session cookie Django could never have issued."""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import VALID_KEY_CHARS


class SessionStore(db.SessionStore):
    """Django's database sessions; a cookie with characters outside its keys starts a new one.

    Cookies may carry octal escapes (`"\\000"`) that decode to NUL, which PostgreSQL refuses in a
    query: without this check such a cookie answers 500 to anyone, before any login.
    """

    def _validate_session_key(self, key: str | None) -> bool:
        return bool(super()._validate_session_key(key)) and set(key) <= set(VALID_KEY_CHARS)
