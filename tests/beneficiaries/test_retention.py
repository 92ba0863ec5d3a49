"""Retention: which case files are due, that every identifier leaves the database, that the
files are deleted, that signed-off figures stay the same, and that a run is safe to repeat or
to interrupt."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from beneficiaries.choices import CaseStatus
from beneficiaries.models import Beneficiary, ImportRun, RetentionRun
from beneficiaries.normalize import name_key
from beneficiaries.retention import registry
from beneficiaries.retention.run import apply_retention, plan
from beneficiaries.retention.scrub import REDACTED, Scrubber
from community_centre.models import AccessLog
from reporting.actions import sign_off
from reporting.changes import changed_records
from reporting.figures import build_report
from reporting.models import SignedReport
from reporting.period import Period
from reporting.signoff import document_text
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.beneficiaries.retention_data import close_long_ago, rich_case_file, rows_containing

pytestmark = pytest.mark.django_db

LATER = dt.date(2032, 12, 10)  # more than five years after the files below were closed


def run(**kwargs) -> RetentionRun:
    return apply_retention(dry_run=kwargs.pop("dry_run", False), command_line="test", **kwargs)


@pytest.fixture
def closed(social_worker):
    return rich_case_file(social_worker)


def test_a_file_closed_more_than_five_years_ago_is_due_and_a_recent_one_is_not(closed):
    person = closed["person"]
    assert plan(LATER).case_files == [person.pk]
    assert plan(timezone.localdate() + dt.timedelta(days=365 * 4)).case_files == []
    active = BeneficiaryFactory()
    assert active.pk not in plan(LATER).case_files


def test_a_file_under_legal_hold_is_never_anonymised(closed, coordinator):
    person = closed["person"]
    Beneficiary.objects.filter(pk=person.pk).update(
        legal_hold=True, legal_hold_reason="Εκκρεμεί δίκη.", legal_hold_by=coordinator,
        legal_hold_at=timezone.now(),
    )  # fmt: skip
    found = plan(LATER)
    assert found.case_files == [] and found.held == 1
    run(today=LATER)
    person.refresh_from_db()
    assert person.anonymised_at is None and person.surname == closed["ids"]["surname"]


def test_every_identifier_leaves_the_whole_database(closed):
    ids = closed["ids"]
    before = rows_containing(ids["amka"])
    assert "beneficiaries_beneficiary" in before and "auditlog_logentry" in before
    assert "beneficiaries_casenote" in before and "referrals_referral" in before
    run(today=LATER)
    person = Beneficiary.objects.get(pk=closed["person"].pk)
    assert person.anonymised_at is not None
    assert person.surname == person.given_name == REDACTED
    assert person.date_of_birth == dt.date(1980, 7, 1)
    assert (person.amka, person.afm, person.phone_mobile, person.email) == (None, None, "", "")
    needles = [
        ids["surname"], "Ξενοφωντίδη", "ΞΕΝΟΦΩΝΤ", ids["given_name"], "Φιλοκτήμων", "Ζηνοδώρα",
        ids["amka"], ids["afm"], ids["phone"], "694 412 3456", ids["old_phone"], ids["email"],
        ids["member"], ids["member_amka"], ids["rep"], "Φιλόδημος", "2237022222",
        ids["id_document"], "ΑΒ 112233", ids["eps"], "Ζηνοπούλου", "Φιλοπίμην", "Σακχαρώδης",
        name_key(ids["surname"], ids["given_name"]), "Filopoimin", "Xenofontidis",
    ]  # fmt: skip
    left = {needle: rows_containing(needle) for needle in needles}
    assert {k: v for k, v in left.items() if v} == {}


def test_what_the_counts_use_is_kept(closed):
    person = closed["person"]
    run(today=LATER)
    after = Beneficiary.objects.get(pk=person.pk)
    for name in ("sex", "settlement_id", "citizenship", "education", "labour_status", "housing",
                 "disability", "minority", "foreign_background", "eee_beneficiary",
                 "registered_on", "status"):  # fmt: skip
        assert getattr(after, name) == getattr(person, name), name
    assert after.notes.get().occurred_on == person.notes.get().occurred_on


def test_the_uploaded_files_are_deleted_through_the_storage(closed):
    names = closed["files"]
    assert all(default_storage.exists(n) for n in names)
    result = run(today=LATER)
    assert not any(default_storage.exists(n) for n in names)
    assert result.counts["records"]["files"] == 2
    assert closed["person"].documents.get().file.name == ""


def test_the_signed_off_figures_stay_the_same(closed, coordinator):
    november = Period.month(2026, 11)
    signed = sign_off(november, coordinator)
    figures_before = _figures(build_report(november))
    run(today=LATER)
    signed.refresh_from_db()
    assert signed.is_intact
    assert SignedReport.objects.in_force().of(november).get().document == signed.document
    assert changed_records(november, signed.signed_at) == 0
    assert _figures(build_report(november)) == figures_before == _figures_of(signed.document)


def _figures(report) -> list:
    return _figures_of(document_text(report))


def _figures_of(text: str) -> list:
    document = json.loads(text)
    return [table for key, table in document.items() if key not in {"generated_at", "signed_off"}]


def test_a_second_run_does_nothing(closed):
    run(today=LATER)
    person = Beneficiary.objects.get(pk=closed["person"].pk)
    second = run(today=LATER)
    assert second.case_files == [] and second.counts["case_file"] == 0
    assert Beneficiary.objects.get(pk=person.pk).anonymised_at == person.anonymised_at


def test_the_dry_run_changes_nothing(closed):
    person = closed["person"]
    result = run(today=LATER, dry_run=True)
    assert result.dry_run and result.case_files == [person.pk]
    assert result.counts["case_file"] == 1 and result.finished_at is not None
    after = Beneficiary.objects.get(pk=person.pk)
    assert (after.surname, after.amka, after.anonymised_at) == (person.surname, person.amka, None)
    assert all(default_storage.exists(n) for n in closed["files"])


def test_a_failure_half_way_leaves_the_others_done_and_a_rerun_finishes(social_worker):
    people = [rich_case_file(social_worker, surname=f"Δοκιμαστάκης{c}", serial=100 * i)["person"]
              for i, c in enumerate("ΑΒΓ", start=1)]  # fmt: skip
    failing = people[1].pk
    original = registry._anonymisers["services"]

    def broken(ids, scrub, to_delete):
        if failing in ids:
            raise RuntimeError("δίσκος γεμάτος")
        return original.anonymise(ids, scrub, to_delete)

    registry.register_anonymiser("services", original.label, broken)
    try:
        first = run(today=LATER)
    finally:
        registry.register_anonymiser("services", original.label, original.anonymise)
    assert first.errors[0]["case_file"] == failing and "δίσκος γεμάτος" in first.errors[0]["error"]
    assert sorted(first.case_files) == sorted([people[0].pk, people[2].pk])
    untouched = Beneficiary.objects.get(pk=failing)
    assert untouched.anonymised_at is None and untouched.surname == "ΔοκιμαστάκηςΒ"
    assert untouched.notes.get().text.startswith("Ο κ. Ξενοφωντίδη")  # rolled back whole
    second = run(today=LATER)
    assert second.case_files == [failing] and second.errors == []
    assert not Beneficiary.objects.filter(anonymised_at__isnull=True).exists()


def test_old_access_log_rows_are_deleted_and_recent_ones_kept(social_worker):
    old = AccessLog.objects.create(user=social_worker, action="search", detail="παλιά")
    recent = AccessLog.objects.create(user=social_worker, action="search", detail="πρόσφατη")
    AccessLog.objects.filter(pk=old.pk).update(at=timezone.now() - dt.timedelta(days=800))
    result = run()
    assert result.counts["access_log"] == 1
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [recent.pk]


def test_an_import_file_is_cleared_ninety_days_after_it_finished(coordinator):
    finished = timezone.now() - dt.timedelta(days=91)
    old = ImportRun.objects.create(file_name="m.csv", sha256="0", content=b"A;B", rows=1,
                                   outcomes=[{"row": 1}], finished_at=finished)  # fmt: skip
    new = ImportRun.objects.create(file_name="n.csv", sha256="0", content=b"A;B")
    assert run().counts["import_file"] == 1
    old.refresh_from_db(), new.refresh_from_db()
    assert (bytes(old.content), old.outcomes, old.rows) == (b"", [], 1)
    assert bytes(new.content) == b"A;B"


def test_the_command_lists_then_anonymises_in_greek(closed):
    close_long_ago(closed["person"])
    out = StringIO()
    call_command("apply_retention", "--dry-run", stdout=out, stderr=StringIO())
    text = out.getvalue()
    assert "Κλειστός φάκελος και όλα τα στοιχεία του: 1" in text
    assert f"Φάκελοι προς ανωνυμοποίηση: {closed['person'].pk}" in text
    assert "Δοκιμαστική εκτέλεση" in text
    assert Beneficiary.objects.get(pk=closed["person"].pk).anonymised_at is None
    out = StringIO()
    call_command("apply_retention", stdout=out, stderr=StringIO())  # as `restore` calls it
    assert "Έγιναν:\n  Κλειστός φάκελος και όλα τα στοιχεία του: 1" in out.getvalue()
    assert Beneficiary.objects.get(pk=closed["person"].pk).anonymised_at is not None
    runs = list(RetentionRun.objects.order_by("started_at"))
    assert [r.dry_run for r in runs] == [True, False]
    assert all(r.finished_at for r in runs) and runs[1].case_files == [closed["person"].pk]


def test_the_command_fails_loudly_when_a_file_could_not_be_done(closed):
    close_long_ago(closed["person"])
    original = registry._anonymisers["requests"]

    def broken(ids, scrub, to_delete):
        raise RuntimeError("σφάλμα")

    registry.register_anonymiser("requests", original.label, broken)
    try:
        with pytest.raises(CommandError, match="ξανατρέξτε"):
            call_command("apply_retention", stdout=StringIO(), stderr=StringIO())
    finally:
        registry.register_anonymiser("requests", original.label, original.anonymise)


def test_a_reopened_file_is_not_due(closed, social_worker):
    from beneficiaries.actions import beneficiary_reopen

    beneficiary_reopen(beneficiary=closed["person"], reason="Επέστρεψε.", actor=social_worker)
    assert plan(LATER).case_files == []
    assert Beneficiary.objects.get(pk=closed["person"].pk).status == CaseStatus.ACTIVE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ο Γιώργος ΠΑΠΑΔΟΠΟΥΛΟΣ ήρθε", "Ο […] […] ήρθε"),
        ("της κυρίας Παπαδοπούλου", "της κυρίας […]"),
        ("τηλ. +30 697 123 4567 ή 2237021000", "τηλ. […] ή […]"),
        ("ποσό 1500 ευρώ στις 12/03/2024", "ποσό 1500 ευρώ στις 12/03/2024"),
        ("email: a.b@example.gr", "email: […]"),
        ("ΑΦΜ 090000045", "ΑΦΜ […]"),
        ("Ιωάννινα", "Ιωάννινα"),
        ("Viber: Giorgos PAPADOPOULOU", "Viber: […] […]"),
        ("email from Yiorgos Papadopoulos", "email from […] […]"),
        ("Io Ioannina Papas", "[…] Ioannina Papas"),
    ],
)
def test_the_scrubber_finds_names_in_any_ending_and_any_phone(text, expected):
    assert Scrubber(["Παπαδόπουλος", "Γιώργος", "Ιω"]).text(text) == expected


def test_a_run_killed_half_way_is_finished_by_the_next_one(social_worker):
    people = [rich_case_file(social_worker, surname=f"Διακοπάκης{c}", serial=100 * i)["person"]
              for i, c in enumerate("ΑΒΓ", start=1)]  # fmt: skip
    original = registry._anonymisers["referrals"]
    seen: list[int] = []

    def killed(ids, scrub, to_delete):
        seen.extend(ids)
        if len(seen) == 2:
            raise KeyboardInterrupt  # the process stops: not an error of one file
        return original.anonymise(ids, scrub, to_delete)

    registry.register_anonymiser("referrals", original.label, killed)
    try:
        with pytest.raises(KeyboardInterrupt):
            run(today=LATER)
    finally:
        registry.register_anonymiser("referrals", original.label, original.anonymise)
    stopped = RetentionRun.objects.get()
    assert stopped.finished_at is None  # the screen shows «δεν ολοκληρώθηκε»
    done = set(Beneficiary.objects.filter(anonymised_at__isnull=False).values_list("pk", flat=True))
    assert done == {people[0].pk}
    assert Beneficiary.objects.get(pk=people[1].pk).surname == "ΔιακοπάκηςΒ"  # rolled back
    rerun = run(today=LATER)
    assert sorted(rerun.case_files) == sorted([people[1].pk, people[2].pk])
    assert not Beneficiary.objects.filter(anonymised_at__isnull=True).exists()
