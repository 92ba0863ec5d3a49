"""Access log of case files (who viewed what) beside django-auditlog's change log."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.http import HttpRequest

from community_centre.client_ip import client_ip
from community_centre.models import AccessLog


def register(model, *, exclude: tuple[str, ...] = (), m2m: tuple[str, ...] = ()) -> None:
    """Record every change of `model`'s own fields (reverse relations are not fields of it),
    and of its many-to-many fields `m2m` (django-auditlog skips those unless told)."""
    reverse = [f.name for f in model._meta.get_fields() if f.auto_created and not f.concrete]
    auditlog.register(model, exclude_fields=[*reverse, *exclude], m2m_fields=set(m2m))


def register_models() -> None:
    from django.contrib.auth.models import Group

    from community_centre.models import CentreProfile, RoleGrant, Settlement, User

    register(User, exclude=("password", "last_login"))
    register(RoleGrant)
    register(Group, m2m=("permissions",))
    register(CentreProfile)
    register(Settlement)


def log_access(
    request: HttpRequest,
    beneficiary,
    action: str = AccessLog.Action.VIEW_CASE_FILE,
    detail: str = "",
) -> AccessLog:
    """Record that the logged-in user viewed, downloaded or printed part of a case file."""
    return AccessLog.objects.create(
        user=request.user,
        beneficiary=beneficiary,
        action=action,
        detail=detail[:300],
        ip_address=client_ip(request),
    )
