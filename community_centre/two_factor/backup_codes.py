"""Backup codes are kept as a keyed hash, never as typed: a copy of the database alone gives
no code that logs anyone in.

django-otp's StaticDevice compares the stored token with the one it is given, so the project
hands it the same hash of what the person typed (`stored_form`). The hash is an HMAC keyed by
SECRET_KEY (django.utils.crypto.salted_hmac), cut to the 16 characters a StaticToken holds
(80 bits, base32). Changing SECRET_KEY makes every backup code unusable: the person then logs in
with the phone and makes new ones, or the coordinator resets the second factor.
"""

from __future__ import annotations

import base64

from django.utils.crypto import salted_hmac

SALT = "community_centre.two_factor.backup_codes"
STORED_LENGTH = 16  # django_otp StaticToken.token's max_length


def stored_form(code: str) -> str:
    """What the database keeps of the backup code `code` (already normalised)."""
    digest = salted_hmac(SALT, code, algorithm="sha256").digest()
    return base64.b32encode(digest).decode().lower()[:STORED_LENGTH]
