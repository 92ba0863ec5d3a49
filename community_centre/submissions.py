"""One submission, one record: forms carry a one-time token, and submissions with the same token
wait for each other.

`hold_submission(token)` takes a PostgreSQL advisory lock named by the token for the rest of the
transaction. A second submission of the same form (a double click, a form sent from two tabs,
four racing requests) waits until the first one has committed, and then finds what it saved by
the token instead of failing or saving a second copy.
"""

from __future__ import annotations

import uuid

from django.db import connection

# An arbitrary constant that keeps these locks apart from any other use of advisory locks.
_NAMESPACE = 0x5C0C  # "SUBmission"


def parse_token(value: object) -> uuid.UUID | None:
    """The token of a submitted form, or None when it is absent or tampered with."""
    try:
        return uuid.UUID(str(value)) if value else None
    except (ValueError, TypeError, AttributeError):
        return None


def hold_submission(token: uuid.UUID | None) -> None:
    """Until the transaction ends, be the only one handling submissions with `token`.

    Call inside transaction.atomic(), before looking for what the token already saved.
    """
    if token is None:
        return
    key = int.from_bytes(token.bytes[:4], "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_NAMESPACE, key])
