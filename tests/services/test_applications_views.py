"""Benefit application pages: a new application from the case file (a stranger refused beside
the field, a double click saving once), the application page with the ΕΕΕ screening and the
checklist, lines ticked, a stale edit refused with a Greek message, moves, «Ζήτηση ελλειπόντων»
printed through the requests app's PDF, the list with its filters, the case-file section and
«Η εργασία μου» — each page in a fixed number of queries, whatever the number of applications."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from community_centre.models import AccessLog
from community_centre.versions import format_version
from services.actions import applications as actions
from services.actions.applications import Move, Screening
from services.models import BenefitApplication
from tests import pdf
from tests.beneficiaries.factories import BeneficiaryFactory, HouseholdMemberFactory
from tests.helpers import query_count
from tests.services.factories import EeeRateFactory, ProgrammeFactory, eee_programme

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def mother(social_worker):
    person = BeneficiaryFactory(
        assigned_worker=social_worker, surname="Γεωργίου", given_name="Μαρία", sex="female"
    )
    HouseholdMemberFactory(
        beneficiary=person, given_name="Πέτρος", date_of_birth=dt.date(2013, 2, 2)
    )
    HouseholdMemberFactory(
        beneficiary=person, given_name="Ιωάννα", date_of_birth=dt.date(2019, 6, 6)
    )
    return person


@pytest.fixture
def application(mother, social_worker):
    EeeRateFactory()
    return actions.application_create(
        beneficiary=mother,
        programme=eee_programme(),
        members=list(mother.household.all()),
        screening=Screening(single_parent=True, income_6m=Decimal("1200.00")),
        actor=social_worker,
    )


def _create_data(form_page, **over):
    form = form_page.context["form"]
    data = {"submission_token": str(form.initial["submission_token"]), "unprotected_children": "0"}
    data.update(over)
    return data


def test_a_new_application_from_the_case_file(worker_client, mother):
    url = reverse("services:application_create", args=[mother.pk])
    page = worker_client.get(url)
    assert "Πέτρος" in page.content.decode() and "ετών" in page.content.decode()
    members = [str(m.pk) for m in mother.household.all()]
    data = _create_data(
        page,
        programme=str(eee_programme().pk),
        covered_members=members,
        single_parent="on",
        income_6m="1.200,50",
    )
    response = worker_client.post(url, data)
    application = BenefitApplication.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "services:application_detail", args=[application.pk]
    )
    assert application.income_6m == Decimal("1200.50") and application.single_parent
    # The same page posted again (a double click) lands on the same application.
    again = worker_client.post(url, data)
    assert again.status_code == 302 and BenefitApplication.objects.count() == 1


def test_a_member_of_another_household_is_refused_beside_the_field(worker_client, mother):
    url = reverse("services:application_create", args=[mother.pk])
    stranger = HouseholdMemberFactory()
    data = _create_data(
        worker_client.get(url),
        programme=str(eee_programme().pk),
        covered_members=[str(stranger.pk)],
    )
    response = worker_client.post(url, data)
    assert response.status_code == 200
    assert "Δεν είναι μέλος του νοικοκυριού" in str(
        response.context["form"].errors["covered_members"]
    )
    assert not BenefitApplication.objects.exists()


@pytest.mark.parametrize("amount", ["-5", "abc", "12.50", "1,234"])
def test_a_bad_income_is_refused_beside_the_field(worker_client, mother, amount):
    url = reverse("services:application_create", args=[mother.pk])
    data = _create_data(worker_client.get(url), programme=str(eee_programme().pk), income_6m=amount)
    response = worker_client.post(url, data)
    assert response.status_code == 200 and "income_6m" in response.context["form"].errors
    assert not BenefitApplication.objects.exists()


def test_the_page_shows_the_eee_screening_of_the_household(worker_client, application):
    response = worker_client.get(reverse("services:application_detail", args=[application.pk]))
    screening = response.context["screening"]
    # Single parent, two minors: the elder counts as an adult → 216 + 108 + 54 = 378.
    assert screening.guaranteed_monthly == Decimal("378.00")
    assert screening.income_ceiling_6m == Decimal("2268.00")
    assert screening.monthly_benefit == Decimal("178.00")
    html = response.content.decode()
    assert "378,00" in html and "Πληρείται" in html
    assert AccessLog.objects.filter(beneficiary_id=application.beneficiary_id).exists()


def test_a_stale_edit_is_refused_with_a_greek_message(worker_client, application):
    url = reverse("services:application_edit", args=[application.pk])
    page = worker_client.get(url)
    version = page.context["form"]["version"].value()
    application.notes = "Άλλη λειτουργός"
    application.save()
    members = [str(m.pk) for m in application.covered_members.all()]
    response = worker_client.post(
        url,
        {
            "version": format_version(version) if not isinstance(version, str) else version,
            "covered_members": members,
            "notes": "Εγώ",
            "unprotected_children": "0",
        },
    )
    assert response.status_code == 200 and response.context["conflict"] is not None
    assert BenefitApplication.objects.get(pk=application.pk).notes == "Άλλη λειτουργός"


def test_ticking_a_line_and_a_bad_date_beside_it(worker_client, application):
    line = application.items.filter(member=None).first()
    url = reverse("services:application_line", args=[application.pk, line.pk])
    prefix = f"line-{line.pk}"
    base = {f"{prefix}-version": format_version(line.updated_at), f"{prefix}-state": "collected"}
    refused = worker_client.post(url, {**base, f"{prefix}-collected_on": "31/02/2026"})
    assert refused.status_code == 200
    line.refresh_from_db()
    assert line.state == "missing"
    response = worker_client.post(
        url, {**base, f"{prefix}-collected_on": TODAY.strftime("%d/%m/%Y")}
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.state == "collected" and line.collected_on == TODAY


def test_the_submission_is_recorded_with_its_external_protocol(worker_client, application):
    url = reverse("services:application_move", args=[application.pk])
    data = {
        "to_status": "submitted",
        "version": format_version(application.updated_at),
        "submitted_on": TODAY.strftime("%d/%m/%Y"),
        "submitted_via": "Πλατφόρμα ΕΕΕ",
        "external_protocol": "ΟΠΕΚΑ 2026/4412",
    }
    future = {**data, "submitted_on": (TODAY + dt.timedelta(days=2)).strftime("%d/%m/%Y")}
    refused = worker_client.post(url, future)
    assert refused.status_code == 200
    assert "μελλοντική" in str(dict(refused.context["move_forms"])["submitted"].errors)
    assert worker_client.post(url, data).status_code == 302
    application.refresh_from_db()
    assert application.status == "submitted" and application.external_protocol == "ΟΠΕΚΑ 2026/4412"


def test_the_missing_documents_are_printed_through_the_document_request(worker_client, application):
    url = reverse("services:application_request_missing", args=[application.pk])
    detail = worker_client.get(reverse("services:application_detail", args=[application.pk]))
    form = detail.context["request_form"]
    data = {
        "submission_token": str(form.initial["submission_token"]),
        "due_working_days": "10",
        "version": format_version(application.updated_at),
    }
    assert worker_client.post(url, data).status_code == 302
    assert worker_client.post(url, data).status_code == 302  # a double click: one request
    application.refresh_from_db()
    docreq = application.document_request
    assert docreq is not None and docreq.items.count() == application.items.count()
    printed = worker_client.get(reverse("requests:docreq_pdf", args=[docreq.pk]))
    text = pdf.text(pdf.read(printed.content))
    assert "Δικαιολογητικά που πρέπει να προσκομίσετε" in text
    assert "Πέτρος" in text and "Ιωάννα" in text


def _more_applications(count: int, worker) -> None:
    programme = ProgrammeFactory()
    for _ in range(count):
        person = BeneficiaryFactory(assigned_worker=worker)
        member = HouseholdMemberFactory(beneficiary=person)
        made = actions.application_create(
            beneficiary=person, programme=programme, members=[member], actor=worker
        )
        BenefitApplication.objects.filter(pk=made.pk).update(
            prepared_from=TODAY - dt.timedelta(days=200)
        )
        made.refresh_from_db()
        made = actions.application_move(
            application=made,
            to_status="submitted",
            move=Move(submitted_on=TODAY - dt.timedelta(days=170), submitted_via="ΟΠΕΚΑ"),
            expected_version=made.updated_at,
            actor=worker,
        )
        BenefitApplication.objects.filter(pk=made.pk).update(
            renewal_on=TODAY + dt.timedelta(days=3)
        )


LIST = reverse("services:application_list")
FILTERS = [(), (("show", "to_submit"),), (("show", "renewal_due"),), (("status", "submitted"),)]


def test_the_list_filters_and_costs_a_fixed_number_of_queries(
    worker_client, application, social_worker
):
    _more_applications(2, social_worker)
    to_submit = worker_client.get(LIST, {"show": "to_submit"}).context["page"].object_list
    assert list(to_submit) == [application]
    due = worker_client.get(LIST, {"show": "renewal_due"}).context["page"].object_list
    assert len(due) == 2 and all(a.renewal_due for a in due)
    few = {f: query_count(worker_client, LIST, dict(f)) for f in FILTERS}
    _more_applications(4, social_worker)
    assert {f: query_count(worker_client, LIST, dict(f)) for f in FILTERS} == few


def test_case_file_and_my_work_cost_a_fixed_number_of_queries(
    worker_client, coordinator_client, application, social_worker
):
    case_file = reverse("beneficiaries:detail", args=[application.beneficiary_id])
    my_work = reverse("requests:my_work")
    _more_applications(1, social_worker)
    page = worker_client.get(case_file)
    assert "Νέα αίτηση παροχής" in page.content.decode()
    assert page.context["case_file_applications"][0].missing == application.items.count()
    work = worker_client.get(my_work)
    assert [a.pk for a in work.context["applications_to_submit"]] == [application.pk]
    assert len(work.context["renewals_due"]) == 1
    before = [
        query_count(worker_client, case_file),
        query_count(worker_client, my_work),
        query_count(coordinator_client, my_work),
    ]
    _more_applications(3, social_worker)
    programme = ProgrammeFactory()
    actions.application_create(
        beneficiary=application.beneficiary, programme=programme, members=[], actor=social_worker
    )
    after = [
        query_count(worker_client, case_file),
        query_count(worker_client, my_work),
        query_count(coordinator_client, my_work),
    ]
    assert after == before
    assert len(coordinator_client.get(my_work).context["renewals_due"]) == 4


def test_my_work_shows_only_the_workers_own(client, other_social_worker, application):
    client.force_login(other_social_worker)
    work = client.get(reverse("requests:my_work"))
    assert work.context["applications_to_submit"] == []


def _approve_data(application, **over):
    data = {"to_status": "approved", "version": format_version(application.updated_at),
            "decided_on": TODAY.strftime("%d/%m/%Y"), "monthly_amount": "178,00"}  # fmt: skip
    return {**data, **over}


def _submitted(application, worker, days_ago=5):
    BenefitApplication.objects.filter(pk=application.pk).update(
        prepared_from=TODAY - dt.timedelta(days=30)
    )
    application.refresh_from_db()
    return actions.application_move(
        application=application, to_status="submitted",
        move=Move(submitted_on=TODAY - dt.timedelta(days=days_ago), submitted_via="ΟΠΕΚΑ"),
        expected_version=application.updated_at, actor=worker,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"monthly_amount": "-5"}, "monthly_amount"),
        ({"monthly_amount": "πολλά"}, "monthly_amount"),
        ({"decided_on": (TODAY - dt.timedelta(days=6)).strftime("%d/%m/%Y")}, "decided_on"),
        ({"decided_on": "32/13/2026"}, "decided_on"),
    ],
)
def test_a_bad_decision_is_refused_beside_its_field(
    worker_client, application, social_worker, over, field
):
    submitted = _submitted(application, social_worker)
    url = reverse("services:application_move", args=[application.pk])
    response = worker_client.post(url, _approve_data(submitted, **over))
    assert response.status_code == 200
    assert field in dict(response.context["move_forms"])["approved"].errors
    submitted.refresh_from_db()
    assert submitted.status == "submitted" and submitted.monthly_amount is None


def test_the_decision_is_recorded_with_a_greek_amount(worker_client, application, social_worker):
    submitted = _submitted(application, social_worker)
    url = reverse("services:application_move", args=[application.pk])
    data = _approve_data(submitted, monthly_amount="1.178,50")
    assert worker_client.post(url, data).status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "approved" and submitted.monthly_amount == Decimal("1178.50")
    assert submitted.renewal_on is not None
