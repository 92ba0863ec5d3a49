"""Events on the case file (the events the person was on the list of) and on «Η εργασία μου»
(today's events: the worker's own as organiser, everyone's for the coordinator), each with a
fixed number of queries; and the printed attendance sheet, checked by its text."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.context import disable_auditlog
from django.urls import reverse
from django.utils import timezone

from community_centre.models import AccessLog
from services.event_work import todays_events
from tests import pdf
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.helpers import query_count
from tests.referrals.factories import PartnerBodyFactory
from tests.services.factories import EventAttendanceFactory, EventFactory

pytestmark = pytest.mark.django_db

MY_WORK = reverse("requests:my_work")


def _today() -> dt.date:
    return timezone.localdate()


# --- the case file --------------------------------------------------------------------------


def test_the_case_file_lists_the_events_the_person_attended(worker_client, social_worker):
    person = BeneficiaryFactory(assigned_worker=social_worker)
    old = EventFactory(title="Εργαστήρι μαγειρικής", kind="social_cultural",
                       held_on=dt.date(2026, 3, 5), organiser=social_worker)  # fmt: skip
    EventAttendanceFactory(event=old, beneficiary=person, attended=True)
    EventFactory(title="Άλλη δράση", organiser=social_worker)  # not on its list
    html = worker_client.get(reverse("beneficiaries:detail", args=[person.pk])).content.decode()
    assert 'id="events"' in html
    assert "Εργαστήρι μαγειρικής" in html and "05/03/2026" in html
    assert "Κοινωνική / πολιτιστική" in html
    assert reverse("services:event_detail", args=[old.pk]) in html
    assert "Άλλη δράση" not in html


def test_the_case_file_makes_the_same_queries_for_few_and_many_events(worker_client, social_worker):
    person = BeneficiaryFactory(assigned_worker=social_worker)
    EventAttendanceFactory(beneficiary=person, event=EventFactory(organiser=social_worker))
    url = reverse("beneficiaries:detail", args=[person.pk])
    few = query_count(worker_client, url)
    with disable_auditlog():
        for _ in range(10):
            EventAttendanceFactory(beneficiary=person, event=EventFactory(organiser=social_worker))
    assert query_count(worker_client, url) == few


# --- «Η εργασία μου» ------------------------------------------------------------------------


def test_a_worker_sees_today_s_events_they_organise_the_coordinator_everyone_s(
    client, social_worker, other_social_worker, coordinator
):
    mine = EventFactory(organiser=social_worker, held_on=_today(), title="Η δική μου")
    theirs = EventFactory(organiser=other_social_worker, held_on=_today(), title="Της Ελένης")
    EventFactory(organiser=social_worker, title="Την άλλη εβδομάδα")
    client.force_login(social_worker)
    response = client.get(MY_WORK)
    assert response.context["todays_events"] == [mine]
    html = response.content.decode()
    assert "Σημερινές δράσεις" in html and "Η δική μου" in html and "Της Ελένης" not in html
    client.force_login(coordinator)
    assert set(client.get(MY_WORK).context["todays_events"]) == {mine, theirs}
    one = client.get(MY_WORK, {"worker": other_social_worker.pk})
    assert one.context["todays_events"] == [theirs]


def test_today_s_events_count_the_list_and_those_present(social_worker):
    event = EventFactory(organiser=social_worker, held_on=_today(), other_attendees=4)
    EventAttendanceFactory(event=event, attended=True)
    EventAttendanceFactory(event=event, attended=False)
    content = todays_events(user=social_worker, worker=social_worker, today=_today())
    (shown,) = content.context["todays_events"]
    assert (shown.listed, shown.present, shown.other_attendees) == (2, 1, 4)
    assert content.people == set()  # the section names no one


def test_my_work_makes_the_same_queries_for_few_and_many_events(client, social_worker, coordinator):
    EventFactory(organiser=social_worker, held_on=_today())
    client.force_login(social_worker)
    few = query_count(client, MY_WORK)
    client.force_login(coordinator)
    few_all = query_count(client, MY_WORK)
    for _ in range(8):
        event = EventFactory(organiser=social_worker, held_on=_today())
        EventAttendanceFactory(event=event)
    client.force_login(social_worker)
    assert query_count(client, MY_WORK) == few
    client.force_login(coordinator)
    assert query_count(client, MY_WORK) == few_all


# --- the attendance sheet -------------------------------------------------------------------


def test_the_attendance_sheet_prints_the_event_and_a_numbered_list(worker_client, social_worker):
    event = EventFactory(
        organiser=social_worker, title="Ημερίδα για την ενεργειακή φτώχεια",
        held_on=dt.date(2026, 12, 14), place="Πνευματικό Κέντρο Καρπενησίου",
    )  # fmt: skip
    event.partner_bodies.add(PartnerBodyFactory(name="ΔΥΠΑ Καρπενησίου"))
    first = BeneficiaryFactory(
        surname="Αθανασίου", given_name="Ελένη", phone_mobile="+306912345678"
    )
    second = BeneficiaryFactory(surname="Βλάχος", given_name="Νίκος")
    for person in (second, first):
        EventAttendanceFactory(event=event, beneficiary=person)
    response = worker_client.get(reverse("services:event_sheet", args=[event.pk]))
    assert response["Content-Type"] == "application/pdf"
    reader = pdf.read(response.content)
    assert pdf.first_page_size(reader) == list(pdf.A4_POINTS)
    text = pdf.text(reader)
    for expected in (
        "Φύλλο παρουσιών", "Ημερίδα για την ενεργειακή φτώχεια", "14/12/2026", "10:00–12:00",
        "Πνευματικό Κέντρο Καρπενησίου", "ΔΥΠΑ Καρπενησίου", "Α/Α", "Υπογραφή",
        "1 Αθανασίου Ελένη", "2 Βλάχος Νίκος", "3", "12",
    ):  # fmt: skip
        assert expected in text, expected
    assert "6912345678" not in text and "345678" not in text  # no phone on a shared sheet
    row = AccessLog.objects.latest("pk")
    assert row.action == AccessLog.Action.PRINT and set(row.shown) == {first.pk, second.pk}
