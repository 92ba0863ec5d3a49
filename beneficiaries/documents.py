"""Checks on uploaded documents: size limit, and that the bytes really are the claimed type.

The file's name only says what the uploader claims; the bytes are parsed (first PDF page, the
whole image) and must be that kind of file. Nothing here writes to storage: a refused file
leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageFile
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
ALLOWED = {".pdf": PDF, ".jpg": JPEG, ".jpeg": JPEG, ".png": PNG}
_PIL_FORMATS = {"JPEG": JPEG, "PNG": PNG}
# JPEG decoding at 1/8 scale still reads every coded block, so truncation shows, at little cost.
_JPEG_CHECK_SCALE = 8
_strict_loading_lock = threading.Lock()


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    size: int
    sha256: str


def _extension(name: str) -> str:
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _head(upload: UploadedFile, length: int = 8) -> bytes:
    upload.seek(0)
    head = upload.read(length)
    upload.seek(0)
    return head


def _is_pdf(upload: UploadedFile) -> bool:
    """True if the first page parses; a password-locked PDF is refused with its own message."""
    try:
        reader = PdfReader(upload, strict=False)
        reader.pages[0]  # noqa: B018 - parse: a header alone is not a PDF
    except FileNotDecryptedError:
        raise ValidationError(
            _(
                "Το PDF είναι κλειδωμένο με συνθηματικό και δεν μπορεί να ελεγχθεί. "
                "Ανεβάστε αντίγραφο χωρίς κλείδωμα."
            ),
            code="pdf_locked",
        ) from None
    # Malformed input can raise almost anything inside a parser; all of it means "not a PDF".
    except Exception:  # noqa: BLE001
        return False
    finally:
        upload.seek(0)
    return True


@contextmanager
def _strict_image_loading() -> Iterator[None]:
    """Make Pillow fail on truncated images while the block runs.

    WeasyPrint sets Pillow's process-wide ImageFile.LOAD_TRUNCATED_IMAGES on import, so that a
    broken picture does not stop a PDF; with it a half-uploaded JPEG would decode "fine". The lock
    keeps concurrent checks from restoring the flag out of order; PDF rendering loses nothing,
    as its templates load no images.
    """
    with _strict_loading_lock:
        previous = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = previous


def _open_image(upload: UploadedFile) -> Image.Image:
    """Open as JPEG or PNG only (no other Pillow parser sees the bytes), within the pixel limit."""
    upload.seek(0)
    image = Image.open(upload, formats=tuple(_PIL_FORMATS))
    # Pillow itself only warns between 1x and 2x its limit; a scan never comes near either.
    if Image.MAX_IMAGE_PIXELS and image.width * image.height > Image.MAX_IMAGE_PIXELS:
        # Not image.close(): that would close the upload itself, which the caller still reads.
        raise Image.DecompressionBombError(f"{image.width}×{image.height} pixels")
    return image


def _image_kind(upload: UploadedFile) -> str | None:
    """JPEG or PNG if the whole image decodes within the size limits, else None."""
    try:
        with _strict_image_loading():
            with _open_image(upload) as image:
                kind = _PIL_FORMATS[image.format]
                image.verify()  # structure and checksums (PNG)
            with _open_image(upload) as image:
                scaled = (max(1, size // _JPEG_CHECK_SCALE) for size in image.size)
                image.draft("RGB", tuple(scaled))  # JPEG only; PNG ignores it
                image.load()  # the pixel data itself (a JPEG header on garbage fails here)
    # The warning is an exception too when Python runs with -W error.
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("Η εικόνα έχει υπερβολικά μεγάλες διαστάσεις. Ανεβάστε σάρωση σε μικρότερη ανάλυση."),
            code="image_too_large",
        ) from None
    except Exception:  # noqa: BLE001 - as with PDFs: any decoder error means "not an image"
        return None
    finally:
        upload.seek(0)
    return kind


def _sniff(upload: UploadedFile) -> str | None:
    """The content type the bytes really have (PDF, JPEG or PNG), or None."""
    if _head(upload).startswith(b"%PDF-"):
        return PDF if _is_pdf(upload) else None
    return _image_kind(upload)


def _sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def check_upload(upload: UploadedFile) -> CheckedUpload:
    """Refuse files that are empty, too large, of another type, or not what their name claims."""
    if not upload.size:
        raise ValidationError(_("Το αρχείο είναι κενό."), code="empty")
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
    if _sniff(upload) != claimed:
        raise ValidationError(
            _("Το περιεχόμενο του αρχείου δεν είναι το %(kind)s που δηλώνει το όνομά του.")
            % {"kind": _extension(upload.name).lstrip(".").upper()},
            code="content_mismatch",
        )
    return CheckedUpload(content_type=claimed, size=upload.size, sha256=_sha256(upload))
