"""What the two-factor tests share: logging in with the password alone, phones and codes."""

from __future__ import annotations

import re
from base64 import b32decode
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from community_centre.two_factor.backup_codes import stored_form
from tests.helpers import PASSWORD, totp_code

__all__ = [
    "allow_next_try", "give_phone", "give_codes", "password_login", "secret_code", "shown_secret",
    "totp_code",
]  # fmt: skip


def password_login(client, user, next_url: str = ""):
    """POST the login form with the right password; the answer (a redirect)."""
    data = {"username": user.username, "password": PASSWORD}
    url = reverse("login") + (f"?next={next_url}" if next_url else "")
    return client.post(url, data)


def give_phone(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def give_codes(user, *codes: str) -> StaticDevice:
    device = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    for code in codes:
        device.token_set.create(token=stored_form(code))
    return device


def secret_code(secret: str) -> str:
    """The code a phone shows now for the secret typed by hand («ABCD EFGH …»)."""
    key = b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    return f"{TOTP(key).token():06d}"


def allow_next_try(device) -> None:
    """Move the device's last failure back, as if the throttling's wait had passed."""
    type(device).objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(hours=1)
    )


def shown_secret(response) -> str:
    """The secret the enrolment page shows for typing by hand, in groups of four."""
    return re.search(r'id="secret">([A-Z2-7 ]+)<', response.content.decode()).group(1)
