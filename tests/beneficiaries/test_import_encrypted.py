"""A register import's file is kept in the database (ImportRun.content) only encrypted, with the
document keys: it reads back for the preview and the import, and key rotation covers it."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from beneficiaries.importing.records import mapping_of, record_upload, run_import, table_of
from beneficiaries.models import Beneficiary, ImportRun
from community_centre.encryption import MAGIC, generate_key, header_key_id, key_id, parse_key
from tests.beneficiaries.test_import_engine import csv_bytes, person_row

pytestmark = pytest.mark.django_db

KEY_A, KEY_B = generate_key(), generate_key()


@pytest.fixture(autouse=True)
def key_a(settings):
    settings.DOCUMENT_ENCRYPTION_KEYS = [KEY_A]


def _stored(run: ImportRun) -> bytes:
    return bytes(ImportRun.objects.values_list("content", flat=True).get(pk=run.pk))


def test_the_file_is_stored_encrypted_and_imports_from_what_is_stored(coordinator):
    rows = [person_row(1), person_row(2)]
    run = record_upload(name="register.csv", content=csv_bytes(rows), actor=coordinator)
    stored = _stored(run)
    assert stored.startswith(MAGIC) and person_row(1)[0].encode() not in stored
    fresh = ImportRun.objects.get(pk=run.pk)
    assert len(table_of(fresh).rows) == 2
    result = run_import(fresh, mapping_of(fresh), actor=coordinator)
    assert result.created == 2 and Beneficiary.objects.count() == 2


def test_a_file_stored_before_encryption_still_reads(coordinator):
    run = record_upload(name="r.csv", content=csv_bytes([person_row(3)]), actor=coordinator)
    ImportRun.objects.filter(pk=run.pk).update(content=csv_bytes([person_row(3)]))
    assert len(table_of(ImportRun.objects.get(pk=run.pk)).rows) == 1


def test_key_rotation_encrypts_the_stored_import_files_again(coordinator, settings):
    run = record_upload(name="r.csv", content=csv_bytes([person_row(4)]), actor=coordinator)
    legacy = record_upload(name="l.csv", content=csv_bytes([person_row(5)]), actor=coordinator)
    ImportRun.objects.filter(pk=legacy.pk).update(content=csv_bytes([person_row(5)]))
    settings.DOCUMENT_ENCRYPTION_KEYS = [KEY_B, KEY_A]
    out = StringIO()
    call_command("rotate_document_key", stdout=out)
    assert "Κρυπτογραφήθηκαν ξανά (παλιό κλειδί): 1" in out.getvalue()
    assert "Κρυπτογραφήθηκαν (ήταν χωρίς κρυπτογράφηση): 1" in out.getvalue()
    settings.DOCUMENT_ENCRYPTION_KEYS = [KEY_B]
    for one in (run, legacy):
        assert header_key_id(_stored(one)) == key_id(parse_key(KEY_B))
        assert len(table_of(ImportRun.objects.get(pk=one.pk)).rows) == 1
