"""The backup file: a tar archive, encrypted as it is written with BACKUP_ENCRYPTION_KEY.

Inside, in this order: `database/dump.000000`, `.000001` … (the pg_dump custom-format output cut
into parts, since a tar member's size must be known before its bytes and a dump's is not), then
`documents/<name>` for each stored file exactly as stored (so still under the document keys),
then `manifest.json`. Decrypted with the key (`community_centre.encryption`) it is an ordinary
tar: `tar -t` lists it, and `cat database/dump.*` gives the file pg_restore reads.
"""

from __future__ import annotations

import io
import tarfile
import time
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import BinaryIO

from community_centre.encryption import Keyring, StreamEncryptor, decrypt_chunks

SUFFIX = ".kkbackup"
FORMAT = "kentro-koinotitas-backup"
VERSION = 1
DUMP_PREFIX = "database/dump."
DOCUMENTS_PREFIX = "documents/"
MANIFEST = "manifest.json"
PART_BYTES = 16 * 1024 * 1024


class EncryptingWriter(io.RawIOBase):
    """A write-only file that encrypts what is written to it into `out`."""

    def __init__(self, out: BinaryIO, keyring: Keyring) -> None:
        self._out = out
        self._encryptor = StreamEncryptor(keyring)
        out.write(self._encryptor.header)

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._out.write(self._encryptor.update(bytes(data)))
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._out.write(self._encryptor.finish())
        super().close()


class DecryptingReader(io.RawIOBase):
    """A read-only file of the plaintext of the encrypted `source`; raises if it is damaged."""

    def __init__(self, source: BinaryIO, keyring: Keyring) -> None:
        self._chunks = decrypt_chunks(source.read, keyring)
        self._buffer = b""

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        while not self._buffer:
            self._buffer = next(self._chunks, None)
            if self._buffer is None:
                self._buffer = b""
                return 0
        size = min(len(target), len(self._buffer))
        target[:size] = self._buffer[:size]
        self._buffer = self._buffer[size:]
        return size


def open_writer(out: BinaryIO, keyring: Keyring) -> tuple[EncryptingWriter, tarfile.TarFile]:
    writer = EncryptingWriter(out, keyring)
    return writer, tarfile.open(fileobj=writer, mode="w|", format=tarfile.PAX_FORMAT)


def add_member(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(time.time())
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(data))


def members(source: BinaryIO, keyring: Keyring) -> Iterator[tuple[str, BinaryIO]]:
    """Each (name, file) of the backup in order, read as it is decrypted (no seeking)."""
    reader = io.BufferedReader(DecryptingReader(source, keyring), buffer_size=1024 * 1024)
    with tarfile.open(fileobj=reader, mode="r|") as archive:
        for info in archive:
            if not info.isfile():
                continue
            yield info.name, archive.extractfile(info)


def document_name(member: str) -> str | None:
    """The stored name of a document member, or None if it is not one or could escape its folder
    (an absolute path or `..`: a doctored archive must not write outside the target)."""
    if not member.startswith(DOCUMENTS_PREFIX):
        return None
    name = member[len(DOCUMENTS_PREFIX) :]
    path = PurePosixPath(name)
    if not name or path.is_absolute() or ".." in path.parts or "\\" in name:
        return None
    return name
