"""Checking a code at the second step: the phone's six digits or a backup code.

A wrong code, a code already used (the same 30-second step) and a code sent too soon after
failures (django-otp's throttling: 1 s, 2 s, 4 s … after each failure) get their own Greek
message. Each failure also counts as a failed login for django-axes: five in a row lock the
username at that address for 15 minutes, as five wrong passwords do.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from django.contrib.auth.signals import user_login_failed
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import verify_token
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from community_centre.two_factor.backup_codes import stored_form
from community_centre.two_factor.policy import backup_device, phone_device

# Codes are typed with spaces, dashes or a new line from a copy; none of them count.
_SEPARATORS = re.compile(r"[\s\-‐‑–—]+")
CODE_MAX_LENGTH = 64


def normalise(code: str) -> str:
    """The code as the devices compare it: no separators, lower case (backup codes)."""
    return _SEPARATORS.sub("", code).lower()


@dataclass(frozen=True)
class Outcome:
    """The device that accepted the code, or the Greek reason it was refused."""

    device: object | None = None
    error: str = ""
    code: str = ""  # "wrong", "reused", "throttled", "no_device"

    @property
    def ok(self) -> bool:
        return self.device is not None


def _device_for(user, code: str):
    """The phone for six digits, else the backup codes (or the only device there is)."""
    phone, backup = phone_device(user), backup_device(user)
    if phone is not None and (code.isdigit() or backup is None):
        return phone
    return backup or phone


def wait_message(device) -> str | None:
    """The Greek «wait N seconds» if the device refuses codes for now (throttling), else None."""
    allowed, data = device.verify_is_allowed()
    if allowed:
        return None
    until = (data or {}).get("locked_until")
    seconds = max(1, math.ceil((until - timezone.now()).total_seconds())) if until else 1
    return _(
        "Πολλές λανθασμένες προσπάθειες. Περιμένετε %(seconds)d δευτερόλεπτα και δοκιμάστε ξανά."
    ) % {"seconds": seconds}


def was_used(device: TOTPDevice, code: str) -> bool:
    """Whether `code` is the phone's code of a time step already used (its `last_t` or before),
    within the tolerance the device accepts: the same code typed a second time."""
    if not code.isdigit() or device.last_t < 0:
        return False
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    for offset in range(-device.tolerance, device.tolerance + 1):
        totp.drift = device.drift + offset
        if totp.t() <= device.last_t and totp.token() == int(code):
            return True
    return False


def check_code(user, raw: str) -> Outcome:
    """Verify `raw` against the user's devices (consuming a backup code that matches)."""
    code = normalise(raw)
    device = _device_for(user, code)
    if device is None:
        return Outcome(error=_("Δεν έχετε ρυθμίσει δεύτερο παράγοντα."), code="no_device")
    waiting = wait_message(device)
    if waiting:
        return Outcome(error=waiting, code="throttled")
    # A backup code is compared as the database keeps it (backup_codes.stored_form).
    given = stored_form(code) if isinstance(device, StaticDevice) else code
    accepted = verify_token(user, device.persistent_id, given)
    if accepted is not None:
        return Outcome(device=accepted)
    if isinstance(device, TOTPDevice) and was_used(device, code):
        return Outcome(
            error=_(
                "Ο κωδικός έχει ήδη χρησιμοποιηθεί. Περιμένετε τον επόμενο κωδικό της εφαρμογής "
                "(αλλάζει κάθε 30 δευτερόλεπτα)."
            ),
            code="reused",
        )
    return Outcome(error=_("Ο κωδικός δεν είναι σωστός. Δοκιμάστε ξανά."), code="wrong")


def count_failure(request, user) -> None:
    """Record a wrong code as a failed login (django-axes): five lock the username here."""
    user_login_failed.send(
        sender=__name__, credentials={"username": user.get_username()}, request=request
    )
