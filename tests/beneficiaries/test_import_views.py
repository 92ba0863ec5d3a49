"""The register import wizard: upload, mapping, preview, run, report, error file, undo."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from beneficiaries.import_forms import MAX_UPLOAD_BYTES
from beneficiaries.importing import background, records
from beneficiaries.models import Beneficiary, ImportRun
from beneficiaries.models.imports import ImportStatus
from community_centre.models import AccessLog
from demo.identifiers import make_amka

pytestmark = pytest.mark.django_db

HEADERS = ["Α/Α", "ΕΠΩΝΥΜΟ", "ΟΝΟΜΑ", "ΦΥΛΟ", "ΗΜ/ΝΙΑ ΓΕΝΝΗΣΗΣ", "Α.Μ.Κ.Α.", "ΧΡΩΜΑ"]


def register(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def good_rows(n=3):
    born = dt.date(1960, 3, 5)
    return [
        [i + 1, "ΠΑΠΑΔΟΠΟΥΛΟΣ", f"ΓΙΩΡΓΟΣ{'Α' * i}", "Α", born, make_amka(born, 10 + i), "μπλε"]
        for i in range(n)
    ]


@pytest.fixture(autouse=True)
def _in_request_thread(monkeypatch):
    monkeypatch.setattr(background, "RUN_IN_THREAD", False)


def _upload(client, content: bytes, name="mitroo.xlsx"):
    page = client.get(reverse("beneficiaries:import_upload"))
    token = page.context["form"].initial["submission_token"]
    data = {"file": SimpleUploadedFile(name, content), "submission_token": str(token)}
    return client.post(reverse("beneficiaries:import_upload"), data), token


def _mapping_data(client, run, **changes) -> dict:
    form = client.get(reverse("beneficiaries:import_mapping", args=[run.pk])).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(changes)
    return data


def _uploaded(coordinator, rows=None) -> ImportRun:
    return records.record_upload(
        name="mitroo.xlsx", content=register(rows or good_rows()), actor=coordinator
    )


def test_upload_records_the_run_and_goes_to_the_mapping(coordinator_client):
    response, _token = _upload(coordinator_client, register(good_rows()))
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("beneficiaries:import_mapping", args=[run.pk])
    assert run.file_name == "mitroo.xlsx"


def test_the_same_upload_sent_twice_makes_one_run(coordinator_client):
    content = register(good_rows())
    page = coordinator_client.get(reverse("beneficiaries:import_upload"))
    token = page.context["form"].initial["submission_token"]
    answers = []
    for _ in range(2):
        data = {"file": SimpleUploadedFile("b.xlsx", content), "submission_token": str(token)}
        answers.append(coordinator_client.post(reverse("beneficiaries:import_upload"), data))
    assert ImportRun.objects.count() == 1
    assert answers[0]["Location"] == answers[1]["Location"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("mitroo.pdf", b"%PDF-1.4", "Υποστηρίζονται μόνο αρχεία .csv και .xlsx."),
        ("mitroo.xlsx", b"not a workbook", "Το αρχείο XLSX δεν μπορεί να διαβαστεί."),
        ("mitroo.csv", b"", "είναι κενό."),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_beside_the_field(
    coordinator_client, name, content, message
):
    response, _token = _upload(coordinator_client, content, name)
    assert response.status_code == 200
    assert message in response.context["form"].errors["file"][0]
    assert not ImportRun.objects.exists()


def test_a_file_over_the_limit_is_refused(coordinator_client):
    response, _token = _upload(coordinator_client, b"x" * (MAX_UPLOAD_BYTES + 1), "big.csv")
    assert "μεγαλύτερο από 10 MB" in response.context["form"].errors["file"][0]
    assert not ImportRun.objects.exists()


def test_the_mapping_shows_titles_samples_and_the_undecided_column(coordinator_client, coordinator):
    run = _uploaded(coordinator)
    response = coordinator_client.get(reverse("beneficiaries:import_mapping", args=[run.pk]))
    html = response.content.decode()
    assert "ΧΡΩΜΑ" in html and "μπλε" in html and "ΠΑΠΑΔΟΠΟΥΛΟΣ" in html
    assert "Επιλέξτε τι γίνεται με αυτή τη στήλη." in html
    assert AccessLog.objects.filter(user=coordinator, detail__contains="mitroo.xlsx").exists()


def test_saving_the_mapping_stores_it_and_goes_to_the_preview(coordinator_client, coordinator):
    run = _uploaded(coordinator)
    data = _mapping_data(coordinator_client, run, col_6="remarks")
    response = coordinator_client.post(reverse("beneficiaries:import_mapping", args=[run.pk]), data)
    assert response["Location"] == reverse("beneficiaries:import_preview", args=[run.pk])
    run.refresh_from_db()
    assert run.mapping["columns"]["ΧΡΩΜΑ"] == "remarks"


def test_an_older_mapping_from_a_second_tab_is_not_saved_over_the_newer(
    coordinator_client, coordinator
):
    run = _uploaded(coordinator)
    url = reverse("beneficiaries:import_mapping", args=[run.pk])
    old_tab = _mapping_data(coordinator_client, run, col_6="ignore")
    coordinator_client.post(url, _mapping_data(coordinator_client, run, col_6="remarks"))
    response = coordinator_client.post(url, old_tab)
    assert response.status_code == 200 and response.context["conflict"]
    run.refresh_from_db()
    assert run.mapping["columns"]["ΧΡΩΜΑ"] == "remarks"


def test_the_preview_waits_for_a_complete_mapping(coordinator_client, coordinator):
    run = _uploaded(coordinator)
    response = coordinator_client.get(reverse("beneficiaries:import_preview", args=[run.pk]))
    assert response["Location"] == reverse("beneficiaries:import_mapping", args=[run.pk])


def _ready(client, coordinator, rows=None) -> ImportRun:
    run = _uploaded(coordinator, rows)
    url = reverse("beneficiaries:import_mapping", args=[run.pk])
    client.post(url, _mapping_data(client, run, col_6="ignore"))
    return run


def _start(client, run, action, django_capture_on_commit_callbacks):
    page = client.get(reverse("beneficiaries:import_preview", args=[run.pk]))
    token = page.context["form"].initial["submission_token"]
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            reverse("beneficiaries:import_preview", args=[run.pk]),
            {"action": action, "submission_token": str(token)},
        )


def test_check_then_import_then_undo(
    coordinator_client, coordinator, django_capture_on_commit_callbacks
):
    run = _ready(coordinator_client, coordinator)
    preview = coordinator_client.get(reverse("beneficiaries:import_preview", args=[run.pk]))
    assert "Έλεγχος όλων των γραμμών" in preview.content.decode()
    response = _start(coordinator_client, run, "check", django_capture_on_commit_callbacks)
    assert response["Location"] == reverse("beneficiaries:import_progress", args=[run.pk])
    run.refresh_from_db()
    assert run.status == ImportStatus.CHECKED and not Beneficiary.objects.exists()
    assert (
        ">Εισαγωγή<"
        in coordinator_client.get(
            reverse("beneficiaries:import_preview", args=[run.pk])
        ).content.decode()
    )
    _start(coordinator_client, run, "import", django_capture_on_commit_callbacks)
    run.refresh_from_db()
    assert run.status == ImportStatus.IMPORTED and Beneficiary.objects.count() == 3
    report = coordinator_client.get(reverse("beneficiaries:import_report", args=[run.pk]))
    assert "Αναίρεση της εισαγωγής" in report.content.decode()
    coordinator_client.post(reverse("beneficiaries:import_undo", args=[run.pk]))
    assert not Beneficiary.objects.exists()


def test_errors_are_reported_and_the_error_file_downloads(
    coordinator_client, coordinator, django_capture_on_commit_callbacks
):
    rows = good_rows(2) + [[3, "ΝΙΚΟΛΑΟΥ", "ΜΑΡΙΑ", "Γ", "32/13/1970", "12345", "κόκκινο"]]
    run = _ready(coordinator_client, coordinator, rows)
    _start(coordinator_client, run, "check", django_capture_on_commit_callbacks)
    run.refresh_from_db()
    assert run.failed == 1
    html = coordinator_client.get(
        reverse("beneficiaries:import_preview", args=[run.pk])
    ).content.decode()
    assert "Εισαγωγή μόνο των σωστών γραμμών (2)" in html, (run.status, run.created, html[-3000:])
    report = coordinator_client.get(reverse("beneficiaries:import_report", args=[run.pk]))
    assert "12345" in report.content.decode()
    download = coordinator_client.get(reverse("beneficiaries:import_error_file", args=[run.pk]))
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    load_workbook(io.BytesIO(download.content))
    assert AccessLog.objects.filter(action=AccessLog.Action.EXPORT).exists()
    _start(coordinator_client, run, "valid_only", django_capture_on_commit_callbacks)
    assert Beneficiary.objects.count() == 2


def test_a_second_import_while_one_runs_is_told_in_greek(
    coordinator_client, coordinator, django_capture_on_commit_callbacks, monkeypatch
):
    run = _ready(coordinator_client, coordinator)
    monkeypatch.setattr(records, "import_in_progress", lambda: run)
    response = _start(coordinator_client, run, "check", django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "Τρέχει ήδη μια εισαγωγή μητρώου" in response.content.decode()


def test_the_status_endpoint_reports_progress(coordinator_client, coordinator):
    run = _uploaded(coordinator)
    ImportRun.objects.filter(pk=run.pk).update(status=ImportStatus.RUNNING, done=5, total=9)
    answer = coordinator_client.get(reverse("beneficiaries:import_status", args=[run.pk])).json()
    assert (answer["done"], answer["total"], answer["finished"]) == (5, 9, False)
    page = coordinator_client.get(reverse("beneficiaries:import_progress", args=[run.pk]))
    assert '<progress id="import-bar"' in page.content.decode()


def test_a_failed_run_keeps_its_error(coordinator, monkeypatch):
    run = _uploaded(coordinator)

    def broken(*args, **kwargs):
        raise RuntimeError("ο δίσκος γέμισε")

    monkeypatch.setattr(records, "run_import", broken)
    background.start(run, records.mapping_of(run), coordinator, dry_run=True)
    run.refresh_from_db()
    assert run.status == ImportStatus.FAILED and "δίσκος" in run.error


@pytest.mark.parametrize("role", ["social_worker", "administrator", "superuser"])
def test_only_the_coordinator_imports(role, client, request, coordinator):
    run = _uploaded(coordinator)
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("beneficiaries:import_upload")).status_code == 403
    assert client.get(reverse("beneficiaries:import_report", args=[run.pk])).status_code == 403


def test_the_navbar_offers_the_import_to_the_coordinator_only(client, coordinator, social_worker):
    client.force_login(coordinator)
    assert "Εισαγωγή μητρώου" in client.get(reverse("requests:my_work")).content.decode()
    client.force_login(social_worker)
    assert "Εισαγωγή μητρώου" not in client.get(reverse("requests:my_work")).content.decode()
