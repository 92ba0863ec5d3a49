"""Checks on uploaded documents: size limit, and that the bytes really are the claimed type."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

ALLOWED = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}
_PIL_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png"}


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    size: int
    sha256: str


def _extension(name: str) -> str:
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _sniff(upload) -> str | None:
    """The content type the bytes really have (PDF, JPEG or PNG), or None."""
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        try:
            PdfReader(upload, strict=False).pages[0]  # noqa: B018 - parse: a header alone is not a PDF
        except (PdfReadError, IndexError, ValueError, KeyError, TypeError, OSError):
            return None
        finally:
            upload.seek(0)
        return "application/pdf"
    try:
        with Image.open(upload) as image:
            image.verify()
            kind = _PIL_FORMATS.get(image.format or "")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        kind = None
    upload.seek(0)
    return kind


def check_upload(upload) -> CheckedUpload:
    """Refuse files that are too large, of another type, or not what their name claims."""
    if upload.size > settings.DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("Το αρχείο είναι %(size)s· το όριο είναι %(limit)s.")
            % {
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.DOCUMENT_MAX_BYTES),
            },
            code="too_large",
        )
    claimed = ALLOWED.get(_extension(upload.name))
    if claimed is None:
        raise ValidationError(
            _("Επιτρέπονται μόνο αρχεία PDF, JPEG ή PNG."), code="type_not_allowed"
        )
    actual = _sniff(upload)
    if actual != claimed:
        raise ValidationError(
            _("Το περιεχόμενο του αρχείου δεν είναι το %(kind)s που δηλώνει το όνομά του.")
            % {"kind": _extension(upload.name).lstrip(".").upper()},
            code="content_mismatch",
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedUpload(content_type=actual, size=upload.size, sha256=digest.hexdigest())
