"""Make one encrypted backup: the database (pg_dump, custom format), the stored documents as
stored, and a manifest, all read from one snapshot of the database (see `backup_archive`).

The file is written as `<name>.partial` and renamed only when complete and flushed to disk, so a
backup that stopped half-way never looks like one that can be restored.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community_centre import backup_archive as archive_format
from community_centre.backup_db import (
    BackupError,
    applied_migrations,
    libpq_environment,
    open_snapshot,
    pg_program,
    row_counts,
    server_version,
)
from community_centre.backup_files import StoredFile, stored_files
from community_centre.encryption import Keyring, header_key_id


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    tables: int
    rows: int
    documents: int
    missing: int
    seconds: float


def backup_name(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return f"kentro-backup-{local:%Y%m%d-%H%M%S}{archive_format.SUFFIX}"


def write_backup(
    directory: Path, keyring: Keyring, *, progress: Callable[[int, int], None] = lambda d, t: None
) -> BackupResult:
    """Write a backup into `directory` and return what it holds."""
    started = timezone.now()
    directory.mkdir(parents=True, exist_ok=True)
    final = directory / backup_name(started)
    partial = final.with_name(final.name + ".partial")
    handle = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(handle, "wb") as out:
            manifest = _write(out, keyring, started, progress)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, final)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return BackupResult(
        path=final,
        size=final.stat().st_size,
        tables=len(manifest["tables"]),
        rows=sum(manifest["tables"].values()),
        documents=len(manifest["documents"]),
        missing=len(manifest["missing_documents"]),
        seconds=(timezone.now() - started).total_seconds(),
    )


def _write(out, keyring: Keyring, started: datetime, progress) -> dict:
    writer, archive = archive_format.open_writer(out, keyring)
    with transaction.atomic():
        snapshot = open_snapshot()
        with connection.cursor() as cursor:
            manifest = {
                "format": archive_format.FORMAT,
                "version": archive_format.VERSION,
                "created_at": started.isoformat(),
                "database": {
                    "name": connection.settings_dict["NAME"],
                    "server_version": server_version(cursor),
                },
                "migrations": applied_migrations(cursor),
                "tables": row_counts(cursor),
            }
        files = stored_files()
        manifest["dump"] = _dump(archive, snapshot)
    manifest.update(_documents(archive, files, progress))
    data = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
    archive_format.add_member(archive, archive_format.MANIFEST, data)
    archive.close()
    writer.close()
    return manifest


def _dump(archive, snapshot: str) -> dict:
    """Stream pg_dump's output into the archive in parts; its errors go to a temporary file."""
    command = [pg_program("pg_dump"), "--format=custom", f"--snapshot={snapshot}", "--no-password"]
    digest, total, parts = hashlib.sha256(), 0, 0
    with tempfile.TemporaryFile() as errors:
        env = libpq_environment(connection.settings_dict)
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, env=env) as dump:
            while part := dump.stdout.read(archive_format.PART_BYTES):
                archive_format.add_member(archive, f"{archive_format.DUMP_PREFIX}{parts:06d}", part)
                digest.update(part)
                total += len(part)
                parts += 1
        if dump.returncode != 0:
            errors.seek(0)
            raise BackupError(
                _("Το pg_dump απέτυχε: %(error)s")
                % {"error": errors.read().decode(errors="replace").strip()}
            )
    return {"parts": parts, "bytes": total, "sha256": digest.hexdigest()}


def _documents(archive, files: list[StoredFile], progress) -> dict:
    listed, missing, keys = [], [], Counter()
    for done, stored in enumerate(files, start=1):
        data = _stored_bytes(stored)
        if data is None:
            missing.append(stored.name)
        else:
            archive_format.add_member(archive, archive_format.DOCUMENTS_PREFIX + stored.name, data)
            entry = {"name": stored.name, "bytes": len(data)}
            listed.append({**entry, "sha256": hashlib.sha256(data).hexdigest()})
            key = header_key_id(data[:64])
            keys[key.hex() if key else "unencrypted"] += 1
        progress(done, len(files))
    return {"documents": listed, "missing_documents": missing, "document_keys": dict(keys)}


def _stored_bytes(stored: StoredFile) -> bytes | None:
    """The file as the storage keeps it (encrypted), or None if the store lacks it."""
    storage = stored.storage
    if not storage.exists(stored.name):
        return None
    if hasattr(storage, "read_stored"):
        return b"".join(storage.read_stored(stored.name))
    with storage.open(stored.name, "rb") as opened:
        return opened.read()
