"""Authenticated encryption of files in chunks (AES-256-GCM), for stored documents and backups.

The format, one header then the chunks:

    header   = MAGIC (8 bytes) | key id (8 bytes) | salt (16 bytes) | nonce prefix (7 bytes)
    file key = HKDF-SHA256(key, salt)
    chunk i  = AES-GCM(file key, nonce = prefix | i (4 bytes) | last (1 byte), data, aad = header)

Each chunk holds CHUNK bytes of plaintext (the last one 0 to CHUNK) plus a 16-byte tag. The
header names the key, so a reader picks the right key without trying each one and the rotation
knows which files still carry an old key from their first bytes. Each file has an AES key of its
own (derived with its random salt), so no two files ever share a nonce under one AES key.
Numbering the chunks and marking the last one in the nonce makes reordering, dropping or
truncating chunks fail the tag (the STREAM construction, as Tink's streaming AEAD and age do).
Sizes follow from the length alone (`plaintext_size`), and a file of any size is encrypted and
decrypted in constant memory.

Why not Fernet: it needs the whole message in memory, grows it by a third (base64), hides the
plaintext length until decrypted, and does not say which key of a MultiFernet made a token.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import secrets
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"KKENC\x00\x01\x00"
KEY_ID_BYTES = 8
SALT_BYTES = 16
PREFIX_BYTES = 7
HEADER_BYTES = len(MAGIC) + KEY_ID_BYTES + SALT_BYTES + PREFIX_BYTES
TAG_BYTES = 16
CHUNK = 64 * 1024
KEY_BYTES = 32
FILE_KEY_INFO = b"community-centre file key v1"


class EncryptionError(Exception):
    """A file that cannot be decrypted: unknown key, damaged or truncated."""


class UnknownKey(EncryptionError):
    """The file was encrypted with a key that is not among the configured ones."""


class BadKey(ValueError):
    """A configured key that is not 32 bytes in URL-safe base64."""


def generate_key() -> str:
    """A new key in the form the settings read: 32 random bytes, URL-safe base64 (44 chars)."""
    return base64.urlsafe_b64encode(secrets.token_bytes(KEY_BYTES)).decode("ascii")


def parse_key(text: str) -> bytes:
    """The 32 bytes of a key written in URL-safe base64 (with or without the `=` padding)."""
    cleaned = text.strip()
    try:
        raw = base64.urlsafe_b64decode(cleaned + "=" * (-len(cleaned) % 4))
    except (binascii.Error, ValueError) as exc:
        raise BadKey("not URL-safe base64") from exc
    if len(raw) != KEY_BYTES:
        raise BadKey(f"{len(raw)} bytes instead of {KEY_BYTES}")
    return raw


def key_id(key: bytes) -> bytes:
    """A short public name of a key (a hash of it): written in each file's header."""
    return hashlib.sha256(b"community-centre key id\x00" + key).digest()[:KEY_ID_BYTES]


@dataclass(frozen=True)
class Keyring:
    """The keys in use: the first encrypts, every one decrypts."""

    keys: tuple[bytes, ...]

    @classmethod
    def from_text(cls, keys: Iterable[str]) -> Keyring:
        return cls(tuple(parse_key(key) for key in keys))

    @property
    def primary_id(self) -> bytes:
        return key_id(self.keys[0])

    def key(self, wanted: bytes) -> bytes:
        """The configured key whose id is `wanted`; UnknownKey if there is none."""
        for key in self.keys:
            if key_id(key) == wanted:
                return key
        raise UnknownKey(wanted.hex())

    def file_cipher(self, header: bytes) -> AESGCM:
        """The cipher of the file that starts with `header`: its own key, from its salt."""
        wanted = header_key_id(header)
        if wanted is None:
            raise EncryptionError("not an encrypted file")
        start = len(MAGIC) + KEY_ID_BYTES
        salt = header[start : start + SALT_BYTES]
        hkdf = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=FILE_KEY_INFO)
        return AESGCM(hkdf.derive(self.key(wanted)))


def header_key_id(start: bytes) -> bytes | None:
    """The key id in a file that starts with `start`, or None if it is not in this format."""
    if len(start) < HEADER_BYTES or not start.startswith(MAGIC):
        return None
    return start[len(MAGIC) : len(MAGIC) + KEY_ID_BYTES]


def plaintext_size(stored: int) -> int:
    """The plaintext length of an encrypted file of `stored` bytes, without reading it."""
    body = stored - HEADER_BYTES
    chunks = max(1, -(-body // (CHUNK + TAG_BYTES)))
    return body - chunks * TAG_BYTES


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    return prefix + index.to_bytes(4, "big") + (b"\x01" if last else b"\x00")


class StreamEncryptor:
    """Encrypts bytes pushed in pieces: `header`, then what `update` and `finish` return."""

    def __init__(self, keyring: Keyring) -> None:
        self.header = MAGIC + keyring.primary_id + os.urandom(SALT_BYTES + PREFIX_BYTES)
        self._cipher = keyring.file_cipher(self.header)
        self._pending = b""
        self._index = 0

    def update(self, data: bytes) -> bytes:
        pending = self._pending + data if self._pending else bytes(data)
        out = []
        start = 0
        # A chunk goes out only when more follows, so the last one is never empty unless all is.
        while len(pending) - start > CHUNK:
            out.append(self._seal(pending[start : start + CHUNK], last=False))
            start += CHUNK
        self._pending = pending[start:]
        return b"".join(out)

    def finish(self) -> bytes:
        return self._seal(self._pending, last=True)

    def _seal(self, data: bytes, *, last: bool) -> bytes:
        nonce = _nonce(self.header[-PREFIX_BYTES:], self._index, last)
        self._index += 1
        return self._cipher.encrypt(nonce, data, self.header)


def encrypt_chunks(data: Iterable[bytes], keyring: Keyring) -> Iterator[bytes]:
    """The encrypted form of the bytes `data` yields, header first, chunk by chunk."""
    encryptor = StreamEncryptor(keyring)
    yield encryptor.header
    for piece in data:
        if sealed := encryptor.update(piece):
            yield sealed
    yield encryptor.finish()


def decrypt_chunks(read: Callable[[int], bytes], keyring: Keyring) -> Iterator[bytes]:
    """The plaintext of the encrypted stream `read` gives, chunk by chunk; raises if damaged."""
    header = _read_exactly(read, HEADER_BYTES)
    cipher = keyring.file_cipher(header)
    prefix = header[-PREFIX_BYTES:]
    current = _read_exactly(read, CHUNK + TAG_BYTES)
    index = 0
    while True:
        full = len(current) == CHUNK + TAG_BYTES
        following = _read_exactly(read, CHUNK + TAG_BYTES) if full else b""
        last = not following
        try:
            yield cipher.decrypt(_nonce(prefix, index, last), current, header)
        except InvalidTag as exc:
            raise EncryptionError(f"chunk {index} is damaged or the file is truncated") from exc
        if last:
            return
        current, index = following, index + 1


def encrypt_bytes(data: bytes, keyring: Keyring) -> bytes:
    return b"".join(encrypt_chunks([data], keyring))


def decrypt_bytes(data: bytes, keyring: Keyring) -> bytes:
    position = 0

    def read(size: int) -> bytes:
        nonlocal position
        piece = data[position : position + size]
        position += len(piece)
        return piece

    return b"".join(decrypt_chunks(read, keyring))


def _read_exactly(read: Callable[[int], bytes], size: int) -> bytes:
    """Up to `size` bytes: fewer only at the end of the stream (a pipe may return short reads)."""
    parts: list[bytes] = []
    missing = size
    while missing:
        piece = read(missing)
        if not piece:
            break
        parts.append(piece)
        missing -= len(piece)
    return b"".join(parts)


def keys_from_text(raw: str, name: str) -> list[str]:
    """The keys of a comma-separated setting, each checked; ValueError names the bad one."""
    keys = [key.strip() for key in raw.split(",") if key.strip()]
    for position, key in enumerate(keys, start=1):
        try:
            parse_key(key)
        except BadKey as exc:
            raise ValueError(
                f"{name}: key {position} is not a key ({exc}). Generate one with: "
                "python3 -c 'import base64, os; print(base64.urlsafe_b64encode(os.urandom(32))"
                ".decode())'"
            ) from exc
    if len(set(map(parse_key, keys))) != len(keys):
        raise ValueError(f"{name}: the same key is listed twice.")
    return keys


def development_key(path: os.PathLike) -> str:
    """The key kept in `path` (0600), created the first time: development checkouts only."""
    path = os.fspath(path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        with open(path, encoding="ascii") as existing:
            return existing.read().strip()
    with os.fdopen(handle, "w", encoding="ascii") as out:
        key = generate_key()
        out.write(key + "\n")
    return key
