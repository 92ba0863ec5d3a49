"""The import engine (records.py): each row's outcome, bulk writing with notes and audit
entries, the query count, one import at a time, and undo."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from auditlog.models import LogEntry
from django.db import connection

from beneficiaries.importing import Outcome
from beneficiaries.importing.records import (
    ImportNotUndoable,
    ImportRunning,
    RemarksNeedUser,
    mapping_of,
    preview,
    record_upload,
    run_import,
    undo_import,
)
from beneficiaries.models import Beneficiary, CaseNote, ImportRun, ImportStatus
from community_centre.reference import load_settlements
from demo.identifiers import make_afm, make_amka
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.helpers import captured_queries

HEADER = ["ΕΠΩΝΥΜΟ", "ΟΝΟΜΑ", "ΦΥΛΟ", "ΗΜ/ΝΙΑ ΓΕΝΝΗΣΗΣ", "ΑΜΚΑ", "ΑΦΜ", "ΠΑΡΑΤΗΡΗΣΕΙΣ"]


@pytest.fixture(autouse=True)
def settlements(db):
    load_settlements()


def csv_bytes(rows: list[list[str]]) -> bytes:
    return ("\n".join(";".join(row) for row in [HEADER, *rows]) + "\n").encode("utf-8")


def person_row(n: int, *, remark: str = "") -> list[str]:
    born = dt.date(1950, 1, 1) + dt.timedelta(days=n * 7)
    return [
        f"ΕΠΩΝΥΜΟ{chr(0x391 + n % 24)}",
        f"ΟΝΟΜΑ{chr(0x391 + n // 24 % 24)}{n}",
        "Γ",
        f"{born:%d/%m/%Y}",
        make_amka(born, n % 900 + 1),
        make_afm(20_000_000 + n),
        remark,
    ]


def do_import(rows, *, actor=None, **options):
    run = record_upload(name="register.csv", content=csv_bytes(rows), actor=actor)
    return run, run_import(run, mapping_of(run), actor=actor, **options)


def test_rows_end_created_existing_or_an_error_naming_the_other_file(coordinator):
    other = BeneficiaryFactory(
        amka="15058512318", surname="ΑΛΛΟΣ", date_of_birth=dt.date(1985, 5, 15)
    )
    same = BeneficiaryFactory(
        surname="Κωστοπούλου", given_name="Άννα", date_of_birth=dt.date(1970, 4, 3), afm=None
    )
    rows = [
        ["ΠΑΠΑΔΟΠΟΥΛΟΣ", "ΓΕΩΡΓΙΟΣ", "Α", "15/05/1985", "15058512318", "", ""],
        ["ΚΩΣΤΟΠΟΥΛΟΥ", "ΑΝΝΑ", "Γ", "3/4/1970", same.amka, "", ""],
        person_row(1),
        person_row(1),
    ]
    run, result = do_import(rows, actor=coordinator)
    by_line = {o.line: o for o in result.outcomes}
    assert by_line[2].outcome == Outcome.ERROR and by_line[2].existing_pk == other.pk
    error = by_line[2].errors[0]
    assert error.code == "amka_other_person"
    assert f"φάκελος αρ. {other.pk}, ΑΛΛΟΣ {other.given_name}, 15/05/1985" in error.message
    assert by_line[3].outcome == Outcome.EXISTING and by_line[3].existing_pk == same.pk
    assert by_line[4].outcome == Outcome.CREATED
    assert by_line[5].outcome == Outcome.ERROR
    assert {e.code for e in by_line[5].errors} == {"duplicate_in_file"}
    # All or nothing: nobody created, the run and its outcomes stored.
    assert Beneficiary.objects.count() == 2
    run.refresh_from_db()
    assert run.status == ImportStatus.CHECKED and run.failed == 2 and len(run.outcomes) == 4


def test_valid_only_creates_the_valid_rows_with_notes_and_audit_entries(coordinator):
    rows = [person_row(1, remark="Άπορος"), person_row(2), ["", "X", "Γ", "1/1/1950", "", "", ""]]
    run, result = do_import(rows, actor=coordinator, valid_only=True)
    assert result.created == 2 and result.failed == 1
    assert {e.code for e in result.errors} == {"required"}
    people = Beneficiary.objects.filter(register_import=run)
    assert people.count() == 2 and all(p.created_by == coordinator for p in people)
    note = CaseNote.objects.get()
    assert note.text == "Παρατηρήσεις μητρώου (αρχείο register.csv):\nΠΑΡΑΤΗΡΗΣΕΙΣ: Άπορος"
    assert note.occurred_on == note.beneficiary.registered_on and note.author == coordinator
    entry = LogEntry.objects.get(object_id=people[0].pk, content_type__model="beneficiary")
    assert entry.actor == coordinator and entry.action == LogEntry.Action.CREATE
    assert entry.additional_data["register_import"] == run.pk
    assert entry.additional_data["file"] == "register.csv"
    assert people[0].search_key
    run.refresh_from_db()
    assert run.status == ImportStatus.IMPORTED and run.created == 2


def test_remarks_without_a_user_are_refused_before_anything(db):
    with pytest.raises(RemarksNeedUser, match="--user"):
        do_import([person_row(1, remark="x")])
    assert not Beneficiary.objects.exists()


def test_a_dry_run_writes_nobody_but_stores_the_run(coordinator):
    run, result = do_import([person_row(1)], actor=coordinator, dry_run=True)
    assert result.created == 1 and not Beneficiary.objects.exists()
    run.refresh_from_db()
    assert run.status == ImportStatus.CHECKED and run.outcomes[0]["outcome"] == "created"


def test_the_preview_shows_values_as_stored(coordinator):
    run = record_upload(name="r.csv", content=csv_bytes([person_row(3, remark="α")]), actor=None)
    row = preview(run, mapping_of(run))[0]
    assert row.outcome == Outcome.CREATED
    assert ("φύλο", "Γυναίκα") in row.values or any(v == "Γυναίκα" for _l, v in row.values)
    assert "ΠΑΡΑΤΗΡΗΣΕΙΣ: α" in row.remarks


def test_validation_queries_do_not_grow_with_rows(coordinator):
    def count(n: int) -> int:
        run = record_upload(
            name="r.csv", content=csv_bytes([person_row(i) for i in range(n)]), actor=None
        )
        mapping = mapping_of(run)
        with captured_queries() as queries:
            run_import(run, mapping, actor=coordinator, dry_run=True)
        return len(queries)

    # The same queries whatever the size, plus the progress written every 200 rows.
    assert count(400) == count(5) + 1


def test_undo_deletes_the_people_once(coordinator):
    run, _result = do_import([person_row(1, remark="x"), person_row(2)], actor=coordinator)
    assert undo_import(run, actor=coordinator) == 2
    run.refresh_from_db()
    assert not Beneficiary.objects.exists() and not CaseNote.objects.exists()
    assert run.status == ImportStatus.UNDONE and run.undone_by == coordinator
    assert bytes(run.content) == b""
    with pytest.raises(ImportNotUndoable):
        undo_import(run, actor=coordinator)


def test_undo_after_an_edit_is_refused_and_deletes_nothing(coordinator):
    run, _result = do_import([person_row(1), person_row(2)], actor=coordinator)
    person = Beneficiary.objects.first()
    person.address = "Νέα οδός 1"
    person.save()
    with pytest.raises(ImportNotUndoable, match="αναιρείται"):
        undo_import(run, actor=coordinator)
    assert Beneficiary.objects.count() == 2
    assert ImportRun.objects.get(pk=run.pk).status == ImportStatus.IMPORTED


def test_undo_after_a_note_is_refused(coordinator):
    run, _result = do_import([person_row(1)], actor=coordinator)
    CaseNote.objects.create(
        beneficiary=Beneficiary.objects.get(), occurred_on=dt.date(2026, 1, 1), kind="other",
        text="επίσκεψη", author=coordinator,
    )  # fmt: skip
    with pytest.raises(ImportNotUndoable):
        undo_import(run, actor=coordinator)
    assert Beneficiary.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_second_import_at_the_same_time_is_told_in_greek(coordinator):
    """Two imports really racing, each on its own connection: the first holds the lock while
    it validates; the second is refused in Greek, naming who runs the first."""
    load_settlements()
    validating, release = threading.Event(), threading.Event()
    first: dict = {}

    def wait_while_validating(stage: str, done: int, total: int) -> None:
        validating.set()
        release.wait(30)

    def first_import() -> None:
        try:
            first["run"], first["result"] = do_import(
                [person_row(1)], actor=coordinator, progress=wait_while_validating
            )
        finally:
            connection.close()

    thread = threading.Thread(target=first_import)
    thread.start()
    try:
        assert validating.wait(30)
        name = coordinator.get_full_name() or coordinator.username
        with pytest.raises(ImportRunning, match=f"Γίνεται ήδη εισαγωγή μητρώου από {name}"):
            do_import([person_row(2)], actor=coordinator)
    finally:
        release.set()
        thread.join()
    assert first["result"].created == 1
    _run, result = do_import([person_row(2)], actor=coordinator)
    assert result.created == 1 and Beneficiary.objects.count() == 2


def test_the_bench_times_the_import_beside_a_copy_and_leaves_nothing(coordinator):
    import os

    from demo.bench_import import time_import

    timing = time_import(int(os.environ.get("BENCH_IMPORT_ROWS", "40")))
    print(timing.line())  # noqa: T201 - the figure, with -s
    assert timing.created > 0 and timing.seconds > 0 and timing.copy_seconds > 0
    assert not Beneficiary.objects.exists() and not ImportRun.objects.exists()


def test_the_case_file_history_says_the_person_came_from_the_register(coordinator_client):
    from django.urls import reverse

    run, _result = do_import([person_row(1)], actor=None)
    person = Beneficiary.objects.get()
    response = coordinator_client.get(reverse("beneficiaries:detail", args=[person.pk]))
    assert "Εισαγωγή από το μητρώο «register.csv»" in response.content.decode()


def test_undo_after_a_request_is_refused(coordinator):
    from tests.requests.factories import AssistanceRequestFactory

    run, _result = do_import([person_row(1)], actor=coordinator)
    AssistanceRequestFactory(beneficiary=Beneficiary.objects.get())
    with pytest.raises(ImportNotUndoable):
        undo_import(run, actor=coordinator)
    assert Beneficiary.objects.count() == 1


def test_the_command_takes_user_and_valid_only(tmp_path, coordinator, social_worker):
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    path = tmp_path / "register.csv"
    path.write_bytes(csv_bytes([person_row(1, remark="σημ"), ["", "Χ", "Γ", "1/1/50", "", "", ""]]))
    with pytest.raises(CommandError, match="Δεν υπάρχει χρήστης"):
        call_command("import_beneficiaries", str(path), "--user", "nobody", stdout=StringIO())
    with pytest.raises(CommandError, match="δεν έχει δικαίωμα"):
        call_command(
            "import_beneficiaries", str(path), "--user", social_worker.username, stdout=StringIO()
        )
    with pytest.raises(CommandError, match="--user"):
        call_command("import_beneficiaries", str(path), "--valid-only", stdout=StringIO())
    out = StringIO()
    call_command(
        "import_beneficiaries", str(path), "--valid-only", "--user", coordinator.username,
        stdout=out, stderr=StringIO(),
    )  # fmt: skip
    assert "Στήλες σε σημείωμα «Παρατηρήσεις μητρώου»: ΠΑΡΑΤΗΡΗΣΕΙΣ" in out.getvalue()
    person = Beneficiary.objects.get()
    assert person.created_by == coordinator and person.notes.get().author == coordinator
    run = ImportRun.objects.get(status=ImportStatus.IMPORTED)
    assert run.created_by == coordinator and run.valid_only and run.failed == 1


def test_an_invalid_amka_is_one_error_under_its_column_with_its_value(tmp_path):
    from beneficiaries.importing import import_beneficiaries

    path = tmp_path / "register.csv"
    path.write_text(
        "ΕΠΩΝΥΜΟ;ΟΝΟΜΑ;ΦΥΛΟ;ΗΜ/ΝΙΑ ΓΕΝΝΗΣΗΣ;Α.Μ.Κ.Α.\nΝΙΚΟΛΑΟΥ;ΜΑΡΙΑ;Γ;05/05/1980;12345678901\n",
        encoding="utf-8",
    )
    result = import_beneficiaries(path, dry_run=True)
    assert [(e.column, e.code, e.value) for e in result.errors] == [
        ("Α.Μ.Κ.Α.", "amka_checksum", "12345678901")
    ]
