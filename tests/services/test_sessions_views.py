"""The screens of individual sessions: bad input beside the field and nothing saved, the
once-token of a double click, stale edits, the access log, and fixed query counts of the case
file and «My work» sections."""

from __future__ import annotations

import datetime as dt
from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from community_centre.models import AccessLog
from community_centre.versions import format_version
from services.models import CounsellingSession, SessionSeries
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.helpers import query_count
from tests.requests.factories import AssistanceRequestFactory
from tests.services.factories import CounsellingSessionFactory, next_working_day

pytestmark = pytest.mark.django_db
Status = CounsellingSession.Status


def _day(days: int = 5) -> str:
    return next_working_day(timezone.localdate() + timedelta(days=days)).strftime("%d/%m/%Y")


def _new(who, **over) -> dict:
    return {"kind": "employment", "date": _day(), "start_time": "10:00",
            "duration_minutes": "45", "worker": who.pk, "status": "planned", **over}  # fmt: skip


@pytest.fixture
def person():
    return BeneficiaryFactory()


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"duration_minutes": "-30"}, "duration_minutes"),
        ({"duration_minutes": "100000"}, "duration_minutes"),
        ({"duration_minutes": "μισή ώρα"}, "duration_minutes"),
        ({"date": "31/02/2026"}, "date"),
        ({"date": "01/01/1990"}, "date"),
        ({"start_time": "25:00"}, "start_time"),
        ({"kind": "astrology"}, "kind"),
        ({"status": "cancelled"}, "status"),
        ({"worker": "999999"}, "worker"),
        ({"assistance_request": "not-a-number"}, "assistance_request"),
    ],
)
def test_bad_input_is_refused_beside_its_field(client, social_worker, person, over, field):
    client.force_login(social_worker)
    response = client.post(reverse("services:session_create", args=[person.pk]),
                           _new(social_worker, **over))  # fmt: skip
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not CounsellingSession.objects.exists()


def test_a_request_of_another_person_is_refused(client, social_worker, person):
    other = AssistanceRequestFactory()
    client.force_login(social_worker)
    response = client.post(reverse("services:session_create", args=[person.pk]),
                           _new(social_worker, assistance_request=other.pk))  # fmt: skip
    assert "assistance_request" in response.context["form"].errors
    assert not CounsellingSession.objects.exists()


def test_a_social_worker_cannot_post_another_worker(client, social_worker, other_social_worker,
                                                    person):  # fmt: skip
    client.force_login(social_worker)
    response = client.post(reverse("services:session_create", args=[person.pk]),
                           _new(other_social_worker))  # fmt: skip
    assert "worker" in response.context["form"].errors
    assert not CounsellingSession.objects.exists()


def test_a_double_click_records_one_session(client, social_worker, person):
    client.force_login(social_worker)
    url = reverse("services:session_create", args=[person.pk])
    token = client.get(url).context["form"].initial["submission_token"]
    data = _new(social_worker, submission_token=str(token))
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert CounsellingSession.objects.count() == 1


def _series(worker, **over) -> dict:
    return {"kind": "psychosocial_child", "first_date": _day(), "start_time": "11:00",
            "duration_minutes": "45", "count": "8", "every": "1", "unit": "weeks",
            "on_closed_day": "next", "worker": worker.pk, **over}  # fmt: skip


def test_a_series_double_click_plans_it_once(client, social_worker, person):
    client.force_login(social_worker)
    url = reverse("services:series_create", args=[person.pk])
    token = client.get(url).context["form"].initial["submission_token"]
    data = _series(social_worker, submission_token=str(token))
    client.post(url, data)
    response = client.post(url, data)
    assert response.status_code == 302
    assert SessionSeries.objects.count() == 1
    assert CounsellingSession.objects.count() == 8


@pytest.mark.parametrize(
    ("over", "field"),
    [({"count": "0"}, "count"), ({"count": "53"}, "count"), ({"every": "13"}, "every"),
     ({"unit": "months"}, "unit"), ({"on_closed_day": "whatever"}, "on_closed_day")],
)  # fmt: skip
def test_a_series_refuses_bad_input_and_saves_nothing(client, social_worker, person, over, field):
    client.force_login(social_worker)
    response = client.post(reverse("services:series_create", args=[person.pk]),
                           _series(social_worker, **over))  # fmt: skip
    assert field in response.context["form"].errors
    assert not CounsellingSession.objects.exists()


def test_a_series_clash_is_named_beside_the_time(client, social_worker, person):
    first = next_working_day(timezone.localdate() + timedelta(days=5))
    other = CounsellingSessionFactory(worker=social_worker, date=first, start_time=time(11, 15))
    client.force_login(social_worker)
    data = _series(social_worker, first_date=first.strftime("%d/%m/%Y"))
    response = client.post(reverse("services:series_create", args=[person.pk]), data)
    assert other.beneficiary.surname in str(response.context["form"].errors["start_time"])
    assert CounsellingSession.objects.count() == 1


def test_two_workers_editing_one_session_the_second_is_refused(client, social_worker, coordinator):
    session = CounsellingSessionFactory(worker=social_worker)
    url = reverse("services:session_edit", args=[session.pk])
    client.force_login(coordinator)
    opened = client.get(url).context["form"]
    version = format_version(session.updated_at)
    base = {"kind": session.kind, "date": session.date.strftime("%d/%m/%Y"),
            "start_time": "10:00", "duration_minutes": "45", "worker": social_worker.pk,
            "version": version,
            "submission_token": str(opened.initial["submission_token"])}  # fmt: skip
    assert client.post(url, {**base, "notes": "Πρώτη."}).status_code == 302
    response = client.post(url, {**base, "notes": "Δεύτερη.", "submission_token": ""})
    assert response.status_code == 200 and response.context["conflict"] is not None
    session.refresh_from_db()
    assert session.notes == "Πρώτη."


def test_a_tampered_version_is_refused_without_a_500(client, social_worker):
    session = CounsellingSessionFactory(worker=social_worker, date=timezone.localdate())
    client.force_login(social_worker)
    url = reverse("services:session_mark", args=[session.pk])
    for version in ["", "garbage", "9999-99-99", "2026-01-01T00:00:00"]:
        response = client.post(url, {"status": "held", "version": version})
        assert response.status_code == 200
    response = client.post(
        url, {"status": "exploded", "version": format_version(session.updated_at)}
    )
    assert response.status_code == 200
    session.refresh_from_db()
    assert session.status == Status.PLANNED


def test_marking_held_from_the_series_goes_back_to_it(client, social_worker, person):
    client.force_login(social_worker)
    today = timezone.localdate()
    session = CounsellingSessionFactory(worker=social_worker, beneficiary=person, date=today)
    here = reverse("services:session_list", args=[person.pk])
    response = client.post(reverse("services:session_mark", args=[session.pk]), {
        "status": "held", "notes": "Καλή συνεργασία.", "next": here,
        "version": format_version(session.updated_at)})  # fmt: skip
    assert response.status_code == 302 and response["Location"] == here
    session.refresh_from_db()
    assert (session.status, session.notes) == (Status.HELD, "Καλή συνεργασία.")


def test_reading_a_session_is_logged(client, social_worker):
    session = CounsellingSessionFactory(worker=social_worker, notes="Ευαίσθητο.")
    client.force_login(social_worker)
    client.get(reverse("services:session_detail", args=[session.pk]))
    assert AccessLog.objects.filter(beneficiary_id=session.beneficiary_id,
                                    action=AccessLog.Action.VIEW_SECTION).exists()  # fmt: skip


# --- fixed query counts ------------------------------------------------------------------------


def _many_sessions(person, worker, count: int) -> None:
    today = timezone.localdate()
    for i in range(count):
        CounsellingSessionFactory(
            beneficiary=person, worker=worker, date=today + timedelta(days=i - count // 2),
            start_time=dt.time(8 + i % 6, 0), kind=["employment", "home_visit"][i % 2],
            status=Status.HELD if i < count // 2 else Status.PLANNED,
        )  # fmt: skip


def test_the_case_file_costs_the_same_with_one_session_or_many(client, social_worker):
    few, many = BeneficiaryFactory(), BeneficiaryFactory()
    _many_sessions(few, social_worker, 1)
    _many_sessions(many, social_worker, 30)
    client.force_login(social_worker)
    url = "beneficiaries:detail"
    query_count(client, reverse(url, args=[few.pk]))  # warm the caches
    assert query_count(client, reverse(url, args=[few.pk])) == query_count(
        client, reverse(url, args=[many.pk])
    )


def test_my_work_costs_the_same_with_one_session_today_or_many(client, social_worker, coordinator):
    client.force_login(coordinator)
    url = reverse("requests:my_work")
    CounsellingSessionFactory(worker=social_worker, date=timezone.localdate())
    query_count(client, url)
    few = query_count(client, url)
    for hour in range(11, 17):
        CounsellingSessionFactory(worker=social_worker, date=timezone.localdate(),
                                  start_time=dt.time(hour, 0))  # fmt: skip
    assert query_count(client, url) == few
    assert b"\xce\xa3\xce\xb7\xce\xbc\xce\xb5\xcf\x81\xce\xb9\xce\xbd" in client.get(url).content


def test_the_session_list_and_series_page_cost_the_same_for_few_or_many(client, social_worker):
    person = BeneficiaryFactory()
    client.force_login(social_worker)
    url = reverse("services:session_list", args=[person.pk])
    _many_sessions(person, social_worker, 2)
    query_count(client, url)
    few = query_count(client, url)
    _many_sessions(BeneficiaryFactory(), social_worker, 0)
    for i in range(10):
        CounsellingSessionFactory(beneficiary=person, worker=social_worker,
                                  date=timezone.localdate() + timedelta(days=40 + i))  # fmt: skip
    assert query_count(client, url) == few


def test_the_series_page_costs_the_same_for_a_short_or_a_long_series(client, social_worker):
    from services.actions.sessions import series_create

    def series(count: int, hour: int) -> SessionSeries:
        return series_create(series=SessionSeries(
            beneficiary=BeneficiaryFactory(), kind="psychosocial_family",
            first_date=next_working_day(timezone.localdate() + timedelta(days=3)),
            start_time=dt.time(hour, 0), duration_minutes=45, count=count, every=1,
            unit="weeks", on_closed_day="next", worker=social_worker,
        ), actor=social_worker)  # fmt: skip

    short, long = series(2, 9), series(20, 11)
    client.force_login(social_worker)
    query_count(client, reverse("services:series_detail", args=[short.pk]))
    few = query_count(client, reverse("services:series_detail", args=[short.pk]))
    assert query_count(client, reverse("services:series_detail", args=[long.pk])) == few


def test_the_session_page_shows_who_marked_it(client, social_worker):
    session = CounsellingSessionFactory(worker=social_worker, date=timezone.localdate())
    client.force_login(social_worker)
    client.post(reverse("services:session_mark", args=[session.pk]),
                {"status": "held", "version": format_version(session.updated_at)})  # fmt: skip
    response = client.get(reverse("services:session_detail", args=[session.pk]))
    assert response.context["history"][0].actor == social_worker
    assert "Πραγματοποιήθηκε" in response.content.decode()


def test_the_coordinator_records_a_session_for_another_worker(client, coordinator, social_worker,
                                                              person):  # fmt: skip
    client.force_login(coordinator)
    response = client.post(reverse("services:session_create", args=[person.pk]),
                           _new(social_worker))  # fmt: skip
    assert response.status_code == 302
    session = CounsellingSession.objects.get()
    assert (session.worker, session.created_by) == (social_worker, coordinator)


def test_a_held_session_cannot_be_moved_into_the_future(client, social_worker):
    session = CounsellingSessionFactory(worker=social_worker, date=timezone.localdate(),
                                        status=Status.HELD)  # fmt: skip
    client.force_login(social_worker)
    url = reverse("services:session_edit", args=[session.pk])
    response = client.post(url, {
        "kind": session.kind, "date": _day(20), "start_time": "10:00", "duration_minutes": "45",
        "worker": social_worker.pk, "version": format_version(session.updated_at)})  # fmt: skip
    assert "date" in response.context["form"].errors
    session.refresh_from_db()
    assert session.date == timezone.localdate()


def test_a_departed_workers_session_keeps_its_worker_on_the_coordinators_form(
    client, coordinator, social_worker
):
    session = CounsellingSessionFactory(worker=social_worker)
    social_worker.is_active = False
    social_worker.save()
    client.force_login(coordinator)
    form = client.get(reverse("services:session_edit", args=[session.pk])).context["form"]
    assert social_worker in form.fields["worker"].queryset
