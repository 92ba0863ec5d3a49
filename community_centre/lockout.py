"""What django-axes records of a login attempt, kept inside the columns it writes to."""

from __future__ import annotations

from axes.models import AccessAttempt
from django.conf import settings
from django.http import HttpRequest

USERNAME_MAX_LENGTH = AccessAttempt._meta.get_field("username").max_length


def lockout_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """AXES_USERNAME_CALLABLE: the username as axes reads it, cut to its column, without NUL.

    The login forms refuse such input already; this covers any other path into axes (it reads
    request.POST when it has no credentials), where a long name or a NUL, which PostgreSQL refuses
    in text, would turn a failed login into a 500.
    """
    source = credentials if credentials else request.POST
    username = source.get(settings.AXES_USERNAME_FORM_FIELD)
    if username is None:
        return None
    return str(username).replace("\0", "0x00")[:USERNAME_MAX_LENGTH]
