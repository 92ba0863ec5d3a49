"""The document storage on a real S3-compatible server (moto, tests/s3/server.py): every file
reaches the bucket encrypted and comes back whole, large files by multipart upload; key
rotation, retention's deletion and the backup with its restore drill work on it as on disk."""

from __future__ import annotations

import os
import uuid
from io import StringIO

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from beneficiaries.retention.run import apply_retention
from community_centre.encrypted_storage import EncryptedFileSystemStorage, EncryptedS3Storage
from community_centre.encryption import MAGIC, generate_key, header_key_id, key_id, parse_key
from tests.beneficiaries.factories import BeneficiaryFactory, DocumentFactory
from tests.beneficiaries.retention_data import rich_case_file
from tests.beneficiaries.test_retention import LATER
from tests.community_centre.test_backup_restore import _backup, _counts, _restore

KEY_A, KEY_B = generate_key(), generate_key()
CREDENTIALS = {"access_key": "testing", "secret_key": "testing", "region_name": "us-east-1"}
PREFIX = "documents"


@pytest.fixture
def bucket(s3_endpoint):
    """A new empty bucket on the server; its name."""
    name = f"kentro-{uuid.uuid4().hex[:12]}"
    _client(s3_endpoint).create_bucket(Bucket=name)
    return name


def _client(endpoint: str):
    return boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id="testing",
        aws_secret_access_key="testing", region_name="us-east-1",
    )  # fmt: skip


def _options(endpoint: str, bucket: str) -> dict:
    return {"bucket_name": bucket, "endpoint_url": endpoint, "location": PREFIX,
            "querystring_auth": True, **CREDENTIALS}  # fmt: skip


def _raw(endpoint: str, bucket: str, name: str) -> bytes:
    """The object exactly as the bucket holds it."""
    return _client(endpoint).get_object(Bucket=bucket, Key=f"{PREFIX}/{name}")["Body"].read()


@pytest.fixture
def s3_documents(settings, s3_endpoint, bucket):
    """The project's documents in the bucket, as DOCUMENT_STORAGE=s3 configures them."""
    settings.DOCUMENT_ENCRYPTION_KEYS = [KEY_A]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "community_centre.encrypted_storage.EncryptedS3Storage",
            "OPTIONS": _options(s3_endpoint, bucket),
        },
    }
    return {"endpoint": s3_endpoint, "bucket": bucket}


def test_a_file_reaches_the_bucket_encrypted_and_comes_back_whole(settings, s3_endpoint, bucket):
    settings.DOCUMENT_ENCRYPTION_KEYS = [KEY_A]
    storage = EncryptedS3Storage(**_options(s3_endpoint, bucket))
    content = "%PDF-1.4 ταυτότητα ΑΜΚΑ 15038012345\n".encode() * 50
    name = storage.save("beneficiaries/7/scan.pdf", ContentFile(content))

    raw = _raw(s3_endpoint, bucket, name)
    assert raw.startswith(MAGIC) and b"15038012345" not in raw
    assert storage.open(name).read() == content
    assert storage.size(name) == len(content)
    assert storage.exists(name) and not storage.exists("beneficiaries/7/other.pdf")
    assert storage.listdir("beneficiaries/7") == ([], ["scan.pdf"])
    second = storage.save("beneficiaries/7/scan.pdf", ContentFile(b"another"))
    assert second != name and storage.open(name).read() == content  # never overwritten
    storage.delete(name)
    assert not storage.exists(name)


def test_a_large_file_goes_up_in_parts_and_comes_back_whole(settings, s3_endpoint, bucket):
    settings.DOCUMENT_ENCRYPTION_KEYS = [KEY_A]
    storage = EncryptedS3Storage(**_options(s3_endpoint, bucket))
    content = os.urandom(9 * 1024 * 1024)  # over boto3's 8 MiB multipart threshold
    name = storage.save("beneficiaries/8/large.pdf", ContentFile(content))
    head = _client(s3_endpoint).head_object(Bucket=bucket, Key=f"{PREFIX}/{name}")
    assert "-" in head["ETag"]  # a multipart upload's ETag names its parts
    assert storage.open(name).read() == content
    assert storage.size(name) == len(content)


@pytest.mark.django_db
def test_a_case_files_document_is_stored_in_the_bucket_and_rotated_there(
    s3_documents, settings, social_worker
):
    document = DocumentFactory(
        beneficiary=BeneficiaryFactory(), uploaded_by=social_worker,
        file=ContentFile(b"%PDF-1.4 pistopoiitiko", name="scan.pdf"),
    )  # fmt: skip
    endpoint, bucket = s3_documents["endpoint"], s3_documents["bucket"]
    assert header_key_id(_raw(endpoint, bucket, document.file.name)) == key_id(parse_key(KEY_A))

    settings.DOCUMENT_ENCRYPTION_KEYS = [KEY_B, KEY_A]
    call_command("rotate_document_key", stdout=StringIO())

    raw = _raw(endpoint, bucket, document.file.name)
    assert header_key_id(raw) == key_id(parse_key(KEY_B))
    settings.DOCUMENT_ENCRYPTION_KEYS = [KEY_B]
    with default_storage.open(document.file.name) as opened:
        assert opened.read() == b"%PDF-1.4 pistopoiitiko"


@pytest.mark.django_db(transaction=True)
def test_the_restore_drill_gives_back_the_buckets_documents(
    s3_documents,
    settings,
    social_worker,
    scratch_database,
    tmp_path,
):
    settings.BACKUP_ENCRYPTION_KEY = generate_key()
    person = BeneficiaryFactory()
    documents = [
        DocumentFactory(beneficiary=person, uploaded_by=social_worker,
                        file=ContentFile(f"%PDF-1.4 {n}".encode() * 1000, name="scan.pdf"))
        for n in range(3)
    ]  # fmt: skip
    backup = _backup(tmp_path / "backups")
    _restore(
        backup, scratch_database["url"], "--documents-to", str(tmp_path / "restored"),
        "--no-retention",
    )  # fmt: skip

    assert _counts(scratch_database["name"])["public.beneficiaries_document"] == 3
    restored = EncryptedFileSystemStorage(location=tmp_path / "restored")
    for document in documents:
        with document.file.open("rb") as original, restored.open(document.file.name) as copy:
            assert copy.read() == original.read()


@pytest.mark.django_db
def test_retention_deletes_the_files_of_an_anonymised_case_file_from_the_bucket(
    s3_documents, social_worker
):
    closed = rich_case_file(social_worker)
    endpoint, bucket = s3_documents["endpoint"], s3_documents["bucket"]
    assert all(_raw(endpoint, bucket, name).startswith(MAGIC) for name in closed["files"])

    apply_retention(dry_run=False, command_line="test", today=LATER)

    assert not any(default_storage.exists(name) for name in closed["files"])
    listed = _client(endpoint).list_objects_v2(Bucket=bucket).get("Contents", [])
    assert {f"{PREFIX}/{name}" for name in closed["files"]}.isdisjoint(o["Key"] for o in listed)
