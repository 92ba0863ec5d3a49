"""Who must give a second factor, and which devices (phone app, backup codes) a user has."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from community_centre.staff_models import Role, RoleGrant

# The roles that must log in with a second factor: the coordinator (confirms roles, reads every
# file), the administrator (runs the system), a partner body's staff (outside the Centre).
# A social worker may enrol from «Ασφάλεια λογαριασμού»; once enrolled, the code is always asked.
REQUIRED_ROLES = frozenset({Role.COORDINATOR, Role.ADMINISTRATOR, Role.PARTNER})
PHONE_DEVICE_NAME = "phone"
BACKUP_DEVICE_NAME = "backup"
# Fewer backup codes left than this, and the account page warns.
FEW_BACKUP_CODES = 3


def second_factor_required(user) -> bool:
    """Whether `user` must give a code after the password (superusers and is_staff included)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_staff:
        return True
    return RoleGrant.objects.in_force().filter(user=user, role__in=REQUIRED_ROLES).exists()


def phone_device(user) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def backup_device(user) -> StaticDevice | None:
    """The user's confirmed set of backup codes, if any."""
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def has_second_factor(user) -> bool:
    """Whether `user` has enrolled (an app, or backup codes): then the code is always asked."""
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or StaticDevice.objects.filter(user=user, confirmed=True).exists()
    )


def second_factor_pending(user) -> bool:
    """Whether the logged-in `user` has still to give a code (or to enrol) in this session."""
    if not user.is_authenticated or user.is_verified():
        return False
    return second_factor_required(user) or has_second_factor(user)


def backup_codes_left(user) -> int:
    device = backup_device(user)
    return device.token_set.count() if device is not None else 0


def with_two_factor(users: QuerySet) -> QuerySet:
    """`users` annotated with `two_factor`: whether each has enrolled (for the staff page)."""
    confirmed = Q(user=OuterRef("pk"), confirmed=True)
    return users.annotate(
        two_factor=Exists(TOTPDevice.objects.filter(confirmed))
        | Exists(StaticDevice.objects.filter(confirmed))
    )
