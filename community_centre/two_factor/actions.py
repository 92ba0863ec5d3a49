"""Enrolling, renewing backup codes, removing the second factor, and the coordinator's reset.

Every change leaves a django-auditlog entry (the devices are registered without their secrets)
and, where the coordinator must know of it, a `StaffEvent`, as role changes do.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from community_centre.models import User
from community_centre.staff_models import StaffEvent
from community_centre.two_factor.backup_codes import stored_form
from community_centre.two_factor.policy import (
    BACKUP_DEVICE_NAME,
    PHONE_DEVICE_NAME,
    second_factor_required,
)

RESET_PERMISSION = "community_centre.confirm_rolegrant"  # the coordinator's


class TwoFactorError(Exception):
    """A change the rules forbid; the message says why, in Greek."""


def _lock_user(user):
    """Changes to one user's devices wait for each other."""
    return User.objects.select_for_update().get(pk=user.pk)


@transaction.atomic
def enrolment_device(*, user) -> TOTPDevice:
    """The user's phone being enrolled: one unconfirmed device, made once, kept until confirmed
    (a reload shows the same secret, so a phone already scanned keeps working)."""
    _lock_user(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=PHONE_DEVICE_NAME, confirmed=False)
    return device


def _new_backup_codes(user) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.TWO_FACTOR_BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=stored_form(c)) for c in codes)
    device.throttle_reset()
    return codes


@transaction.atomic
def two_factor_enrol(*, device: TOTPDevice, ip_address: str | None = None) -> list[str]:
    """Confirm the phone (its first code was right): it replaces any earlier phone, and ten new
    backup codes replace any earlier ones. Returns the backup codes, to be shown once."""
    user = _lock_user(device.user)
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_backup_codes(user)
    StaffEvent.objects.create(
        kind=StaffEvent.Kind.TWO_FACTOR_ENROLLED, subject=user, actor=user, ip_address=ip_address
    )
    return codes


@transaction.atomic
def backup_codes_renew(*, user) -> list[str]:
    """Ten new backup codes; the earlier ones stop working. Returns them, to be shown once."""
    return _new_backup_codes(_lock_user(user))


def _delete_devices(user) -> int:
    # One by one, so that django-auditlog records each deletion.
    devices = [*TOTPDevice.objects.filter(user=user), *StaticDevice.objects.filter(user=user)]
    for device in devices:
        device.delete()
    return len(devices)


@transaction.atomic
def two_factor_remove(*, user, ip_address: str | None = None) -> None:
    """The holder turns the second factor off: only where it is optional (a social worker)."""
    user = _lock_user(user)
    if second_factor_required(user):
        raise TwoFactorError(_("Ο ρόλος σας απαιτεί δεύτερο παράγοντα: δεν απενεργοποιείται."))
    _delete_devices(user)
    StaffEvent.objects.create(
        kind=StaffEvent.Kind.TWO_FACTOR_REMOVED, subject=user, actor=user, ip_address=ip_address
    )


def _reset(user, *, actor, reason: str, ip_address: str | None) -> StaffEvent:
    reason = reason.strip()
    if not reason:
        raise TwoFactorError(_("Γράψτε την αιτία της επαναφοράς."))
    user = _lock_user(user)
    count = _delete_devices(user)
    detail = _("συσκευές που διαγράφηκαν: %(count)d — %(reason)s") % {
        "count": count,
        "reason": reason,
    }
    return StaffEvent.objects.create(
        kind=StaffEvent.Kind.TWO_FACTOR_RESET,
        subject=user,
        actor=actor,
        ip_address=ip_address,
        detail=detail[:300],
    )


@transaction.atomic
def two_factor_reset(*, user, actor, reason: str, ip_address: str | None = None) -> StaffEvent:
    """The coordinator resets someone's lost phone: their devices are deleted and they enrol
    again at their next login. Nobody resets their own."""
    if actor.pk == user.pk:
        raise TwoFactorError(_("Κανείς δεν επαναφέρει τον δικό του δεύτερο παράγοντα."))
    if not actor.has_perm(RESET_PERMISSION):
        raise TwoFactorError(_("Μόνο ο/η συντονιστής/τρια επαναφέρει τον δεύτερο παράγοντα."))
    return _reset(user, actor=actor, reason=reason, ip_address=ip_address)


@transaction.atomic
def two_factor_reset_from_server(*, user, reason: str) -> StaffEvent:
    """`manage.py reset_two_factor`: for the last coordinator, who lost both phone and codes.
    Whoever runs commands on the server holds the database already; the event says so."""
    return _reset(user, actor=None, reason=reason, ip_address=None)
