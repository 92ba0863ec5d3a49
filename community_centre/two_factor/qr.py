"""The enrolment's QR code, drawn on the server as inline SVG (no external service, no script),
and the secret in groups of four for typing by hand."""

from __future__ import annotations

from base64 import b32encode

import segno
from django.utils.safestring import SafeString, mark_safe

from community_centre.models import CentreProfile


def issuer(device=None) -> str:
    """OTP_TOTP_ISSUER: «Κέντρο Κοινότητας Δήμου Καρπενησίου», as the phone's app lists it."""
    municipality = CentreProfile.current().municipality.strip()
    if municipality.startswith("Δήμος "):
        municipality = "Δήμου " + municipality.removeprefix("Δήμος ")
    return f"Κέντρο Κοινότητας {municipality}".strip()


def qr_svg(uri: str) -> SafeString:
    """The otpauth URI as an SVG QR code, to be placed in the page as it is."""
    code = segno.make(uri, error="m")
    svg = code.svg_inline(scale=4, border=2, dark="#000", light="#fff", omitsize=False)
    # segno writes only its own markup (paths and numbers); the URI is not in it.
    return mark_safe(svg.replace("<svg ", '<svg role="img" aria-hidden="true" ', 1))  # noqa: S308


def secret_groups(device) -> str:
    """The device's secret in base32, in groups of four: «ABCD EFGH …»."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
