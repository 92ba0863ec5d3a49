"""Access log of case files (who viewed what) beside django-auditlog's change log."""

from __future__ import annotations

from collections.abc import Iterable

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
    from community_centre.two_factor.audit import register_devices

    register_devices(register)


def log_access(
    request: HttpRequest,
    beneficiary=None,
    action: str = AccessLog.Action.VIEW_CASE_FILE,
    detail: str = "",
    *,
    shown: Iterable[int] = (),
    purpose: str = "",
) -> AccessLog:
    """Record that the logged-in user read personal data: part of one case file (`beneficiary`,
    a model instance or an id) or a list, search or agenda that showed the people `shown`."""
    beneficiary_id = getattr(beneficiary, "pk", beneficiary)
    return AccessLog.objects.create(
        user=request.user,
        beneficiary_id=beneficiary_id,
        shown=sorted(set(shown)),
        action=action,
        detail=detail[:300],
        purpose=purpose[:300],
        ip_address=client_ip(request),
    )


def log_form_page(request: HttpRequest, beneficiary, title: str) -> None:
    """A form opened inside a case file shows the person: log the read (a GET, not a save)."""
    if request.method == "GET":
        log_access(request, beneficiary, AccessLog.Action.VIEW_SECTION, str(title))
