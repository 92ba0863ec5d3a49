"""«Διατήρηση δεδομένων» and the legal hold: who reaches them, what they save, their Greek
refusals, a stale edit refused."""

from __future__ import annotations

import re

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from beneficiaries.actions import beneficiary_close
from beneficiaries.models import Beneficiary, LegalHoldChange, RecordType, RetentionPolicy
from beneficiaries.retention.run import apply_retention
from tests.beneficiaries.factories import BeneficiaryFactory

pytestmark = pytest.mark.django_db

VERSION = re.compile(r'name="version" value="([^"]*)"')


def _policy(record_type=RecordType.CASE_FILE) -> RetentionPolicy:
    return RetentionPolicy.objects.get(record_type=record_type)


def _form(client, policy) -> dict:
    page = client.get(reverse("beneficiaries:retention_edit", args=[policy.pk])).content.decode()
    return {"years": policy.years, "days": policy.days, "note": policy.note,
            "version": VERSION.search(page).group(1)}  # fmt: skip


def test_the_migration_seeds_the_four_policies():
    periods = {p.record_type: (p.years, p.days) for p in RetentionPolicy.objects.all()}
    assert periods == {"case_file": (5, 0), "access_log": (2, 0), "import_file": (0, 90),
                       "login_record": (1, 0)}  # fmt: skip


def test_the_coordinator_sees_the_policies_the_next_run_and_the_last_runs(coordinator_client):
    apply_retention(dry_run=True, command_line="manage.py apply_retention --dry-run")
    page = coordinator_client.get(reverse("beneficiaries:retention")).content.decode()
    assert "Διατήρηση δεδομένων" in page and "5 έτη" in page and "90 ημέρες" in page
    assert "Κανένας φάκελος δεν είναι για ανωνυμοποίηση." in page
    assert "manage.py apply_retention --dry-run" in page and "δοκιμαστική" in page


def test_a_social_worker_may_not_open_the_policies(worker_client):
    assert worker_client.get(reverse("beneficiaries:retention")).status_code == 403


def test_the_coordinator_changes_a_period_and_the_change_is_in_the_history(
    coordinator_client, coordinator
):
    policy = _policy()
    data = {**_form(coordinator_client, policy), "years": 6, "note": "Νέα απόφαση του Δήμου."}
    response = coordinator_client.post(reverse("beneficiaries:retention_edit", args=[policy.pk]),
                                       data)  # fmt: skip
    assert response.status_code == 302
    policy.refresh_from_db()
    assert (policy.years, policy.updated_by) == (6, coordinator)
    entry = LogEntry.objects.get(content_type=ContentType.objects.get_for_model(RetentionPolicy),
                                 object_pk=str(policy.pk))  # fmt: skip
    assert entry.changes_dict["years"] == ["5", "6"]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ({"years": 0, "days": 0}, "Η διάρκεια διατήρησης δεν μπορεί να είναι μηδενική."),
        ({"years": 101}, "Το πολύ 100 έτη."),
        ({"days": 4000}, "Το πολύ 3.650 ημέρες."),
        ({"years": -1}, "Βεβαιωθείτε ότι η τιμή είναι μεγαλύτερη ή ίση από 0."),
        ({"years": "πέντε"}, "Εισάγετε έναν ακέραιο αριθμό."),
        ({"note": "   "}, "Γράψτε την αιτιολόγηση."),
    ],
)
def test_a_wrong_period_is_refused_in_greek_and_nothing_is_saved(
    coordinator_client, typed, message
):
    policy = _policy()
    data = {**_form(coordinator_client, policy), **typed}
    response = coordinator_client.post(reverse("beneficiaries:retention_edit", args=[policy.pk]),
                                       data)  # fmt: skip
    assert response.status_code == 200
    assert message in response.content.decode()
    assert _policy().years == 5


def test_a_stale_edit_is_refused_and_says_who_changed_it(coordinator_client):
    policy = _policy()
    mine = _form(coordinator_client, policy)
    theirs = {**mine, "years": 7}
    url = reverse("beneficiaries:retention_edit", args=[policy.pk])
    assert coordinator_client.post(url, theirs).status_code == 302
    response = coordinator_client.post(url, {**mine, "years": 4})
    assert response.status_code == 200 and 'id="version-conflict"' in response.content.decode()
    assert _policy().years == 7


def test_a_legal_hold_needs_a_reason_and_is_logged(coordinator_client, coordinator):
    person = BeneficiaryFactory(assigned_worker=coordinator)
    place = reverse("beneficiaries:legal_hold_place", args=[person.pk])
    response = coordinator_client.post(place, {"reason": "  "}, follow=True)
    assert "Γράψτε την αιτιολογία" in response.content.decode()
    assert not Beneficiary.objects.get(pk=person.pk).legal_hold
    response = coordinator_client.post(place, {"reason": "Εκκρεμεί δίκη."}, follow=True)
    assert "Ο φάκελος τέθηκε σε δέσμευση." in response.content.decode()
    assert "Σε δέσμευση" in response.content.decode()
    person.refresh_from_db()
    assert (person.legal_hold, person.legal_hold_reason, person.legal_hold_by) == (
        True, "Εκκρεμεί δίκη.", coordinator)  # fmt: skip
    again = coordinator_client.post(place, {"reason": "Ξανά."}, follow=True)
    assert "Ο φάκελος είναι ήδη σε δέσμευση." in again.content.decode()
    lift = reverse("beneficiaries:legal_hold_lift", args=[person.pk])
    coordinator_client.post(lift, {"reason": "Η δίκη τελείωσε."})
    person.refresh_from_db()
    assert not person.legal_hold and person.legal_hold_by is None
    assert list(LegalHoldChange.objects.values_list("placed", "reason").order_by("at")) == [
        (True, "Εκκρεμεί δίκη."), (False, "Η δίκη τελείωσε.")]  # fmt: skip
    changes = LogEntry.objects.filter(additional_data__beneficiary_id=person.pk)
    assert any("legal_hold" in (e.changes_dict or {}) for e in changes)


def test_a_social_worker_may_not_place_a_hold(worker_client, social_worker):
    person = BeneficiaryFactory(assigned_worker=social_worker)
    url = reverse("beneficiaries:legal_hold_place", args=[person.pk])
    assert worker_client.post(url, {"reason": "Δίκη."}).status_code == 403


def test_an_anonymised_file_says_so_and_offers_no_hold(coordinator_client, coordinator):
    import datetime as dt

    person = BeneficiaryFactory(assigned_worker=coordinator)
    beneficiary_close(beneficiary=person, reason="Απεβίωσε.", actor=coordinator)
    apply_retention(dry_run=False, command_line="test", today=dt.date(2035, 1, 1))
    page = coordinator_client.get(person.get_absolute_url()).content.decode()
    assert "Ο φάκελος ανωνυμοποιήθηκε στις" in page
    assert reverse("beneficiaries:legal_hold_place", args=[person.pk]) not in page
