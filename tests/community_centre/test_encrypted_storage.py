"""Documents encrypted at rest: the format, the storage, the key settings and the rotation."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.management import call_command
from django.core.management.base import CommandError

from beneficiaries.models import Document
from community_centre.encrypted_storage import EncryptedFileSystemStorage, EncryptedS3Storage
from community_centre.encryption import (
    CHUNK,
    HEADER_BYTES,
    MAGIC,
    EncryptionError,
    Keyring,
    UnknownKey,
    decrypt_bytes,
    development_key,
    encrypt_bytes,
    generate_key,
    header_key_id,
    key_id,
    parse_key,
    plaintext_size,
)
from tests.beneficiaries.factories import DocumentFactory

BASE_DIR = Path(__file__).resolve().parent.parent.parent
KEY_A, KEY_B = generate_key(), generate_key()


@pytest.fixture
def private_root(settings, tmp_path, db) -> Path:
    """Each test stores into its own folder, with key A."""
    root = tmp_path / "documents"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "community_centre.encrypted_storage.EncryptedFileSystemStorage",
            "OPTIONS": {"location": root, "base_url": None},
        },
    }
    settings.DOCUMENT_ENCRYPTION_KEYS = [KEY_A]
    return root


def keyring(*keys: str) -> Keyring:
    return Keyring.from_text(keys)


# --- the format ----------------------------------------------------------------------------


@pytest.mark.parametrize("length", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 7])
def test_any_length_comes_back_whole_and_its_size_is_known_without_decrypting(length):
    plain = os.urandom(length)
    sealed = encrypt_bytes(plain, keyring(KEY_A))
    assert sealed.startswith(MAGIC)
    assert plaintext_size(len(sealed)) == length
    assert decrypt_bytes(sealed, keyring(KEY_B, KEY_A)) == plain


def test_the_header_names_the_key_that_encrypted_it():
    sealed = encrypt_bytes(b"x", keyring(KEY_B, KEY_A))
    assert header_key_id(sealed) == key_id(parse_key(KEY_B))
    assert header_key_id(b"%PDF-1.7 not encrypted at all") is None


def test_the_same_content_twice_is_encrypted_differently():
    first, second = (encrypt_bytes(b"same scan", keyring(KEY_A)) for _ in range(2))
    assert first[:16] == second[:16]  # the magic and the key id
    assert first[16:] != second[16:]  # salt, nonces and so every byte of the ciphertext


def test_a_file_of_a_key_not_configured_is_refused():
    sealed = encrypt_bytes(b"secret", keyring(KEY_A))
    with pytest.raises(UnknownKey):
        decrypt_bytes(sealed, keyring(KEY_B))


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-1],  # truncated inside the last chunk
        lambda data: data[: HEADER_BYTES + CHUNK + 16],  # the last chunk dropped
        lambda data: data[:100] + bytes([data[100] ^ 1]) + data[101:],  # one bit flipped
        lambda data: data[:20] + bytes([data[20] ^ 1]) + data[21:],  # the header's salt
        lambda data: (
            data[:HEADER_BYTES]  # two chunks swapped
            + data[HEADER_BYTES + CHUNK + 16 : HEADER_BYTES + 2 * (CHUNK + 16)]
            + data[HEADER_BYTES : HEADER_BYTES + CHUNK + 16]
            + data[HEADER_BYTES + 2 * (CHUNK + 16) :]
        ),
    ],
    ids=["truncated", "last chunk dropped", "bit flipped", "salt changed", "chunks swapped"],
)
def test_a_damaged_file_never_decrypts(damage):
    sealed = encrypt_bytes(os.urandom(2 * CHUNK + 10), keyring(KEY_A))
    with pytest.raises(EncryptionError):
        decrypt_bytes(damage(sealed), keyring(KEY_A))


# --- the storage ---------------------------------------------------------------------------


def test_the_project_stores_documents_encrypted_on_disk():
    assert isinstance(default_storage, EncryptedFileSystemStorage)


def test_a_saved_file_is_encrypted_on_disk_and_opens_as_it_was(private_root):
    content = b"%PDF-1.7\n" + "Εκκαθαριστικό ΑΜΚΑ 01017012345".encode() * 500
    name = default_storage.save("beneficiaries/1/abc", ContentFile(content))
    stored = (private_root / name).read_bytes()
    assert stored.startswith(MAGIC)
    assert "ΑΜΚΑ".encode() not in stored
    with default_storage.open(name) as opened:
        assert opened.read() == content
    assert default_storage.size(name) == len(content)


def test_a_document_of_the_case_file_reads_back_through_its_field(private_root):
    document = DocumentFactory(file=ContentFile(b"%PDF-1.4 signed consent\n%%EOF\n", "x.pdf"))
    document = Document.objects.get(pk=document.pk)
    assert b"signed consent" not in Path(document.file.path).read_bytes()
    with document.file.open("rb") as opened:
        assert opened.read() == b"%PDF-1.4 signed consent\n%%EOF\n"
    assert document.file.size == len(b"%PDF-1.4 signed consent\n%%EOF\n")


def test_a_file_stored_before_encryption_is_still_read_and_sized(private_root):
    (private_root / "letters").mkdir(parents=True)
    (private_root / "letters" / "old.pdf").write_bytes(b"%PDF-1.4 old letter")
    with default_storage.open("letters/old.pdf") as opened:
        assert opened.read() == b"%PDF-1.4 old letter"
    assert default_storage.size("letters/old.pdf") == len(b"%PDF-1.4 old letter")
    assert default_storage.stored_key_id("letters/old.pdf") is None


def test_a_document_cannot_be_opened_for_writing(private_root):
    name = default_storage.save("x", ContentFile(b"a"))
    with pytest.raises(ValueError):
        default_storage.open(name, "wb")


def test_a_file_whose_key_was_removed_is_refused_not_shown_as_garbage(private_root, settings):
    name = default_storage.save("x", ContentFile(b"secret"))
    settings.DOCUMENT_ENCRYPTION_KEYS = [KEY_B]
    with pytest.raises(UnknownKey):
        default_storage.open(name)


# --- the rotation --------------------------------------------------------------------------


def _documents(count: int) -> list[Document]:
    return [
        DocumentFactory(file=ContentFile(f"%PDF-1.4 document {i}\n".encode() * 100, f"{i}.pdf"))
        for i in range(count)
    ]


def _rotate(*args: str) -> str:
    out = StringIO()
    call_command("rotate_document_key", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def _contents(documents) -> dict[int, bytes]:
    result = {}
    for document in Document.objects.filter(pk__in=[d.pk for d in documents]):
        with document.file.open("rb") as opened:
            result[document.pk] = opened.read()
    return result


def test_rotation_from_key_a_to_b_leaves_every_file_readable_with_b_alone(private_root, settings):
    documents = _documents(3)
    legacy = DocumentFactory()
    Path(legacy.file.path).write_bytes(b"%PDF-1.4 stored before encryption")
    before = _contents([*documents, legacy])

    settings.DOCUMENT_ENCRYPTION_KEYS = [KEY_B, KEY_A]
    report = _rotate()
    assert "Κρυπτογραφήθηκαν ξανά (παλιό κλειδί): 3" in report
    assert "Κρυπτογραφήθηκαν (ήταν χωρίς κρυπτογράφηση): 1" in report

    settings.DOCUMENT_ENCRYPTION_KEYS = [KEY_B]
    assert _contents([*documents, legacy]) == before
    for document in [*documents, legacy]:
        assert default_storage.stored_key_id(document.file.name) == key_id(parse_key(KEY_B))
    assert not list(private_root.rglob(".rotating-*"))
    assert "Ήδη με το τρέχον κλειδί: 4" in _rotate()  # a second run does nothing


def test_a_dry_run_counts_and_changes_nothing(private_root, settings):
    documents = _documents(2)
    raw = {d.pk: Path(d.file.path).read_bytes() for d in documents}
    settings.DOCUMENT_ENCRYPTION_KEYS = [KEY_B, KEY_A]
    report = _rotate("--dry-run")
    assert "Θα κρυπτογραφηθούν ξανά (παλιό κλειδί): 2" in report
    assert {d.pk: Path(d.file.path).read_bytes() for d in documents} == raw


def test_a_rotation_stopped_half_way_loses_nothing_and_the_next_run_finishes(
    private_root, settings, monkeypatch
):
    documents = _documents(3)
    before = _contents(documents)
    settings.DOCUMENT_ENCRYPTION_KEYS = [KEY_B, KEY_A]
    original = EncryptedFileSystemStorage.replace_stored
    calls = []

    def crash_on_second(self, name, pieces):
        calls.append(name)
        if len(calls) == 2:
            next(iter(pieces))  # the new file was being written …
            raise KeyboardInterrupt  # … when the power went
        return original(self, name, pieces)

    monkeypatch.setattr(EncryptedFileSystemStorage, "replace_stored", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        _rotate()
    monkeypatch.undo()
    settings.DOCUMENT_ENCRYPTION_KEYS = [KEY_B, KEY_A]
    assert _contents(documents) == before
    assert not list(private_root.rglob(".rotating-*"))

    report = _rotate()
    assert "Ήδη με το τρέχον κλειδί: 1" in report
    assert "Κρυπτογραφήθηκαν ξανά (παλιό κλειδί): 2" in report
    settings.DOCUMENT_ENCRYPTION_KEYS = [KEY_B]
    assert _contents(documents) == before


def test_rotation_refuses_to_say_old_keys_can_go_when_a_file_needs_a_missing_key(
    private_root, settings
):
    _documents(1)
    settings.DOCUMENT_ENCRYPTION_KEYS = [KEY_B]  # key A removed too early
    with pytest.raises(CommandError, match="1 αρχείο δεν αποκρυπτογραφείται .* μην αφαιρέσετε"):
        _rotate()


def test_a_file_the_database_names_but_the_store_lacks_is_counted(private_root, settings):
    (document,) = _documents(1)
    Path(document.file.path).unlink()
    assert "Λείπουν από τον χώρο αποθήκευσης: 1" in _rotate()


# --- the settings --------------------------------------------------------------------------


PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "k3!v9#Qz7@pL2^wX8&rT5*yN1%bM4$cJ6(hG0)fD-sA+eU=iO_lK?jH",
    "DJANGO_ALLOWED_HOSTS": "kentro.karpenisi.gr",
    "DATABASE_URL": "postgres://cc:secret@db.invalid:5432/community_centre",
    "DOCUMENT_ENCRYPTION_KEYS": KEY_A,
}
OURS = ("DJANGO_", "DATABASE_", "DOCUMENT_", "BACKUP_", "S3_", "EMBEDDED_POSTGRES")


def _settings_print(expression: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(OURS)}
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**clean, "DJANGO_SETTINGS_MODULE": "community_centre.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_without_a_document_key_refuses_to_start():
    result = _settings_print("1", **{**PRODUCTION, "DOCUMENT_ENCRYPTION_KEYS": ""})
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set DOCUMENT_ENCRYPTION_KEYS" in result.stderr


@pytest.mark.parametrize(
    ("keys", "says"),
    [
        ("not-a-key", "key 1 is not a key"),
        (f"{KEY_A},{KEY_A[:20]}", "key 2 is not a key"),
        (f"{KEY_A},{KEY_A}", "the same key is listed twice"),
    ],
)
def test_a_bad_document_key_refuses_to_start(keys, says):
    result = _settings_print("1", **{**PRODUCTION, "DOCUMENT_ENCRYPTION_KEYS": keys})
    assert result.returncode != 0
    assert says in result.stderr
    assert "not-a-key" not in result.stderr  # a key is never printed


def test_the_backup_key_must_not_be_a_document_key():
    result = _settings_print("1", **{**PRODUCTION, "BACKUP_ENCRYPTION_KEY": KEY_A})
    assert result.returncode != 0
    assert "BACKUP_ENCRYPTION_KEY must differ" in result.stderr


def test_the_backup_key_is_one_key():
    result = _settings_print("1", **{**PRODUCTION, "BACKUP_ENCRYPTION_KEY": f"{KEY_B},{KEY_B}"})
    assert result.returncode != 0
    assert "BACKUP_ENCRYPTION_KEY: the same key is listed twice" in result.stderr
    other = generate_key()
    result = _settings_print("1", **{**PRODUCTION, "BACKUP_ENCRYPTION_KEY": f"{KEY_B},{other}"})
    assert "BACKUP_ENCRYPTION_KEY takes one key, not a list." in result.stderr


def test_production_keys_come_from_the_environment_first_encrypting():
    result = _settings_print(
        "','.join(settings.DOCUMENT_ENCRYPTION_KEYS)",
        **{**PRODUCTION, "DOCUMENT_ENCRYPTION_KEYS": f" {KEY_B} , {KEY_A} "},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{KEY_B},{KEY_A}"


def test_development_generates_a_private_key_once_and_reuses_it(tmp_path):
    path = tmp_path / "var" / "document-encryption.key"
    first = development_key(path)
    assert development_key(path) == first
    assert len(parse_key(first)) == 32
    assert path.stat().st_mode & 0o777 == 0o600


# --- S3 ------------------------------------------------------------------------------------

S3 = {
    **PRODUCTION,
    "DOCUMENT_STORAGE": "s3",
    "S3_BUCKET": "kentro-documents",
    "S3_ENDPOINT_URL": "https://s3.example.gr",
    "S3_ACCESS_KEY_ID": "AKIAEXAMPLE",
    "S3_SECRET_ACCESS_KEY": "example-secret",
    "S3_REGION": "eu-central-1",
}


def test_s3_settings_build_the_encrypting_wrapper_around_s3storage():
    expression = (
        "(lambda s: (type(s).__name__, s.bucket_name, s.endpoint_url, s.region_name,"
        " s.file_overwrite, s.default_acl))"
        "(__import__('django.core.files.storage', fromlist=['storages']).storages['default'])"
    )
    result = _settings_print(expression, **S3)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "('EncryptedS3Storage', 'kentro-documents', 'https://s3.example.gr', 'eu-central-1',"
        " False, None)"
    )


def test_s3_without_its_credentials_refuses_to_start():
    result = _settings_print("1", **{**S3, "S3_SECRET_ACCESS_KEY": ""})
    assert result.returncode != 0
    assert "DOCUMENT_STORAGE=s3 needs S3_SECRET_ACCESS_KEY" in result.stderr


def test_s3_receives_only_encrypted_bytes_and_opens_them_decrypted(settings, monkeypatch):
    """The bucket is a double (no S3 server here): it records what S3Storage would upload."""
    from storages.backends.s3 import S3Storage

    settings.DOCUMENT_ENCRYPTION_KEYS = [KEY_A]
    bucket: dict[str, bytes] = {}

    def put(self, name, content):
        content.seek(0)
        bucket[name] = content.read()
        return name

    monkeypatch.setattr(S3Storage, "_save", put)
    monkeypatch.setattr(S3Storage, "_open", lambda self, name, mode="rb": ContentFile(bucket[name]))
    monkeypatch.setattr(S3Storage, "size", lambda self, name: len(bucket[name]))
    monkeypatch.setattr(S3Storage, "exists", lambda self, name: name in bucket)
    storage = EncryptedS3Storage(bucket_name="kentro", access_key="a", secret_key="b")
    name = storage.save("beneficiaries/7/abc", ContentFile(b"%PDF-1.4 ID card of a person"))

    assert bucket[name].startswith(MAGIC)
    assert b"ID card" not in bucket[name]
    assert storage.open(name).read() == b"%PDF-1.4 ID card of a person"
    assert storage.size(name) == len(b"%PDF-1.4 ID card of a person")
    settings.DOCUMENT_ENCRYPTION_KEYS = [KEY_B, KEY_A]
    storage.reencrypt(name)
    assert header_key_id(bucket[name]) == key_id(parse_key(KEY_B))
    assert storage.open(name).read() == b"%PDF-1.4 ID card of a person"
    assert storages  # the project's handler is untouched by this double
