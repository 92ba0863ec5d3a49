"""The programme catalogue: seeded from programmes.md by load_reference_data (idempotent, staff
edits kept), and kept by staff in the application — list, detail, create, edit (a stale edit
refused), checklist lines added, corrected and removed, a programme taken out of use."""

from __future__ import annotations

import pytest
from django.urls import reverse

from community_centre.reference import load_reference_data
from community_centre.versions import format_version
from services.models import Programme, ProgrammeDocument
from tests.services.factories import document_type, eee_programme

pytestmark = pytest.mark.django_db


def test_the_catalogue_is_seeded_once_and_staff_edits_survive(roles):
    load_reference_data()
    eee = Programme.objects.get(code="eee")
    assert (
        eee.name == "ΕΕΕ (πρώην ΚΕΑ)" and eee.renewal_months == 6 and eee.deciding_body == "ΟΠΕΚΑ"
    )
    names = set(Programme.objects.values_list("name", flat=True))
    for expected in (
        "Προνοιακά επιδόματα αναπηρίας",
        "Επίδομα ανασφάλιστων υπερηλίκων",
        "Επίδομα στέγασης",
        "Επίδομα παιδιού",
        "Επίδομα γέννησης",
        "Επίδομα θέρμανσης",
        "Κοινωνικό Οικιακό Τιμολόγιο (ΚΟΤ)",
        "ΤΕΒΑ / Επισιτιστική Βοήθεια",
        "Κοινωνικό Παντοπωλείο",
        "Βοήθεια στο Σπίτι",
    ):
        assert expected in names
    scopes = {(line.document_type.code, line.scope) for line in eee.checklist.all()}
    assert ("eee-consent", "adult_member") in scopes and ("iban", "applicant") in scopes
    eee.renewal_months = 12
    eee.save()
    eee.checklist.filter(document_type__code="iban").delete()
    count = Programme.objects.count()
    summary = load_reference_data()["programmes"]
    assert summary.created == 0 and Programme.objects.count() == count
    eee.refresh_from_db()
    assert (
        eee.renewal_months == 12 and not eee.checklist.filter(document_type__code="iban").exists()
    )


def test_staff_create_and_edit_a_programme(worker_client):
    url = reverse("services:programme_create")
    token = worker_client.get(url).context["form"].initial["submission_token"]
    data = {
        "submission_token": str(token),
        "name": "Επίδομα ομογενών",
        "code": "omogeneis",
        "deciding_body": "ΟΠΕΚΑ",
        "submitted_via": "ΟΠΕΚΑ",
        "centre_files": "on",
        "renewal_months": "12",
        "is_active": "on",
    }
    assert worker_client.post(url, data).status_code == 302
    assert worker_client.post(url, data).status_code == 302  # a double click saves once
    programme = Programme.objects.get(code="omogeneis")
    edit = reverse("services:programme_edit", args=[programme.pk])
    stale = {**data, "version": format_version(programme.updated_at), "is_active": ""}
    programme.description = "Αλλαγή άλλου"
    programme.save()
    refused = worker_client.post(edit, stale)
    assert refused.status_code == 200 and refused.context["conflict"] is not None
    assert Programme.objects.get(pk=programme.pk).is_active
    fresh = {**stale, "version": format_version(Programme.objects.get(pk=programme.pk).updated_at)}
    assert worker_client.post(edit, fresh).status_code == 302
    assert not Programme.objects.get(pk=programme.pk).is_active  # taken out of use


@pytest.mark.parametrize("months", ["0", "-1", "abc", "61"])
def test_a_bad_renewal_period_is_refused_beside_the_field(worker_client, months):
    url = reverse("services:programme_create")
    data = {
        "name": "Χ",
        "code": "x",
        "deciding_body": "Δ",
        "submitted_via": "Δ",
        "renewal_months": months,
    }
    response = worker_client.post(url, data)
    assert response.status_code == 200 and "renewal_months" in response.context["form"].errors


def test_checklist_lines_are_added_corrected_and_removed(worker_client):
    programme = eee_programme()
    detail = worker_client.get(reverse("services:programme_detail", args=[programme.pk]))
    assert "Για τα παιδιά που φοιτούν" in detail.content.decode()
    add = reverse("services:programme_line_create", args=[programme.pk])
    family = document_type("family-status", "Πιστοποιητικό οικογενειακής κατάστασης")
    token = worker_client.get(add).context["form"].initial["submission_token"]
    data = {
        "submission_token": str(token),
        "document_type": str(family.pk),
        "requirement": "required",
        "scope": "applicant",
    }
    assert worker_client.post(add, data).status_code == 302
    line = programme.checklist.get(document_type=family)
    assert line.position == 4
    # The same document for the same people twice is refused.
    twice = worker_client.post(add, {**data, "submission_token": ""})
    assert twice.status_code == 200 and "υπάρχει ήδη" in twice.content.decode()
    edit = reverse("services:programme_line_edit", args=[programme.pk, line.pk])
    changed = {
        **data,
        "requirement": "where_relevant",
        "note": "Μόνο αν άλλαξε",
        "version": format_version(line.updated_at),
    }
    assert worker_client.post(edit, changed).status_code == 302
    line.refresh_from_db()
    assert line.requirement == "where_relevant" and line.note == "Μόνο αν άλλαξε"
    remove = reverse("services:programme_line_remove", args=[programme.pk, line.pk])
    assert worker_client.post(remove).status_code == 302
    assert not ProgrammeDocument.objects.filter(pk=line.pk).exists()


def test_a_line_of_another_programme_answers_404(worker_client):
    programme = eee_programme()
    other = Programme.objects.create(code="alt", name="Άλλο", deciding_body="Δ", submitted_via="Δ")
    line = programme.checklist.first()
    url = reverse("services:programme_line_edit", args=[other.pk, line.pk])
    assert worker_client.get(url).status_code == 404
