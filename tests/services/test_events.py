"""Group activities and events: the model's constraints, the actions (once on the list, head
count bounds, stale edits, a held event in the future refused), the screens with their bad
input, the access log of attendee names, and fixed query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from community_centre.models import AccessLog
from community_centre.submissions import TOKEN_FIELD
from community_centre.versions import StaleVersion, format_version
from services.actions import events as actions
from services.actions.events import EventError
from services.models import Event, EventAttendance
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.helpers import query_count
from tests.referrals.factories import PartnerBodyFactory
from tests.services.factories import EventAttendanceFactory, EventFactory

pytestmark = pytest.mark.django_db

LIST = reverse("services:event_list")
CREATE = reverse("services:event_create")


def _today() -> dt.date:
    return timezone.localdate()


def _form(**overrides) -> dict:
    data = {
        "title": "Ενημέρωση για το επίδομα θέρμανσης",
        "kind": "information_day",
        "held_on": (_today() + dt.timedelta(days=3)).strftime("%d/%m/%Y"),
        "starts_at": "10:00",
        "ends_at": "12:00",
        "place": "Αίθουσα του Κέντρου Κοινότητας",
        "status": "planned",
    }
    return {**data, **overrides}


def _edit_data(event: Event, **overrides) -> dict:
    data = _form(
        title=event.title,
        held_on=event.held_on.strftime("%d/%m/%Y"),
        organiser=event.organiser_id,
        version=format_version(event.updated_at),
    )
    return {**data, **overrides}


# --- the model ------------------------------------------------------------------------------


def test_the_database_refuses_a_person_twice_on_one_list(social_worker):
    attendance = EventAttendanceFactory(added_by=social_worker)
    with pytest.raises(IntegrityError), transaction.atomic():
        EventAttendance.objects.create(
            event=attendance.event, beneficiary=attendance.beneficiary, added_by=social_worker
        )


def test_the_database_refuses_a_head_count_above_the_bound(social_worker):
    event = EventFactory(organiser=social_worker)
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(other_attendees=5001)


def test_the_database_refuses_an_end_before_the_start(social_worker):
    event = EventFactory(organiser=social_worker)
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(ends_at=dt.time(9, 0))


def test_full_clean_says_in_greek_that_the_head_count_is_too_large(social_worker):
    event = EventFactory.build(organiser=social_worker, other_attendees=6000)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "other_attendees" in error.value.message_dict


# --- the actions ----------------------------------------------------------------------------


def test_a_person_added_twice_is_refused_not_duplicated(social_worker):
    event = EventFactory(organiser=social_worker)
    person = BeneficiaryFactory()
    actions.attendee_add(event=event, beneficiary=person, actor=social_worker)
    with pytest.raises(EventError, match="Ήδη στη λίστα"):
        actions.attendee_add(event=event, beneficiary=person, actor=social_worker)
    assert event.attendances.count() == 1


def test_a_person_added_before_the_day_is_registered_and_on_the_day_present(social_worker):
    later = EventFactory(organiser=social_worker)
    today = EventFactory(organiser=social_worker, held_on=_today())
    person = BeneficiaryFactory()
    assert not actions.attendee_add(event=later, beneficiary=person, actor=social_worker).attended
    assert actions.attendee_add(event=today, beneficiary=person, actor=social_worker).attended


def test_a_cancelled_event_takes_no_attendees(social_worker):
    event = EventFactory(organiser=social_worker, status="cancelled")
    with pytest.raises(EventError):
        actions.attendee_add(event=event, beneficiary=BeneficiaryFactory(), actor=social_worker)


def test_an_event_in_the_future_cannot_be_marked_held(social_worker):
    event = EventFactory(organiser=social_worker)
    event.status = Event.Status.HELD
    with pytest.raises(EventError) as error:
        actions.event_update(
            event=event, partner_bodies=[], expected_version=event.updated_at, actor=social_worker
        )
    assert "status" in error.value.problems


def test_an_edit_from_an_old_version_is_refused(social_worker):
    event = EventFactory(organiser=social_worker)
    opened_at = event.updated_at
    actions.event_set_head_count(
        event=event, other_attendees=3, expected_version=opened_at, actor=social_worker
    )
    event.place = "Δημαρχείο"
    with pytest.raises(StaleVersion):
        actions.event_update(
            event=event, partner_bodies=[], expected_version=opened_at, actor=social_worker
        )
    assert Event.objects.get(pk=event.pk).place != "Δημαρχείο"


# --- the screens ----------------------------------------------------------------------------


def test_a_worker_records_an_event_with_partner_bodies(worker_client, social_worker):
    body = PartnerBodyFactory(name="ΔΥΠΑ Καρπενησίου")
    response = worker_client.post(CREATE, _form(partner_bodies=[body.pk]))
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    assert event.organiser == social_worker
    assert list(event.partner_bodies.all()) == [body]


def test_helplines_and_closed_bodies_are_not_offered(worker_client):
    open_body = PartnerBodyFactory(name="Σύλλογος Γονέων")
    closed = PartnerBodyFactory(name="Παλιός Σύλλογος", is_active=False)
    helpline = PartnerBodyFactory(name="Γραμμή 197", is_helpline=True, uses_system=False)
    html = worker_client.get(CREATE).content.decode()
    assert open_body.name in html and closed.name not in html and helpline.name not in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("held_on", "31/02/2026", "Δεν υπάρχει τέτοια ημερομηνία."),
        ("held_on", "", "Γράψτε την ημερομηνία της δράσης."),
        ("starts_at", "25:00", "Γράψτε την ώρα ως ωω:λλ"),
        ("ends_at", "09:00", "Η ώρα λήξης πρέπει να είναι μετά την ώρα έναρξης."),
        ("title", "", "Γράψτε τον τίτλο της δράσης."),
        ("kind", "party", "έγκυρη επιλογή"),
        ("partner_bodies", "abc", "έγκυρη"),
    ],
)
def test_bad_input_is_refused_beside_its_field(worker_client, field, value, message):
    response = worker_client.post(CREATE, _form(**{field: value}))
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors and message in " ".join(form.errors[field])
    assert not Event.objects.exists()


def test_a_held_event_in_the_future_is_refused_beside_the_status(worker_client):
    response = worker_client.post(CREATE, _form(status="held"))
    assert "status" in response.context["form"].errors
    assert not Event.objects.exists()


def test_the_same_page_sent_twice_creates_one_event(worker_client):
    token = worker_client.get(CREATE).context["form"].initial[TOKEN_FIELD]
    first = worker_client.post(CREATE, _form(**{TOKEN_FIELD: token}))
    second = worker_client.post(CREATE, _form(**{TOKEN_FIELD: token}))
    assert Event.objects.count() == 1
    assert second["Location"] == first["Location"]


def test_two_workers_editing_one_event_the_second_is_told_and_nothing_is_lost(
    client, social_worker, other_social_worker
):
    event = EventFactory(organiser=social_worker)
    url = reverse("services:event_edit", args=[event.pk])
    opened = _edit_data(event)
    client.force_login(social_worker)
    assert client.post(url, {**opened, "place": "Δημαρχείο"}).status_code == 302
    client.force_login(other_social_worker)
    response = client.post(url, {**opened, "place": "Πνευματικό Κέντρο"})
    assert response.status_code == 200 and response.context["conflict"] is not None
    assert Event.objects.get(pk=event.pk).place == "Δημαρχείο"
    again = client.post(url, {**response.context["form"].data.dict()})
    assert again.status_code == 302
    assert Event.objects.get(pk=event.pk).place == "Πνευματικό Κέντρο"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("5001", "Γράψτε έως 5.000"),
        ("-1", "δεν μπορεί να είναι αρνητικός"),
        ("δώδεκα", "Γράψτε έναν ακέραιο αριθμό"),
        ("1,5", "Γράψτε έναν ακέραιο αριθμό"),
        ("", "Γράψτε τον αριθμό"),
    ],
)
def test_a_bad_head_count_is_refused_beside_the_field(worker_client, social_worker, value, message):
    event = EventFactory(organiser=social_worker)
    response = worker_client.post(
        reverse("services:event_head_count", args=[event.pk]),
        {"other_attendees": value, "version": format_version(event.updated_at)},
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["head_count_form"].errors["other_attendees"])
    assert Event.objects.get(pk=event.pk).other_attendees == 0


def test_the_head_count_is_recorded(worker_client, social_worker):
    event = EventFactory(organiser=social_worker)
    url = reverse("services:event_head_count", args=[event.pk])
    data = {"other_attendees": "5000", "version": format_version(event.updated_at)}
    assert worker_client.post(url, data).status_code == 302
    assert Event.objects.get(pk=event.pk).other_attendees == 5000


def test_a_stale_head_count_is_refused(worker_client, social_worker):
    event = EventFactory(organiser=social_worker)
    url = reverse("services:event_head_count", args=[event.pk])
    data = {"other_attendees": "7", "version": "2020-01-01T00:00:00+00:00"}
    response = worker_client.post(url, data)
    assert response.status_code == 200 and response.context["conflict"] is not None
    assert Event.objects.get(pk=event.pk).other_attendees == 0


@pytest.mark.parametrize("value", ["", "abc", "-3", "99999999999999999999999", "1.5"])
def test_a_tampered_person_to_add_is_no_500(worker_client, social_worker, value):
    event = EventFactory(organiser=social_worker)
    response = worker_client.post(
        reverse("services:attendee_add", args=[event.pk]), {"beneficiary": value}
    )
    assert response.status_code == 302
    assert not event.attendances.exists()


def test_adding_twice_through_the_page_says_so(worker_client, social_worker):
    event = EventFactory(organiser=social_worker)
    person = BeneficiaryFactory()
    url = reverse("services:attendee_add", args=[event.pk])
    worker_client.post(url, {"beneficiary": person.pk})
    response = worker_client.post(url, {"beneficiary": person.pk}, follow=True)
    assert "Ήδη στη λίστα της δράσης" in response.content.decode()
    assert event.attendances.count() == 1


def test_the_search_offers_people_and_marks_those_already_listed(worker_client, social_worker):
    event = EventFactory(organiser=social_worker)
    listed = BeneficiaryFactory(surname="Καραγιάννη")
    other = BeneficiaryFactory(surname="Καραγιάννης")
    EventAttendanceFactory(event=event, beneficiary=listed, added_by=social_worker)
    url = reverse("services:attendee_search", args=[event.pk])
    response = worker_client.post(url, {"q": "karagianni"})
    assert set(response.context["listed"]) == {listed.pk}
    assert other.pk in {p.pk for p in response.context["people"]}
    row = AccessLog.objects.latest("pk")
    assert row.action == AccessLog.Action.SEARCH and other.pk in row.shown


def test_marking_and_removing_an_attendee(worker_client, social_worker):
    attendance = EventAttendanceFactory(event=EventFactory(organiser=social_worker))
    mark = reverse("services:attendee_mark", args=[attendance.event_id, attendance.pk])
    worker_client.post(mark, {"attended": "0"})
    assert not EventAttendance.objects.get(pk=attendance.pk).attended
    remove = reverse("services:attendee_remove", args=[attendance.event_id, attendance.pk])
    worker_client.post(remove)
    assert not EventAttendance.objects.filter(pk=attendance.pk).exists()


def test_the_event_page_logs_the_people_on_its_list(worker_client, social_worker):
    attendance = EventAttendanceFactory(event=EventFactory(organiser=social_worker))
    html = worker_client.get(attendance.event.get_absolute_url()).content.decode()
    assert attendance.beneficiary.surname in html
    row = AccessLog.objects.latest("pk")
    assert row.action == AccessLog.Action.VIEW_LIST and row.shown == [attendance.beneficiary_id]


def test_the_list_shows_upcoming_or_past_by_kind(worker_client, social_worker):
    soon = EventFactory(organiser=social_worker, title="Αύριο")
    EventFactory(organiser=social_worker, title="Χθες", held_on=_today() - dt.timedelta(days=1))
    EventFactory(organiser=social_worker, title="Δικτύωση", kind="networking")
    upcoming = worker_client.get(LIST, {"kind": "information_day"}).context["page"]
    assert [e.title for e in upcoming.object_list] == [soon.title]
    past = worker_client.get(LIST, {"when": "past"}).context["page"]
    assert [e.title for e in past.object_list] == ["Χθες"]
    assert worker_client.get(LIST, {"when": "garbage", "kind": "x"}).status_code == 200


def test_the_navbar_links_the_events(worker_client):
    assert f'href="{LIST}"' in worker_client.get(reverse("requests:my_work")).content.decode()


def _event_with(people: int, worker, bodies: int = 1) -> Event:
    event = EventFactory(organiser=worker, held_on=_today())
    for _ in range(bodies):
        event.partner_bodies.add(PartnerBodyFactory())
    for _ in range(people):
        EventAttendanceFactory(event=event, added_by=worker)
    return event


def test_the_list_makes_the_same_queries_for_few_and_many(worker_client, social_worker):
    _event_with(1, social_worker)
    few = query_count(worker_client, LIST)
    for _ in range(30):
        _event_with(2, social_worker)
    assert query_count(worker_client, LIST) == few


def test_the_event_page_and_its_sheet_cost_the_same_for_few_and_many(worker_client, social_worker):
    small, large = _event_with(1, social_worker), _event_with(25, social_worker, bodies=4)
    for name in ("services:event_detail", "services:event_sheet"):
        few = query_count(worker_client, reverse(name, args=[small.pk]))
        assert query_count(worker_client, reverse(name, args=[large.pk])) == few, name


def test_a_stale_edit_after_the_partner_bodies_changed_says_so(client, social_worker):
    """The conflict's description skips the audit log's many-to-many rows (no old/new)."""
    event = EventFactory(organiser=social_worker)
    url = reverse("services:event_edit", args=[event.pk])
    opened = _edit_data(event)
    client.force_login(social_worker)
    body = PartnerBodyFactory()
    client.post(url, {**opened, "partner_bodies": [body.pk]})
    response = client.post(url, {**opened, "place": "Δημαρχείο"})
    assert response.status_code == 200 and response.context["conflict"] is not None
