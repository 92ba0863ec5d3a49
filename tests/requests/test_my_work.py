"""«My work» lists what is overdue, due soon and idle, and today's appointments."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from requests.work import work_lists
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.helpers import query_count
from tests.requests.factories import (
    AppointmentFactory,
    AssistanceRequestFactory,
    DocumentRequestFactory,
    InformationRequestFactory,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 26)  # Thursday


def aware(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def mine(social_worker):
    return BeneficiaryFactory(assigned_worker=social_worker)


def test_overdue_and_due_soon_information_requests_are_listed(social_worker, mine):
    overdue = InformationRequestFactory(beneficiary=mine, due_date=dt.date(2026, 11, 20))
    soon = InformationRequestFactory(beneficiary=mine, due_date=dt.date(2026, 11, 30))
    InformationRequestFactory(beneficiary=mine, due_date=dt.date(2026, 12, 20))  # not yet
    InformationRequestFactory(beneficiary=mine, due_date=TODAY, answered_on=TODAY)  # answered
    work = work_lists(user=social_worker, worker=social_worker, today=TODAY)
    assert work.information_overdue == [overdue]
    assert work.information_due_soon == [soon]


def test_document_requests_and_idle_requests_are_listed(social_worker, mine):
    late = DocumentRequestFactory(beneficiary=mine, due_date=dt.date(2026, 11, 25))
    idle = AssistanceRequestFactory(
        beneficiary=mine, assigned_worker=social_worker, last_action_at=aware(dt.date(2026, 10, 1))
    )
    AssistanceRequestFactory(
        beneficiary=mine, assigned_worker=social_worker, last_action_at=aware(dt.date(2026, 11, 20))
    )
    AssistanceRequestFactory(
        beneficiary=mine,
        assigned_worker=social_worker,
        last_action_at=aware(dt.date(2026, 10, 1)),
        status="completed",
    )
    work = work_lists(user=social_worker, worker=social_worker, today=TODAY)
    assert work.documents_overdue == [late]
    assert work.idle_requests == [idle]


def test_only_today_s_appointments_of_the_worker_are_listed(social_worker, other_social_worker):
    today = AppointmentFactory(
        worker=social_worker, starts_at=aware(TODAY, 10), ends_at=aware(TODAY, 11)
    )
    AppointmentFactory(
        worker=other_social_worker, starts_at=aware(TODAY, 10), ends_at=aware(TODAY, 11)
    )
    AppointmentFactory(
        worker=social_worker,
        starts_at=aware(dt.date(2026, 11, 27), 10),
        ends_at=aware(dt.date(2026, 11, 27), 11),
    )
    work = work_lists(user=social_worker, worker=social_worker, today=TODAY)
    assert work.appointments == [today]
    everyone = work_lists(user=social_worker, worker=None, today=TODAY)
    assert len(everyone.appointments) == 2


def test_a_social_worker_sees_only_their_own_work(client, social_worker, other_social_worker):
    theirs = BeneficiaryFactory(assigned_worker=other_social_worker)
    InformationRequestFactory(
        beneficiary=theirs, recorded_by=other_social_worker, due_date=dt.date(2020, 1, 1)
    )
    client.force_login(social_worker)
    response = client.get(reverse("requests:my_work") + "?worker=all")
    assert response.status_code == 200
    assert response.context["work"].information_overdue == []
    assert not response.context["can_choose"]


def test_the_coordinator_sees_everyone_and_can_filter_by_worker(
    client, coordinator, social_worker, other_social_worker
):
    for worker in (social_worker, other_social_worker):
        person = BeneficiaryFactory(assigned_worker=worker)
        InformationRequestFactory(
            beneficiary=person, recorded_by=worker, due_date=dt.date(2020, 1, 1)
        )
    client.force_login(coordinator)
    everyone = client.get(reverse("requests:my_work"))
    assert len(everyone.context["work"].information_overdue) == 2
    one = client.get(reverse("requests:my_work"), {"worker": social_worker.pk})
    assert [i.beneficiary.assigned_worker for i in one.context["work"].information_overdue] == [
        social_worker
    ]


def test_the_page_makes_the_same_queries_for_few_and_many_items(client, social_worker, mine):
    client.force_login(social_worker)

    InformationRequestFactory(beneficiary=mine, due_date=dt.date(2020, 1, 1))
    few = query_count(client, reverse("requests:my_work"))
    for _ in range(10):
        InformationRequestFactory(beneficiary=mine, due_date=dt.date(2020, 1, 1))
        DocumentRequestFactory(beneficiary=mine, due_date=dt.date(2020, 1, 1))
        AssistanceRequestFactory(
            beneficiary=mine,
            assigned_worker=social_worker,
            last_action_at=aware(dt.date(2020, 1, 1)),
        )
    assert query_count(client, reverse("requests:my_work")) == few


def test_caseworkers_land_on_my_work(client, social_worker):
    client.force_login(social_worker)
    assert client.get(reverse("home"))["Location"] == reverse("requests:my_work")


def test_the_case_file_shows_requests_letters_document_requests_and_appointments(
    worker_client, social_worker, mine
):
    request = AssistanceRequestFactory(beneficiary=mine, assigned_worker=social_worker)
    information = InformationRequestFactory(beneficiary=mine)
    DocumentRequestFactory(beneficiary=mine, due_date=dt.date(2020, 1, 1))
    AppointmentFactory(beneficiary=mine, worker=social_worker, purpose="Αίτηση επιδόματος")
    response = worker_client.get(reverse("beneficiaries:detail", args=[mine.pk]))
    content = response.content.decode()
    assert request.protocol in content and information.protocol in content
    assert "Αίτηση επιδόματος" in content
    assert "Εκπρόθεσμο" in content  # the overdue document request


def test_the_my_work_indexes_cover_exactly_the_open_statuses():
    from requests.models import AssistanceRequest

    for index in AssistanceRequest._meta.indexes:
        if index.name.startswith("request_open_"):
            ((_, statuses),) = index.condition.children
            assert sorted(statuses) == sorted(AssistanceRequest.OPEN_STATUSES)


def test_each_list_shows_at_most_list_limit_rows_and_says_so(
    client, social_worker, mine, monkeypatch
):
    import requests.views.my_work as view
    import requests.work as work_module

    monkeypatch.setattr(work_module, "LIST_LIMIT", 2)
    monkeypatch.setattr(view, "LIST_LIMIT", 2)
    for day in (18, 19, 20):
        InformationRequestFactory(beneficiary=mine, due_date=dt.date(2026, 11, day))
    client.force_login(social_worker)
    response = client.get(reverse("requests:my_work"))
    assert len(response.context["work"].information_overdue) == 2
    assert "Εμφανίζονται έως 2 ανά ομάδα, οι πιο επείγουσες." in response.content.decode()
