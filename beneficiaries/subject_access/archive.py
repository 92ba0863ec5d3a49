"""The ZIP handed to the person: the PDF, the JSON, and the files of the case file
(documents/…, letters/…, referral-slips/…), each read through its storage (`storage.open()`:
an encrypted storage decrypts it transparently)."""

from __future__ import annotations

import hashlib
import io
import logging
import zipfile

from django.utils import timezone

from beneficiaries.models import Beneficiary
from beneficiaries.subject_access.collect import Export, collect, files_of
from beneficiaries.subject_access.forms import channel_label
from beneficiaries.subject_access.json_export import as_json
from beneficiaries.subject_access.pdf import as_pdf
from community_centre.models import CentreProfile

log = logging.getLogger(__name__)


def archive_name(beneficiary: Beneficiary, export: Export) -> str:
    day = timezone.localtime(export.produced_at).date().isoformat()
    return f"subject-access-{beneficiary.pk}-{day}"


def build_archive(beneficiary: Beneficiary, *, requested_on, channel: str) -> tuple[str, bytes]:
    """(file name, bytes) of the ZIP of everything held about `beneficiary`."""
    export = collect(beneficiary, requested_on=requested_on, channel=channel)
    centre = CentreProfile.current()
    name = archive_name(beneficiary, export)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        export.files = [
            _add_file(archive, path, fieldfile) for path, fieldfile in files_of(beneficiary)
        ]
        archive.writestr(f"{name}.json", as_json(export, centre))
        archive.writestr(f"{name}.pdf", as_pdf(export, centre, channel_label(channel)))
    return f"{name}.zip", buffer.getvalue()


def _add_file(archive: zipfile.ZipFile, path: str, fieldfile) -> dict:
    """Copy one stored file into the ZIP; a file missing from the storage, or one it cannot
    read (a storage that decrypts may refuse), is listed as missing: the export is still given,
    and says what it lacks."""
    try:
        with fieldfile.storage.open(fieldfile.name, "rb") as stored:
            content = stored.read()
    except Exception as exc:  # noqa: BLE001 - any storage's failure to read one file
        log.warning("subject access: stored file %s unreadable: %s", fieldfile.name, exc)
        return {"path": path, "missing": True}
    archive.writestr(path, content)
    return {"path": path, "size": len(content), "sha256": hashlib.sha256(content).hexdigest()}
