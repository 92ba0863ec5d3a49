"""The dashboard page: the coordinator's alone, in the access log, a fixed number of queries
whatever the data, its numbers as computed, and charts that are images with a table beside."""

from __future__ import annotations

import base64
import re
from datetime import timedelta

import pytest
from django.urls import reverse

from community_centre.models import AccessLog
from reporting.period import athens_today
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.helpers import query_count
from tests.referrals.factories import ReferralFactory
from tests.reporting.dashboard_data import application, athens, caseworker, session
from tests.requests.factories import (
    AssistanceRequestFactory,
    DocumentRequestFactory,
    InformationRequestFactory,
    RequestCategoryFactory,
)
from tests.services.factories import (
    EventAttendanceFactory,
    EventFactory,
)

pytestmark = pytest.mark.django_db

URL = "/reports/dashboard/"


def test_the_address():
    assert reverse("reporting:dashboard") == URL


def test_the_coordinator_opens_it(coordinator_client):
    response = coordinator_client.get(URL)
    assert response.status_code == 200
    assert "Πίνακας ελέγχου" in response.content.decode()


@pytest.mark.parametrize("role", ["social_worker", "administrator", "partner_user", "no_role"])
def test_everyone_else_is_refused(role, client, request):
    client.force_login(request.getfixturevalue(role))
    assert client.get(URL).status_code == 403


def test_anonymous_goes_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"/login/?next={URL}"


def test_it_answers_only_get(coordinator_client):
    assert coordinator_client.post(URL).status_code == 405


def test_viewing_it_is_in_the_access_log(coordinator_client, coordinator):
    coordinator_client.get(URL)
    row = AccessLog.objects.get()
    assert (row.user, row.action, row.detail, row.beneficiary_id, row.shown) == (
        coordinator, AccessLog.Action.VIEW_LIST, "Πίνακας ελέγχου", None, [],
    )  # fmt: skip


def _data(n: int, workers: list) -> None:
    """`n` of each record the dashboard counts, spread over the workers and the year."""
    today = athens_today()
    category = RequestCategoryFactory(code=f"category-{n}", name=f"Κατηγορία {n}")
    for i in range(n):
        worker = workers[i % len(workers)]
        person = BeneficiaryFactory(assigned_worker=worker, registered_on=today)
        when = athens(today.year, today.month, 1, 9, 0) - timedelta(days=30 * i)
        AssistanceRequestFactory(beneficiary=person, assigned_worker=worker, received_at=when,
                                 category=category, due_date=today - timedelta(days=i))  # fmt: skip
        InformationRequestFactory(beneficiary=person, recorded_by=worker, received_at=when,
                                  due_date=today + timedelta(days=i))  # fmt: skip
        DocumentRequestFactory(beneficiary=person, created_by=worker, due_date=today)
        ReferralFactory(sent=True, sent_at=when, follow_up_on=today - timedelta(days=1))
        application(worker=worker, status="approved", submitted_on=when.date(),
                           renewal_on=today + timedelta(days=i))  # fmt: skip
        session(worker=worker, beneficiary=person, date=today, status="held")
        event = EventFactory(held_on=when.date(), status="held", other_attendees=i)
        EventAttendanceFactory(event=event, beneficiary=person)


def test_the_number_of_queries_does_not_grow_with_the_data(coordinator_client, coordinator):
    workers = [coordinator, caseworker("maria", "Μαρία", "Αθανασίου")]
    _data(1, workers)
    few = query_count(coordinator_client, URL)
    _data(12, [*workers, caseworker("eleni", "Ελένη", "Βλάχου")])
    assert query_count(coordinator_client, URL) == few <= 40


def test_the_page_shows_the_computed_numbers(coordinator_client, coordinator):
    _data(3, [coordinator])
    response = coordinator_client.get(URL)
    board = response.context["board"]
    html = response.content.decode()
    for row in board.headline:
        cells = re.search(rf'<tr id="headline-{row.key}">(.*?)</tr>', html, re.S).group(1)
        numbers = re.findall(r"<td[^>]*>(.*?)</td>", cells, re.S)
        current, last_month, last_year = numbers
        assert current == str(row.current)
        assert last_month.startswith(f"{row.last_month} ")
        assert row.change_from_last_month in last_month
        assert last_year.startswith(f"{row.last_year} ") and row.change_from_last_year in last_year
    mine = next(r for r in board.workload if r.worker == coordinator)
    assert (mine.case_files, mine.open_requests, mine.sessions_held) == (3, 3, 3)
    assert f'id="workload-{coordinator.pk}"' in html
    assert board.trend.total == sum(board.trend.month_totals) >= 1


def test_the_charts_are_images_without_script_beside_captioned_tables(coordinator_client):
    _data(2, [caseworker("maria", "Μαρία", "Αθανασίου")])
    html = coordinator_client.get(URL).content.decode()
    images = re.findall(r'<img class="img-fluid" src="data:image/svg\+xml;base64,([^"]+)" alt=""',
                        html)  # fmt: skip
    assert len(images) == 2
    for image in images:
        svg = base64.b64decode(image).decode()
        assert (
            svg.startswith("<svg")
            and "<script" not in svg
            and "http://" not in svg.split(">", 1)[1].replace("http://www.w3.org", "")
        )  # nothing fetched from elsewhere
    assert html.count("<caption") == 4
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]
