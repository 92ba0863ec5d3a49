"""Every page that shows personal data writes an access-log row that names the person.

The routes come from the URL table of the access matrix (tests.test_access_matrix.ROUTES), not
from a hand-made list: every page a caseworker reads either shows the planted person and logs
the read, or is listed in NO_PERSONAL_DATA. A new page cannot escape both.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from beneficiaries.models import Beneficiary
from community_centre.models import AccessLog
from referrals.models import PartnerBody, RectificationTask
from requests.models import Appointment
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.referrals.factories import partner_user
from tests.test_access_matrix import ROUTES, ROUTES_BY_NAME, _url, objects  # noqa: F401 - objects is a fixture

pytestmark = pytest.mark.django_db

# Pages that show no case-file data: only these may be opened without an access-log row.
NO_PERSONAL_DATA = {
    "home",  # a caseworker is redirected to «My work»
    "healthz",
    "readyz",
    "login",
    "password_change",
    "staff_overview",  # staff accounts, not beneficiaries
    # The second factor: the user's own devices, a colleague's reset (staff, not beneficiaries)
    "two_factor_verify",
    "two_factor_enrol",
    "account_security",
    "two_factor_backup_codes",
    "two_factor_reset",
    "reporting:dashboard",  # counts and staff names (its view is still logged)
    "holiday_calendar",
    "holiday_calendar_year",
    "beneficiaries:create",  # an empty registration form
    # The partner directory: bodies and services, no person
    "referrals:directory",
    "referrals:body_detail",
    "referrals:body_create",
    "referrals:body_edit",
    "referrals:service_create",
    "referrals:service_edit",
    "services:eee_calculator",  # a household described by counts and one amount, no person
    # The programme catalogue: programmes and their checklists, no person
    "services:programme_list",
    "services:programme_detail",
    "services:programme_create",
    "services:programme_edit",
    "services:programme_line_create",
    "services:programme_line_edit",
    # Events: the list and the forms name no one (the event's page and its sheet do)
    "services:event_list",
    "services:event_create",
    "services:event_edit",
    # The monthly report and its exports: counts, no person (each view is logged all the same)
    "reporting:report",
    "reporting:export",
    # The register import: the upload page lists files and counts; the progress page and its
    # status show counts only (the mapping, preview, report and error file show people).
    "beneficiaries:import_upload",
    "beneficiaries:import_progress",
    "beneficiaries:import_status",
    # Retention: the policies, the runs and the due case files by number only; a policy's form
    "beneficiaries:retention",
    "beneficiaries:retention_edit",
}
# Pages that are read by POST (searches travel by POST); the test posts the person's surname.
READ_BY_POST = {"beneficiaries:quick_search", "services:attendee_search"}
CASEWORKERS = {"social_worker", "coordinator"}
READS = [
    route
    for route in ROUTES
    if (route.method == "get" or route.name in READ_BY_POST) and route.allowed & CASEWORKERS
]


def _reader(route, request):
    role = "social_worker" if "social_worker" in route.allowed else "coordinator"
    return request.getfixturevalue(role)


def _query(route, planted: dict) -> dict:
    """What a page needs in its query string to show the planted person."""
    if route.name in {"requests:agenda", "requests:agenda_pdf"}:
        appointment = Appointment.objects.get(pk=planted["appointment"])
        day = timezone.localtime(appointment.starts_at).date()
        return {"worker": appointment.worker_id, "date": day.strftime("%d/%m/%Y")}
    return {}


def test_every_page_that_reads_is_classified():
    names = {route.name for route in READS}
    assert names >= NO_PERSONAL_DATA, NO_PERSONAL_DATA - names


@pytest.mark.parametrize(
    "route", [r for r in READS if r.name not in NO_PERSONAL_DATA], ids=lambda r: r.name
)
def test_a_page_that_shows_a_person_logs_it(route, client, request, objects):  # noqa: F811
    client.force_login(_reader(route, request))
    person = Beneficiary.objects.get(pk=objects["beneficiary"])
    before = AccessLog.objects.count()
    if route.name in READ_BY_POST:
        response = client.post(_url(route, objects), {"q": person.surname})
    else:
        response = client.get(_url(route, objects), _query(route, objects))
    assert response.status_code == 200
    if response["Content-Type"].startswith("text/html"):
        assert person.surname in response.content.decode(), "the page should show the person"
    rows = AccessLog.objects.order_by("pk")[before:]
    assert any(row.beneficiary_id == person.pk or person.pk in row.shown for row in rows), (
        f"{route.name} showed {person} without an access-log row"
    )


@pytest.mark.parametrize(
    "route", [r for r in READS if r.name in NO_PERSONAL_DATA - {"home"}], ids=lambda r: r.name
)
def test_pages_without_personal_data_show_none(route, client, request, objects):  # noqa: F811
    client.force_login(_reader(route, request))
    person = Beneficiary.objects.get(pk=objects["beneficiary"])
    response = client.get(_url(route, objects))
    assert person.surname not in response.content.decode()


def test_the_subject_access_export_is_logged_with_its_purpose(client, request, objects):  # noqa: F811
    """The export (a POST that answers a ZIP) names the person and says why."""
    client.force_login(request.getfixturevalue("social_worker"))
    person = Beneficiary.objects.get(pk=objects["beneficiary"])
    url = _url(ROUTES_BY_NAME["beneficiaries:subject_access_export"], objects)
    response = client.post(url, {"requested_on": "05/11/2026", "channel": "in_person"})
    assert response.status_code == 200
    row = AccessLog.objects.get(action=AccessLog.Action.SUBJECT_ACCESS)
    assert row.beneficiary_id == person.pk
    assert row.purpose == "Αίτημα πρόσβασης του υποκειμένου της 05/11/2026 (Αυτοπροσώπως)"


def test_the_access_log_outlives_the_case_file(worker_client):
    person = BeneficiaryFactory()
    worker_client.get(person.get_absolute_url())
    Beneficiary.objects.filter(pk=person.pk).delete()
    assert AccessLog.objects.filter(beneficiary_id=person.pk).exists()


def test_who_saw_a_person_includes_the_searches_that_showed_them(
    client, social_worker, coordinator
):
    person = BeneficiaryFactory(surname="Ζαχαρόπουλος")
    BeneficiaryFactory(surname="Ζαχαρίου")  # found by the same search
    client.force_login(social_worker)
    client.post("/beneficiaries/", {"q": "Ζαχαρ"}, follow=True)
    client.force_login(coordinator)
    html = client.get(f"/beneficiaries/{person.pk}/history/").content.decode()
    assert "Αναζήτηση: «Ζαχαρ»" in html
    row = AccessLog.objects.get(action=AccessLog.Action.SEARCH)
    assert person.pk in row.shown and len(row.shown) == 2


PARTNER_READS = [
    r for r in ROUTES if r.method == "get" and r.allowed <= {"partner", "other_partner"}
]


@pytest.mark.parametrize("route", PARTNER_READS, ids=lambda r: r.name)
def test_every_page_a_partner_opens_is_logged(route, client, objects):  # noqa: F811
    """The inbox and the referral pages of a partner body: each opening is in the access log,
    naming the person whose disclosed data it showed."""
    client.force_login(partner_user(PartnerBody.objects.get(pk=objects["body"]), "pantopoleio"))
    person = Beneficiary.objects.get(pk=objects["beneficiary"])
    before = AccessLog.objects.count()
    assert client.get(_url(route, objects)).status_code == 200
    rows = AccessLog.objects.order_by("pk")[before:]
    assert any(row.beneficiary_id == person.pk or person.pk in row.shown for row in rows), (
        f"{route.name} opened by a partner without an access-log row"
    )


def test_every_display_of_the_special_categories_is_logged_with_its_purpose(
    worker_client, social_worker
):
    """The «show» of the special categories (GDPR art. 9) and every later page that displays
    them, each one row naming the person, the page and the purpose stated."""
    person = BeneficiaryFactory(health_notes="Άσθμα", assigned_worker=social_worker)
    show = f"/beneficiaries/{person.pk}/special/"
    worker_client.post(show, {"purpose": "other", "other": "Κοινωνική έρευνα", "then": "edit"})
    worker_client.get(f"/beneficiaries/{person.pk}/edit/")  # logged by the «show»
    worker_client.get(person.get_absolute_url())
    rows = AccessLog.objects.filter(action=AccessLog.Action.SHOW_SPECIAL).order_by("pk")
    assert [(r.beneficiary_id, r.detail, r.purpose) for r in rows] == [
        (person.pk, "Ειδικές κατηγορίες δεδομένων: Επεξεργασία στοιχείων",
         "Άλλος σκοπός: Κοινωνική έρευνα"),
        (person.pk, "Ειδικές κατηγορίες δεδομένων: Ατομικός φάκελος",
         "Άλλος σκοπός: Κοινωνική έρευνα"),
    ]  # fmt: skip


def test_a_partner_reading_a_correction_is_logged_as_such(client, objects):  # noqa: F811
    """The body's page of a referral whose disclosed data were since corrected shows the
    corrected values: that reading is an access-log row of its own, naming the person."""
    client.force_login(partner_user(PartnerBody.objects.get(pk=objects["body"]), "pantopoleio"))
    task = RectificationTask.objects.get(pk=objects["correction_task"])
    before = AccessLog.objects.count()
    response = client.get(reverse("referrals:partner_detail", args=[task.referral_id]))
    assert task.lines()[0][2] in response.content.decode()  # the corrected value is shown
    rows = AccessLog.objects.order_by("pk")[before:]
    assert any(
        row.beneficiary_id == task.beneficiary_id and "Διόρθωση στοιχείων" in row.detail
        for row in rows
    )
