"""The devices in django-auditlog: who got or lost a second factor, never the secrets."""

from __future__ import annotations

from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

# Recorded: user, name, confirmed. Not the key, nor the counters that change at every login.
_TOTP_SECRET = ("key", "step", "t0", "digits", "tolerance", "drift", "last_t")
_COUNTERS = ("throttling_failure_timestamp", "throttling_failure_count", "last_used_at")


def register_devices(register) -> None:
    """Register the devices with community_centre.audit.register (the backup codes themselves,
    StaticToken, are not: their rows are the codes)."""
    register(TOTPDevice, exclude=(*_TOTP_SECRET, *_COUNTERS, "created_at"))
    register(StaticDevice, exclude=(*_COUNTERS, "created_at"))
