"""Restore a backup into a given database (and its documents into a folder or the storage).

Nothing is touched before the backup has been read to its end once: the key is checked from the
file's first bytes, then every chunk's tag, the dump's and each document's checksum against the
manifest. Only then is the target checked (empty, unless forced) and the restore made: the
database in one transaction of pg_restore, then the documents; at the end the row counts of the
restored database are compared with the manifest's.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files.storage import Storage
from django.utils.translation import gettext as _

from community_centre import backup_archive as archive_format
from community_centre.backup_db import (
    TABLES_SQL,
    BackupError,
    connect,
    libpq_environment,
    pg_program,
    row_counts,
)
from community_centre.encryption import EncryptionError, Keyring, header_key_id

READ_BYTES = 1024 * 1024


@dataclass
class RestoreResult:
    manifest: dict
    documents: int = 0
    skipped_documents: int = 0
    mismatched_tables: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(self.manifest["tables"].values())


def check_key(path: Path, keyring: Keyring) -> None:
    """Refuse, before reading further, a file that is not a backup or not of this key."""
    try:
        with path.open("rb") as source:
            wanted = header_key_id(source.read(64))
    except OSError as exc:
        raise BackupError(_("Δεν διαβάζεται το αρχείο %(path)s.") % {"path": path}) from exc
    if wanted is None:
        raise BackupError(
            _("Το %(path)s δεν είναι αντίγραφο ασφαλείας αυτής της εφαρμογής.") % {"path": path}
        )
    if wanted != keyring.primary_id:
        raise BackupError(
            _(
                "Λάθος κλειδί: το αντίγραφο δεν κρυπτογραφήθηκε με το BACKUP_ENCRYPTION_KEY που "
                "ορίστηκε. Δεν επαναφέρθηκε τίποτα."
            )
        )


def verify(path: Path, keyring: Keyring) -> dict:
    """Read the whole backup once; return its manifest if every part is whole."""
    dump, documents, manifest = hashlib.sha256(), {}, None
    try:
        with path.open("rb") as source:
            for name, member in archive_format.members(source, keyring):
                if name.startswith(archive_format.DUMP_PREFIX):
                    _feed(member, dump.update)
                elif stored := archive_format.document_name(name):
                    digest = hashlib.sha256()
                    _feed(member, digest.update)
                    documents[stored] = digest.hexdigest()
                elif name == archive_format.MANIFEST:
                    manifest = json.loads(member.read())
    except (EncryptionError, ValueError, OSError, EOFError) as exc:
        raise BackupError(_damaged(path)) from exc
    expected = {entry["name"]: entry["sha256"] for entry in (manifest or {}).get("documents", [])}
    if (
        manifest is None
        or manifest.get("format") != archive_format.FORMAT
        or manifest["dump"]["sha256"] != dump.hexdigest()
        or expected != documents
    ):
        raise BackupError(_damaged(path))
    return manifest


def _damaged(path: Path) -> str:
    return _(
        "Το αντίγραφο %(path)s είναι κατεστραμμένο ή ελλιπές (δεν ταιριάζει με τη λίστα του). "
        "Δεν επαναφέρθηκε τίποτα."
    ) % {"path": path}


def check_target_empty(database: dict) -> None:
    try:
        with connect(database) as target:
            tables = target.execute(TABLES_SQL).fetchall()
    except Exception as exc:  # psycopg's many errors: all mean the target is not reachable
        raise BackupError(
            _("Δεν γίνεται σύνδεση στη βάση προορισμού: %(error)s") % {"error": exc}
        ) from exc
    if tables:
        raise BackupError(
            _(
                "Η βάση προορισμού %(name)s δεν είναι άδεια (%(count)d πίνακες). Επαναφορά σε "
                "μη άδεια βάση μόνο με --force, που τη σβήνει και την ξαναγράφει."
            )
            % {"name": database["NAME"], "count": len(tables)}
        )


def restore(
    path: Path,
    keyring: Keyring,
    database: dict,
    *,
    manifest: dict,
    documents: Path | Storage | None,
    force: bool,
    progress: Callable[[int, int], None] = lambda d, t: None,
) -> RestoreResult:
    """Restore the verified backup at `path` into `database` (and `documents`, if given)."""
    result = RestoreResult(manifest=manifest)
    total = len(manifest["documents"])
    with path.open("rb") as source, _PgRestore(database, force=force) as pg_restore:
        for name, member in archive_format.members(source, keyring):
            if name.startswith(archive_format.DUMP_PREFIX):
                _feed(member, pg_restore.write)
            elif stored := archive_format.document_name(name):
                pg_restore.finish()
                if documents is not None:
                    written = _put_document(documents, stored, member.read())
                    result.documents += written
                    result.skipped_documents += not written
                progress(result.documents + result.skipped_documents, total)
    with connect(database) as target, target.cursor() as cursor:
        restored = row_counts(cursor)
    result.mismatched_tables = {
        table: (count, restored.get(table, -1))
        for table, count in manifest["tables"].items()
        if restored.get(table) != count
    }
    return result


class _PgRestore:
    """pg_restore reading the dump from its standard input, in one transaction."""

    def __init__(self, database: dict, *, force: bool) -> None:
        self._command = [
            pg_program("pg_restore"),
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--no-password",
            f"--dbname={database['NAME']}",
            *(["--clean", "--if-exists"] if force else []),
        ]
        self._env = libpq_environment(database)
        self._process: subprocess.Popen | None = None
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed by __exit__

    def __enter__(self) -> _PgRestore:
        self._process = subprocess.Popen(
            self._command, stdin=subprocess.PIPE, stdout=self._errors, stderr=self._errors,
            env=self._env,
        )  # fmt: skip
        return self

    def write(self, data: bytes) -> None:
        try:
            self._process.stdin.write(data)
        except BrokenPipeError:
            self.finish()  # pg_restore stopped: its own message says why

    def finish(self) -> None:
        if self._process.stdin.closed:
            return
        with contextlib.suppress(BrokenPipeError):
            self._process.stdin.close()
        if self._process.wait() != 0:
            self._errors.seek(0)
            message = self._errors.read().decode(errors="replace").strip()
            raise BackupError(_("Το pg_restore απέτυχε: %(error)s") % {"error": message})

    def __exit__(self, kind, value, traceback) -> None:
        try:
            if kind is None:
                self.finish()
            elif self._process.poll() is None:
                self._process.kill()
                self._process.wait()
        finally:
            self._errors.close()


def _put_document(documents: Path | Storage, name: str, data: bytes) -> bool:
    """Write one document as stored; an existing file is never overwritten (False)."""
    if isinstance(documents, Path):
        target = documents / name
        if target.exists():
            return False
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with target.open("xb") as out:
            out.write(data)
        target.chmod(0o600)
        return True
    if documents.exists(name):
        return False
    documents.replace_stored(name, [data])
    return True


def _feed(member, write: Callable[[bytes], object]) -> None:
    while piece := member.read(READ_BYTES):
        write(piece)
