"""The subject-access export (GDPR art. 15): the ZIP's JSON, PDF and files, for a person with
records in every app; nothing of anyone else; the export logged; the query count fixed."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from beneficiaries.models import Beneficiary, Document
from beneficiaries.subject_access.json_export import FORMAT
from beneficiaries.subject_access.registry import parts
from community_centre.audit import log_access
from community_centre.models import AccessLog
from tests import pdf
from tests.beneficiaries.subject_access_data import full_file
from tests.helpers import query_count

pytestmark = pytest.mark.django_db


def _url(person) -> str:
    return reverse("beneficiaries:subject_access_export", args=[person.pk])


def _export(client, person, day="05/11/2026", channel="letter"):
    return client.post(_url(person), {"requested_on": day, "channel": channel})


class Opened:
    """The ZIP of one export: its names, its JSON, its PDF's text."""

    def __init__(self, response) -> None:
        self.zip = zipfile.ZipFile(io.BytesIO(response.content))
        self.names = self.zip.namelist()
        (self.json_name,) = [n for n in self.names if n.endswith(".json") and "/" not in n]
        (self.pdf_name,) = [n for n in self.names if n.endswith(".pdf") and "/" not in n]
        self.raw_json = self.zip.read(self.json_name).decode()
        self.data = json.loads(self.raw_json)
        self.pdf = pdf.read(self.zip.read(self.pdf_name))
        self.text = pdf.text(self.pdf)

    def records(self, part: str) -> list[dict]:
        return self.data["parts"][part]["records"]


@pytest.fixture
def person(social_worker):
    return full_file("Αλφα", social_worker)


@pytest.fixture
def opened(client, coordinator, person) -> Opened:
    client.force_login(coordinator)
    response = _export(client, person)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return Opened(response)


def test_the_archive_is_named_for_the_person_and_the_day(client, coordinator, person):
    client.force_login(coordinator)
    response = _export(client, person)
    day = timezone.localdate().isoformat()
    name = f"subject-access-{person.pk}-{day}"
    assert response["Content-Disposition"] == f'attachment; filename="{name}.zip"'
    opened = Opened(response)
    assert (opened.json_name, opened.pdf_name) == (f"{name}.json", f"{name}.pdf")


def test_the_json_has_every_part(opened, person):
    data = opened.data
    assert data["format"] == FORMAT == "community-centre-subject-access/1"
    assert list(data["parts"]) == [part.key for part in parts()]
    assert data["request"] == {"received_on": "2026-11-05", "channel": "letter"}
    assert data["subject"]["id"] == person.pk
    assert data["subject"]["date_of_birth"] == person.date_of_birth.isoformat()


def test_the_json_holds_the_case_file_special_categories_included(opened, person):
    (case_file,) = opened.records("case_file")
    assert case_file["surname"] == "Αλφαπουλος"
    assert case_file["amka"] == person.amka
    assert (case_file["disability"], case_file["disability_label"]) == ("yes", "Ναι")
    assert case_file["disability_percentage"] == 67
    assert case_file["registered_on"] == person.registered_on.isoformat()
    assert opened.records("household")[0]["given_name"] == "ΜέλοςΑλφα"
    (rep,) = opened.records("representatives")
    assert rep["surname"] == "ΕκπρόσωποςΑλφα" and rep["valid_from"] == "2026-01-01"
    (consent,) = opened.records("consents")
    assert consent["notice_version"] == "v-Αλφα" and consent["consents_to_processing"] is True
    (document,) = opened.records("documents")
    assert document["original_name"] == "Αλφα-taftotita.pdf"
    assert rep["authorisation_document_file"] == document["file"]
    assert opened.records("case_notes")[0]["text"] == "Σημείωση για Αλφα."
    assert opened.records("needs")[0]["description"] == "Ανάγκη Αλφα"


def test_the_json_holds_requests_letters_and_appointments(opened):
    (request,) = opened.records("assistance_requests")
    assert request["description"] == "Αίτημα Αλφα 0" and request["protocol"].startswith("2026/")
    assert request["received_at"] == "2026-11-02T09:30:00+02:00"
    assert [move["note"] for move in request["status_history"]] == ["Καταχώριση Αλφα 0"]
    assert opened.records("information_requests")[0]["note"] == "Ρώτησε Αλφα"
    (letter,) = opened.records("status_letters")
    assert letter["issued_on"] == "2026-11-20" and letter["file"].startswith("letters/")
    (document_request,) = opened.records("document_requests")
    assert document_request["note"] == "Φέρτε Αλφα"
    assert document_request["items"][0]["description"] == "Πρόσφατο Αλφα"
    assert opened.records("appointments")[0]["purpose"] == "Ραντεβού Αλφα"


def test_the_json_says_what_each_referral_disclosed_to_whom_and_when(opened, person):
    (referral,) = opened.records("referrals")
    assert referral["body"] == "Φορέας Αλφα"
    assert referral["sent_at"].startswith("2026-11-03T")
    assert referral["snapshot"]["values"]["name"] == person.full_name
    disclosed = {line["item"]: line["value"] for line in referral["disclosed"]}
    assert disclosed["Ονοματεπώνυμο"] == [person.full_name]
    assert [move["to_status"] for move in referral["status_history"]] == ["sent"]
    assert referral["slip_file"].startswith("referral-slips/")


def test_the_json_holds_applications_sessions_and_events(opened):
    (application,) = opened.records("benefit_applications")
    assert application["notes"] == "Αίτηση Αλφα"
    assert application["covered_members"] and "ΜέλοςΑλφα" in application["covered_members"][0]
    assert application["checklist"], "the programme's checklist"
    assert opened.records("counselling_sessions")[0]["notes"] == "Συνεδρία Αλφα"
    (event,) = opened.records("events_attended")
    assert event["title"] == "Εκδήλωση Αλφα" and event["attended"] is True


def test_consultations_give_the_role_when_what_and_why_never_the_name(opened, coordinator):
    export_row = opened.records("consultations")[-1]
    assert export_row["action"] == "subject_access"
    assert export_row["role"] == "Συντονιστής/τρια"
    assert export_row["purpose"].startswith("Αίτημα πρόσβασης του υποκειμένου της 05/11/2026")
    assert export_row["at"][:10] == timezone.localdate().isoformat()
    assert coordinator.get_full_name() not in json.dumps(opened.records("consultations"))
    changes = opened.records("changes")
    assert {"create"} <= {change["action"] for change in changes}
    created = next(c for c in changes if c["record_type"] == "beneficiary")
    assert {"field": "Επώνυμο", "new": "Αλφαπουλος"} in created["changes"]


def test_the_pdf_has_every_part_in_greek_with_dates_as_people_write_them(opened, person):
    assert pdf.first_page_size(opened.pdf) == [round(v, 2) for v in pdf.A4_POINTS]
    text = opened.text
    for part in parts():
        assert str(part.title) in text
    for value in [
        "Αντίγραφο δεδομένων προσωπικού χαρακτήρα (άρθρο 15 ΓΚΠΔ)",
        "Περιεχόμενα",
        "Αλφαπουλος Ιάσονας",
        person.date_of_birth.strftime("%d/%m/%Y"),
        "05/11/2026 · Με επιστολή",
        "Σημείωση για Αλφα.",
        "Αίτημα Αλφα 0",
        "Φορέας Αλφα",
        "Τι γνωστοποιήθηκε στον φορέα",
        "Αίτηση Αλφα",
        "Εκδήλωση Αλφα",
        "Αίτημα πρόσβασης του υποκειμένου της 05/11/2026",
        "Τα δικαιώματά σας",
    ]:
        assert value in text, value


def test_the_zip_has_the_files_with_their_bytes(opened, person):
    document = Document.objects.get(beneficiary=person)
    (path,) = [n for n in opened.names if n.startswith("documents/")]
    assert opened.zip.read(path) == b"%PDF-1.4 \xce\x91\xce\xbb\xcf\x86\xce\xb1 document\n"
    assert path == f"documents/{document.pk}-Αλφα-taftotita.pdf"
    (letter,) = [n for n in opened.names if n.startswith("letters/")]
    assert opened.zip.read(letter) == "%PDF-1.4 Αλφα letter\n".encode()
    (slip,) = [n for n in opened.names if n.startswith("referral-slips/")]
    assert opened.zip.read(slip) == "%PDF-1.4 Αλφα slip\n".encode()
    listed = {f["path"]: f for f in opened.data["files"]}
    assert set(listed) == {path, letter, slip}
    assert listed[path]["size"] == len(opened.zip.read(path))


def test_a_file_missing_from_the_storage_is_listed_as_missing(client, coordinator, person):
    document = Document.objects.get(beneficiary=person)
    document.file.storage.delete(document.file.name)
    client.force_login(coordinator)
    opened = Opened(_export(client, person))
    missing = [f for f in opened.data["files"] if f.get("missing")]
    assert [f["path"] for f in missing] == [f"documents/{document.pk}-Αλφα-taftotita.pdf"]


def test_another_persons_data_never_appears(client, coordinator, social_worker, person, rf):
    other = full_file("Βήτα", social_worker)
    # A search that showed both: its text names the other person.
    search = rf.get("/")
    search.user = social_worker
    log_access(search, None, AccessLog.Action.SEARCH, "Αναζήτηση: «Βήταπουλος»",
               shown=[person.pk, other.pk])  # fmt: skip
    client.force_login(coordinator)
    opened = Opened(_export(client, person))
    assert "Αλφα" in opened.raw_json and "Αλφα" in opened.text
    assert "Βήτα" not in opened.raw_json
    assert "Βήτα" not in opened.text
    for name in opened.names:
        assert "Βήτα".encode() not in opened.zip.read(name), name
    assert other.amka not in opened.raw_json and other.amka not in opened.text
    assert "Εμφανίστηκε σε λίστα ή αποτελέσματα αναζήτησης" in opened.text


def test_the_export_is_logged_with_its_purpose(client, social_worker, person):
    client.force_login(social_worker)
    assert _export(client, person, channel="email").status_code == 200
    row = AccessLog.objects.get(action=AccessLog.Action.SUBJECT_ACCESS)
    assert (row.user, row.beneficiary_id) == (social_worker, person.pk)
    assert row.purpose == "Αίτημα πρόσβασης του υποκειμένου της 05/11/2026 (Με email)"


def test_the_page_explains_and_asks_when_and_how(client, social_worker, person):
    client.force_login(social_worker)
    html = client.get(reverse("beneficiaries:subject_access", args=[person.pk])).content.decode()
    assert "Δικαίωμα πρόσβασης (άρθρο 15 ΓΚΠΔ)" in html
    assert "Τι θα παραχθεί" in html and "Ημερομηνία του αιτήματος" in html
    assert timezone.localdate().strftime("%d/%m/%Y") in html  # today, to be changed if need be
    for label in ("Αυτοπροσώπως", "Με επιστολή", "Με email"):
        assert label in html
    assert _url(person) in html
    case_file = client.get(person.get_absolute_url()).content.decode()
    assert reverse("beneficiaries:subject_access", args=[person.pk]) in case_file


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"requested_on": "", "channel": "letter"},
        {"requested_on": "31/02/2026", "channel": "letter"},
        {"requested_on": "01/01/2099", "channel": "letter"},
        {"requested_on": "05/11/2026", "channel": "pigeon"},
        {"requested_on": "x" * 10_000, "channel": "\x00"},
    ],
)
def test_bad_input_answers_the_page_with_a_greek_message_and_exports_nothing(
    client, social_worker, person, data
):
    client.force_login(social_worker)
    response = client.post(_url(person), data)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert 'class="invalid-feedback' in response.content.decode()
    assert not AccessLog.objects.filter(action=AccessLog.Action.SUBJECT_ACCESS).exists()


def test_a_double_submission_only_downloads_twice(client, social_worker, person):
    client.force_login(social_worker)
    counts = {m: m.objects.count() for m in apps.get_models() if m is not AccessLog}
    first, second = _export(client, person), _export(client, person)
    assert first.status_code == second.status_code == 200
    assert {m: m.objects.count() for m in counts} == counts
    assert AccessLog.objects.filter(action=AccessLog.Action.SUBJECT_ACCESS).count() == 2


def test_who_may_export(client, administrator, no_role, person):
    page = reverse("beneficiaries:subject_access", args=[person.pk])
    assert client.get(page).status_code == 302
    assert _export(client, person).status_code == 302
    for user in (administrator, no_role):
        client.force_login(user)
        assert client.get(page).status_code == 403
        assert _export(client, person).status_code == 403


def test_a_file_out_of_scope_answers_404_and_wrong_methods_405(client, coordinator, person):
    client.force_login(coordinator)
    absent = Beneficiary.objects.order_by("-pk").first().pk + 1
    assert client.get(reverse("beneficiaries:subject_access", args=[absent])).status_code == 404
    assert client.post(_url(Beneficiary(pk=absent)), {}).status_code == 404
    assert client.get(_url(person)).status_code == 405
    page = reverse("beneficiaries:subject_access", args=[person.pk])
    assert client.post(page).status_code == 405


def test_every_record_that_names_a_person_is_in_some_part():
    """A new model with a foreign key to Beneficiary must be exported by some part."""
    exported = {model for part in parts() for model in part.models}
    naming = {
        model
        for model in apps.get_models()
        for f in model._meta.get_fields()
        if f.is_relation and f.concrete and f.related_model is Beneficiary
    }
    assert naming, "the models of the case file"
    assert naming <= exported, naming - exported


def test_the_query_count_does_not_grow_with_the_records(client, coordinator, social_worker):
    small = full_file("Μικρός", social_worker, requests=1)
    large = full_file("Μεγάλος", social_worker, requests=12)
    client.force_login(coordinator)
    data = {"requested_on": "05/11/2026", "channel": "in_person"}
    counts = [query_count(client, _url(p), data, method="post") for p in (small, large)]
    assert counts[0] == counts[1], counts


def test_a_partner_bodys_reader_is_named_by_role_and_body(client, coordinator, person, rf):
    from referrals.models import Referral
    from tests.referrals.factories import partner_user

    reader = partner_user(Referral.objects.get(beneficiary=person).body, "pantopoleio")
    reading = rf.get("/")
    reading.user = reader
    log_access(reading, person, AccessLog.Action.VIEW_SECTION, "Παραπομπή")
    client.force_login(coordinator)
    rows = Opened(_export(client, person)).records("consultations")
    assert {"role": "Συνεργαζόμενος φορέας: Φορέας Αλφα", "detail": "Παραπομπή"}.items() <= next(
        row for row in rows if row["detail"] == "Παραπομπή"
    ).items()
    assert reader.get_full_name() not in json.dumps(rows)
