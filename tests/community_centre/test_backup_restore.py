"""Backups and the restore drill: back up real data of several apps with encrypted documents,
restore into a scratch database of the test PostgreSQL server, and compare.

The data is committed (transactional_db): pg_dump is another process and sees only that.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
import time
import uuid
from io import StringIO
from pathlib import Path

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from beneficiaries.models import Document
from community_centre import backup_archive
from community_centre.backup_db import libpq_environment, migrations_beside_code, row_counts
from community_centre.encrypted_storage import EncryptedFileSystemStorage
from community_centre.encryption import MAGIC, Keyring, generate_key
from community_centre.models import CentreProfile
from requests.actions.information import letter_create
from tests.beneficiaries.factories import (
    BeneficiaryFactory,
    CaseNoteFactory,
    DocumentFactory,
    HouseholdMemberFactory,
)
from tests.referrals.factories import ReferralFactory
from tests.requests.factories import AssistanceRequestFactory, InformationRequestFactory
from tests.services.factories import CounsellingSessionFactory

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DOCUMENT_KEY = generate_key()


@pytest.fixture
def documents_root(settings, tmp_path) -> Path:
    root = tmp_path / "documents"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "community_centre.encrypted_storage.EncryptedFileSystemStorage",
            "OPTIONS": {"location": root, "base_url": None},
        },
    }
    settings.DOCUMENT_ENCRYPTION_KEYS = [DOCUMENT_KEY]
    return root


@pytest.fixture
def case_data(transactional_db, documents_root, social_worker):
    """People with households, notes, documents, requests, a status letter (a real PDF), a
    referral and sessions: rows in beneficiaries, requests, referrals and services."""
    CentreProfile.objects.create(
        name="Κέντρο Κοινότητας Δήμου Καρπενησίου", municipality="Δήμος Καρπενησίου"
    )
    documents = []
    for number in range(3):
        person = BeneficiaryFactory(assigned_worker=social_worker)
        HouseholdMemberFactory(beneficiary=person)
        CaseNoteFactory(beneficiary=person, author=social_worker)
        for kind in range(2):
            content = f"%PDF-1.4 έγγραφο {number}-{kind} ΑΜΚΑ\n".encode() * (200 + number)
            documents.append(
                DocumentFactory(beneficiary=person, file=ContentFile(content, "doc.pdf"))
            )
        AssistanceRequestFactory(beneficiary=person, assigned_worker=social_worker)
        CounsellingSessionFactory(
            beneficiary=person, worker=social_worker, start_time=dt.time(9 + number, 0)
        )
    ReferralFactory(sent=True, assistance_request__assigned_worker=social_worker)
    information = InformationRequestFactory(beneficiary=person, recorded_by=social_worker)
    letter = letter_create(information_request=information, actor=social_worker)
    return {"documents": documents, "letter": letter}


@pytest.fixture
def scratch_database():
    """An empty database created on the test PostgreSQL server, dropped afterwards."""
    settings_dict = connection.settings_dict
    name = f"restore_drill_{uuid.uuid4().hex[:10]}"
    admin = _admin_connection(settings_dict)
    admin.execute(f'CREATE DATABASE "{name}"')
    host = settings_dict["HOST"].replace("/", "%2F")
    yield {"name": name, "url": f"postgres://{settings_dict['USER']}@{host}/{name}"}
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def _admin_connection(settings_dict) -> psycopg.Connection:
    return psycopg.connect(
        host=settings_dict["HOST"], user=settings_dict["USER"], dbname="postgres", autocommit=True
    )


def _counts(name: str) -> dict[str, int]:
    settings_dict = connection.settings_dict
    with (
        psycopg.connect(host=settings_dict["HOST"], user=settings_dict["USER"], dbname=name) as db,
        db.cursor() as cursor,
    ):
        return row_counts(cursor)


def _backup(folder: Path) -> Path:
    out = StringIO()
    call_command("backup", "--to", str(folder), stdout=out)
    (made,) = folder.glob(f"*{backup_archive.SUFFIX}")
    return made


def _restore(backup: Path, url: str, *extra: str) -> str:
    out = StringIO()
    call_command("restore", str(backup), "--database-url", url, *extra, stdout=out)
    return out.getvalue()


# --- the drill -----------------------------------------------------------------------------


def test_the_restore_drill_gives_back_every_row_and_every_document(
    case_data, scratch_database, tmp_path, capsys
):
    started = time.monotonic()
    backup = _backup(tmp_path / "backups")
    made = time.monotonic()
    report = _restore(
        backup,
        scratch_database["url"],
        "--documents-to",
        str(tmp_path / "restored"),
        "--no-retention",
    )
    restored_at = time.monotonic()

    live = _counts(connection.settings_dict["NAME"])
    assert _counts(scratch_database["name"]) == live
    assert live["public.beneficiaries_document"] == 6
    assert live["public.referrals_referral"] == 1
    assert live["public.services_counsellingsession"] == 3
    assert "Ο αριθμός γραμμών κάθε πίνακα είναι ίδιος με του αντιγράφου." in report
    assert "ΠΡΟΣΟΧΗ" not in report and "migrate" not in report  # same code, same keys

    restored = EncryptedFileSystemStorage(location=tmp_path / "restored")
    sample = [*case_data["documents"][::2], case_data["letter"]]
    for record in sample:
        stored = record.file if isinstance(record, Document) else record.pdf
        assert (tmp_path / "restored" / stored.name).read_bytes().startswith(MAGIC)
        with stored.open("rb") as original, restored.open(stored.name) as copy:
            assert copy.read() == original.read()
    with restored.open(case_data["letter"].pdf.name) as letter:
        assert letter.read().startswith(b"%PDF")

    with capsys.disabled():
        print(
            f"\nrestore drill: backup {made - started:.2f} s, restore {restored_at - made:.2f} s, "
            f"total {restored_at - started:.2f} s ({sum(live.values())} rows in {len(live)} "
            f"tables, {len(case_data['documents']) + 1} files, {backup.stat().st_size} bytes)"
        )


def test_a_wrong_key_is_refused_with_one_greek_line_and_nothing_is_restored(
    case_data, scratch_database, tmp_path, settings
):
    backup = _backup(tmp_path / "backups")
    settings.BACKUP_ENCRYPTION_KEY = generate_key()
    with pytest.raises(CommandError, match="^Λάθος κλειδί: .* Δεν επαναφέρθηκε τίποτα.$"):
        _restore(backup, scratch_database["url"], "--documents-to", str(tmp_path / "restored"))
    assert _counts(scratch_database["name"]) == {}
    assert not (tmp_path / "restored").exists()


def test_on_the_command_line_a_wrong_key_is_one_greek_line_and_exit_1(tmp_path, case_data):
    backup = _backup(tmp_path / "backups")
    env = {**os.environ, "BACKUP_ENCRYPTION_KEY": generate_key()}
    env["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(backup), "--database-url",
         "postgres://nobody@127.0.0.1:1/none"],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Λάθος κλειδί: το αντίγραφο δεν κρυπτογραφήθηκε με το BACKUP_ENCRYPTION_KEY που "
        "ορίστηκε. Δεν επαναφέρθηκε τίποτα."
    ]


def test_a_damaged_backup_is_refused_before_anything_is_restored(
    case_data, scratch_database, tmp_path
):
    backup = _backup(tmp_path / "backups")
    data = bytearray(backup.read_bytes())
    data[len(data) // 2] ^= 0x01
    backup.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="κατεστραμμένο ή ελλιπές"):
        _restore(backup, scratch_database["url"], "--documents-to", str(tmp_path / "restored"))
    assert _counts(scratch_database["name"]) == {}
    assert not (tmp_path / "restored").exists()


def test_a_target_that_is_not_empty_is_refused_unless_forced(case_data, scratch_database, tmp_path):
    backup = _backup(tmp_path / "backups")
    _restore(backup, scratch_database["url"], "--no-retention")
    with pytest.raises(CommandError, match="δεν είναι άδεια .* μόνο με --force"):
        _restore(backup, scratch_database["url"], "--no-retention")
    report = _restore(backup, scratch_database["url"], "--force", "--no-retention")
    assert "ίδιος με του αντιγράφου" in report
    assert "Έγγραφα: δεν επαναφέρθηκαν" in report  # a scratch target gets no documents unasked
    assert _counts(scratch_database["name"]) == _counts(connection.settings_dict["NAME"])


def test_restoring_the_live_database_applies_retention_unless_told_not_to(
    case_data, scratch_database, tmp_path, monkeypatch
):
    """The live database is stood in for by the scratch one (the test's own cannot be wiped
    while the test holds it); `apply_retention` is another part's command, recorded here."""
    from community_centre.management.commands import restore as command

    backup = _backup(tmp_path / "backups")
    calls = []
    monkeypatch.setattr(command, "same_database", lambda first, second: True)
    monkeypatch.setattr(command, "get_commands", lambda: {"apply_retention": "beneficiaries"})
    monkeypatch.setattr(command, "call_command", lambda name, **kw: calls.append(name))
    folder = str(tmp_path / "restored")
    _restore(backup, scratch_database["url"], "--documents-to", folder, "--no-retention")
    assert calls == []
    _restore(backup, scratch_database["url"], "--documents-to", folder, "--force")
    assert calls == ["apply_retention"]


# --- the backup file -----------------------------------------------------------------------


def test_the_backup_is_encrypted_private_and_lists_what_it_holds(case_data, tmp_path, settings):
    backup = _backup(tmp_path / "backups")
    assert backup.stat().st_mode & 0o777 == 0o600
    raw = backup.read_bytes()
    assert raw.startswith(MAGIC)
    assert b"PGDMP" not in raw and "ΑΜΚΑ".encode() not in raw
    assert not list(backup.parent.glob("*.partial"))

    keyring = Keyring.from_text([settings.BACKUP_ENCRYPTION_KEY])
    with backup.open("rb") as source:
        contents = {name: member.read() for name, member in backup_archive.members(source, keyring)}
    manifest = json.loads(contents["manifest.json"])
    dump = b"".join(v for k, v in sorted(contents.items()) if k.startswith("database/dump."))
    assert dump.startswith(b"PGDMP")  # pg_dump's custom format
    assert manifest["dump"]["sha256"] == hashlib.sha256(dump).hexdigest()
    assert manifest["tables"]["public.beneficiaries_beneficiary"] == 4
    assert ["community_centre", "0001_initial"] in manifest["migrations"]
    names = {entry["name"] for entry in manifest["documents"]}
    assert names == {d.file.name for d in case_data["documents"]} | {case_data["letter"].pdf.name}
    for entry in manifest["documents"]:
        stored = contents[f"documents/{entry['name']}"]
        assert stored.startswith(MAGIC)  # as stored: still under the document key
        assert hashlib.sha256(stored).hexdigest() == entry["sha256"]


def test_a_backup_whose_dump_fails_leaves_no_file_that_looks_complete(
    case_data, tmp_path, monkeypatch
):
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "pg_dump").write_text("#!/bin/sh\necho 'connection refused' >&2\nexit 1\n")
    (fake / "pg_dump").chmod(0o755)
    monkeypatch.setenv("PG_BIN_DIR", str(fake))
    with pytest.raises(CommandError, match="Το pg_dump απέτυχε: connection refused"):
        call_command("backup", "--to", str(tmp_path / "backups"), stdout=StringIO())
    assert list((tmp_path / "backups").iterdir()) == []


def test_a_backup_without_its_key_is_refused(case_data, tmp_path, settings):
    settings.BACKUP_ENCRYPTION_KEY = ""
    with pytest.raises(CommandError, match="Ορίστε το BACKUP_ENCRYPTION_KEY"):
        call_command("backup", "--to", str(tmp_path / "backups"), stdout=StringIO())


def test_the_database_password_goes_to_the_tools_by_environment_only():
    env = libpq_environment(
        {"HOST": "db.example", "PORT": 5432, "USER": "cc", "PASSWORD": "s3cret", "NAME": "kk"}
    )
    assert (env["PGHOST"], env["PGUSER"], env["PGPASSWORD"]) == ("db.example", "cc", "s3cret")


@pytest.mark.parametrize("name", ["documents/../../etc/passwd", "documents//etc/x", "documents/"])
def test_a_doctored_archive_cannot_write_outside_the_documents_folder(name):
    assert backup_archive.document_name(name) is None


def test_a_backup_of_a_newer_or_older_version_is_told_apart(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations")
        applied = [list(row) for row in cursor.fetchall()]
    assert migrations_beside_code(applied) == ([], [])
    newer = [*applied, ["beneficiaries", "9999_from_the_future"]]
    assert migrations_beside_code(newer) == (["beneficiaries.9999_from_the_future"], [])
    older = [row for row in applied if row != ["community_centre", "0014_accesslog_purpose"]]
    assert migrations_beside_code(older) == ([], ["community_centre.0014_accesslog_purpose"])
