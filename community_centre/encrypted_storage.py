"""Document storage that encrypts every file it writes and decrypts every file it opens.

Two backends, each the ordinary Django storage with the encryption laid over its bytes: local
disk (`EncryptedFileSystemStorage`, a FileSystemStorage) and an S3-compatible store
(`EncryptedS3Storage`, django-storages' S3Storage). Names, folders, `exists`, `delete` and
`listdir` stay the inner storage's own, so FileFields, downloads, PDFs and ZIPs see plaintext
and never know. Keys come from settings.DOCUMENT_ENCRYPTION_KEYS (the first encrypts, all
decrypt); the format is in `community_centre.encryption`.

A file written before encryption (an older install, the demo's first files) has no header: it
is read as it is, and `manage.py rotate_document_key` encrypts it.

Opening a file decrypts it into memory (documents are at most DOCUMENT_MAX_BYTES): never into a
temporary file, which would put the plaintext back on disk.
"""

from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage
from storages.backends.s3 import S3Storage

from community_centre.encryption import (
    HEADER_BYTES,
    Keyring,
    decrypt_chunks,
    encrypt_bytes,
    encrypt_chunks,
    header_key_id,
    plaintext_size,
)

READ_BYTES = 64 * 1024


@functools.lru_cache(maxsize=8)
def _keyring(keys: tuple[str, ...]) -> Keyring:
    return Keyring.from_text(keys)


def document_keyring() -> Keyring:
    """The document keys the settings name now (read each time, so tests can change them)."""
    return _keyring(tuple(settings.DOCUMENT_ENCRYPTION_KEYS))


class EncryptedStorageMixin:
    """Encrypts in `_save`, decrypts in `_open`, and gives the plaintext `size`."""

    encrypts = True

    def _save(self, name: str, content: File) -> str:
        encrypted = encrypt_bytes(b"".join(content.chunks()), document_keyring())
        return super()._save(name, ContentFile(encrypted))

    def _open(self, name: str, mode: str = "rb") -> File:
        if mode not in {"r", "rb"}:
            raise ValueError("Encrypted documents are opened for reading only.")
        with super()._open(name, "rb") as raw:
            plain = b"".join(_plaintext(raw.read))
        return ContentFile(plain, name=name)

    def size(self, name: str) -> int:
        stored = super().size(name)
        return plaintext_size(stored) if self.stored_key_id(name) else stored

    # --- what rotation and backups need ---------------------------------------------------

    def stored_key_id(self, name: str) -> bytes | None:
        """The id of the key the file is encrypted with, or None if it is stored unencrypted."""
        with super()._open(name, "rb") as raw:
            return header_key_id(raw.read(HEADER_BYTES))

    def read_stored(self, name: str) -> Iterator[bytes]:
        """The file's bytes as stored (encrypted), in pieces: what a backup copies."""
        with super()._open(name, "rb") as raw:
            while piece := raw.read(READ_BYTES):
                yield piece

    def reencrypt(self, name: str) -> None:
        """Encrypt the file again with the first key; the old one is replaced only when the new
        one is complete, so an interruption leaves the old file (still readable) in place."""
        with super()._open(name, "rb") as raw:
            plain = b"".join(_plaintext(raw.read))
        self.replace_stored(name, encrypt_chunks([plain], document_keyring()))

    def replace_stored(self, name: str, pieces) -> None:
        raise NotImplementedError


def _plaintext(read) -> Iterator[bytes]:
    """Decrypt an encrypted stream; pass through a file stored before encryption existed."""
    start = read(HEADER_BYTES)
    if header_key_id(start) is None:
        yield start
        while piece := read(READ_BYTES):
            yield piece
        return
    pending = [start]

    def replay(size: int) -> bytes:
        return pending.pop() if pending else read(size)

    yield from decrypt_chunks(replay, document_keyring())


class EncryptedFileSystemStorage(EncryptedStorageMixin, FileSystemStorage):
    """Encrypted documents in a folder of the server (PRIVATE_MEDIA_ROOT)."""

    def replace_stored(self, name: str, pieces) -> None:
        """Write beside the file, flush it to disk, then rename over it (atomic on POSIX)."""
        target = Path(self.path(name))
        target.parent.mkdir(parents=True, exist_ok=True)
        mode = target.stat().st_mode & 0o777 if target.exists() else self.file_permissions_mode
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".rotating-")
        try:
            with os.fdopen(handle, "wb") as out:
                for piece in pieces:
                    out.write(piece)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temporary, mode or 0o600)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


class EncryptedS3Storage(EncryptedStorageMixin, S3Storage):
    """Encrypted documents in an S3-compatible bucket, shared by several application servers.

    The bucket is private: objects are never addressed by URL (downloads go through the access
    gate), and a name is never overwritten by a new upload.
    """

    def get_default_settings(self) -> dict:
        return {**super().get_default_settings(), "file_overwrite": False, "default_acl": None}

    def replace_stored(self, name: str, pieces) -> None:
        """One PUT of the whole object: S3 replaces it atomically, the old one until then."""
        S3Storage._save(self, name, ContentFile(b"".join(pieces)))
