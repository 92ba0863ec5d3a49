"""Appointments: working days and opening hours, no double booking (form and database),
attended / no-show / cancelled, the day agenda of a worker on screen and as a PDF."""

from __future__ import annotations

import datetime as dt
import re
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from community_centre.calendar import is_working_day
from community_centre.models import AccessLog, CentreProfile, LocalHoliday
from requests.actions.appointments import (
    Slot,
    appointment_create,
    appointment_mark,
    slot_errors,
)
from requests.exceptions import RequestError
from requests.models import Appointment
from tests import pdf
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.helpers import query_count
from tests.requests.factories import AppointmentFactory

pytestmark = pytest.mark.django_db

# Far enough ahead never to be in the past; Tuesday 12/02/2030 is an ordinary working day.
DAY = dt.date(2030, 2, 12)
SATURDAY = dt.date(2030, 2, 16)
CHRISTMAS = dt.date(2030, 12, 25)  # a Wednesday
PATRON_SAINT = dt.date(2030, 9, 23)  # a Monday: Karpenisi's local holiday
AFTER_CLEAN_MONDAY = dt.date(2030, 3, 12)  # Tuesday; Monday 11/03/2030 is Clean Monday


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@pytest.fixture
def centre(db) -> CentreProfile:
    return CentreProfile.objects.create(
        name="Κέντρο Κοινότητας Δήμου Καρπενησίου",
        municipality="Δήμος Καρπενησίου",
        town="Καρπενήσι",
        phones="2237 3 52200",
        opens_at=dt.time(7, 0),
        closes_at=dt.time(15, 0),
    )


@pytest.fixture
def person(db):
    return BeneficiaryFactory(surname="Παπαδόπουλος", given_name="Γιώργος")


@pytest.fixture
def patron_saint(db) -> LocalHoliday:
    return LocalHoliday.objects.create(month=9, day=23, name="Άγιος Νικόλαος ο Καρπενησιώτης")


def book(client, person, worker, **fields):
    data = {
        "worker": worker.pk,
        "date": DAY.strftime("%d/%m/%Y"),
        "start_time": "10:00",
        "duration": "30",
        "purpose": "Συμπλήρωση αίτησης ΕΕΕ",
        **fields,
    }
    url = reverse("requests:appointment_create", kwargs={"beneficiary_pk": person.pk})
    return client.post(url, data)


def test_the_dates_of_these_tests_are_what_they_claim(patron_saint):
    assert is_working_day(DAY)
    assert DAY.weekday() == 1 and SATURDAY.weekday() == 5
    assert not is_working_day(CHRISTMAS) and CHRISTMAS.weekday() == 2
    assert not is_working_day(PATRON_SAINT) and PATRON_SAINT.weekday() == 0


# --- booking: the rules of a slot ------------------------------------------------------------


def test_a_slot_inside_hours_on_a_working_day_is_booked_and_shown_on_the_agenda(
    worker_client, social_worker, person, centre
):
    response = book(worker_client, person, social_worker)
    appointment = Appointment.objects.get()
    assert appointment.starts_at == at(DAY, 10) and appointment.ends_at == at(DAY, 10, 30)
    assert appointment.worker == social_worker and appointment.created_by == social_worker
    assert appointment.status == Appointment.Status.SCHEDULED
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("requests:agenda") + f"?worker={social_worker.pk}&date=12%2F02%2F2030"
    )
    page = worker_client.get(response["Location"]).content.decode()
    assert "Το ραντεβού κλείστηκε: Τρίτη 12/02/2030 10:00." in page
    assert "10:00–10:30" in page and "Παπαδόπουλος Γιώργος" in page


@pytest.mark.parametrize(
    ("day", "why"),
    [(SATURDAY, "Σάββατο"), (CHRISTMAS, "Χριστούγεννα"), (PATRON_SAINT, "Καρπενησιώτης")],
    ids=["saturday", "christmas", "local-holiday"],
)
def test_a_day_the_centre_is_closed_is_refused_beside_the_date(
    worker_client, social_worker, person, centre, patron_saint, day, why
):
    typed = day.strftime("%d/%m/%Y")
    response = book(worker_client, person, social_worker, date=typed)
    assert response.status_code == 200
    (error,) = response.context["form"].errors["date"]
    assert error.startswith(f"Το Κέντρο είναι κλειστό στις {typed} (")
    assert why in error
    assert f'value="{typed}"' in response.content.decode()
    assert not Appointment.objects.exists()


def test_23_september_is_a_working_day_without_the_local_holiday(
    worker_client, social_worker, person, centre
):
    response = book(worker_client, person, social_worker, date="23/09/2030")
    assert response.status_code == 302
    assert Appointment.objects.get().starts_at == at(PATRON_SAINT, 10)


@pytest.mark.parametrize(
    ("start", "duration", "message"),
    [
        ("06:30", "30", "Το Κέντρο ανοίγει στις 07:00: το ραντεβού πρέπει να είναι εντός ωραρίου."),
        ("14:45", "30", "Το ραντεβού θα τελείωνε στις 15:15, ενώ το Κέντρο κλείνει στις 15:00."),
        ("15:00", "15", "Το ραντεβού θα τελείωνε στις 15:15, ενώ το Κέντρο κλείνει στις 15:00."),
        ("23:30", "60", "Το ραντεβού θα τελείωνε στις 00:30, ενώ το Κέντρο κλείνει στις 15:00."),
    ],
)
def test_a_slot_outside_opening_hours_is_refused_beside_the_time(
    worker_client, social_worker, person, centre, start, duration, message
):
    response = book(worker_client, person, social_worker, start_time=start, duration=duration)
    assert response.context["form"].errors["start_time"] == [message]
    assert f'value="{start}"' in response.content.decode()
    assert not Appointment.objects.exists()


@pytest.mark.parametrize(("start", "duration"), [("14:30", "30"), ("14:00", "60"), ("07:00", "15")])
def test_a_slot_that_ends_exactly_at_closing_or_starts_at_opening_is_fine(
    worker_client, social_worker, person, centre, start, duration
):
    assert (
        book(worker_client, person, social_worker, start_time=start, duration=duration).status_code
        == 302
    )
    assert Appointment.objects.count() == 1


def test_opening_hours_follow_the_centres_profile(worker_client, social_worker, person, centre):
    centre.opens_at, centre.closes_at = dt.time(8, 30), dt.time(14, 0)
    centre.save()
    response = book(worker_client, person, social_worker, start_time="08:00")
    assert response.context["form"].errors["start_time"] == [
        "Το Κέντρο ανοίγει στις 08:30: το ραντεβού πρέπει να είναι εντός ωραρίου."
    ]
    assert "Δευτέρα έως Παρασκευή 08:30–14:00, εκτός αργιών." in response.content.decode()


def test_a_past_date_is_refused(worker_client, social_worker, person, centre):
    response = book(worker_client, person, social_worker, date="10/02/2026")
    assert response.context["form"].errors["date"] == ["Η ημερομηνία 10/02/2026 έχει περάσει."]
    assert not Appointment.objects.exists()


def test_an_hour_already_gone_today_is_refused(social_worker, centre):
    now = at(DAY, 11, 5)
    assert slot_errors(Slot(social_worker, DAY, dt.time(11, 0), 30), now=now) == {
        "start_time": ["Η ώρα 11:00 έχει περάσει."]
    }
    assert slot_errors(Slot(social_worker, DAY, dt.time(11, 15), 30), now=now) == {}


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("date", "31/02/2026", "Δεν υπάρχει τέτοια ημερομηνία."),
        ("start_time", "25:00", "Γράψτε την ώρα ως ΩΩ:ΛΛ, από 00:00 έως 23:59 (π.χ. 09:30)."),
        ("start_time", "10.3o", "Γράψτε την ώρα ως ΩΩ:ΛΛ, από 00:00 έως 23:59 (π.χ. 09:30)."),
    ],
)
def test_an_impossible_date_or_time_gets_a_greek_message_and_keeps_the_typed_text(
    worker_client, social_worker, person, centre, field, typed, message
):
    response = book(worker_client, person, social_worker, **{field: typed})
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    html = response.content.decode()
    assert message in html and f'value="{typed}"' in html
    assert 'value="Συμπλήρωση αίτησης ΕΕΕ"' in html  # the rest of what was typed is kept
    assert not Appointment.objects.exists()


def test_missing_fields_are_named_in_greek(worker_client, social_worker, person, centre):
    url = reverse("requests:appointment_create", kwargs={"beneficiary_pk": person.pk})
    errors = worker_client.post(url, {}).context["form"].errors
    assert errors["date"] == ["Γράψτε την ημερομηνία του ραντεβού."]
    assert errors["start_time"] == ["Γράψτε την ώρα του ραντεβού."]
    assert errors["purpose"] == ["Γράψτε τον σκοπό του ραντεβού."]


def test_the_form_offers_the_current_worker_and_the_persons_open_requests(
    worker_client, social_worker, person, centre
):
    url = reverse("requests:appointment_create", kwargs={"beneficiary_pk": person.pk})
    form = worker_client.get(url).context["form"]
    assert form["worker"].value() == social_worker.pk
    assert form["duration"].value() == 30


# --- double booking ---------------------------------------------------------------------------


def test_a_worker_already_booked_is_refused_beside_the_time_and_nothing_is_saved(
    worker_client, social_worker, person, centre
):
    other = AppointmentFactory(
        worker=social_worker, starts_at=at(DAY, 10), ends_at=at(DAY, 10, 30), purpose="Κάρτα ΔΥΠΑ"
    )
    response = book(worker_client, person, social_worker, start_time="10:15")
    (message,) = response.context["form"].errors["start_time"]
    # It says which booking clashes, so the worker can move one of the two.
    assert (
        "10:00–10:30" in message and str(other.beneficiary) in message and "Κάρτα ΔΥΠΑ" in message
    )
    assert message in response.content.decode()
    assert Appointment.objects.count() == 1


def test_back_to_back_slots_and_other_workers_are_free(
    worker_client, social_worker, other_social_worker, person, centre
):
    AppointmentFactory(worker=social_worker, starts_at=at(DAY, 10), ends_at=at(DAY, 10, 30))
    assert book(worker_client, person, social_worker, start_time="10:30").status_code == 302
    assert book(worker_client, person, social_worker, start_time="09:30").status_code == 302
    assert book(worker_client, person, other_social_worker, start_time="10:00").status_code == 302
    assert Appointment.objects.count() == 4


def test_the_database_refuses_an_overlapping_appointment_of_the_same_worker(social_worker):
    AppointmentFactory(worker=social_worker, starts_at=at(DAY, 10), ends_at=at(DAY, 10, 30))
    overlapping = pytest.raises(IntegrityError, match="appointment_worker_not_double_booked")
    with overlapping, transaction.atomic():
        AppointmentFactory(worker=social_worker, starts_at=at(DAY, 10, 15), ends_at=at(DAY, 10, 45))
    assert Appointment.objects.count() == 1


def test_the_database_lets_a_cancelled_slot_be_booked_again(social_worker):
    AppointmentFactory(
        worker=social_worker,
        starts_at=at(DAY, 10),
        ends_at=at(DAY, 10, 30),
        status=Appointment.Status.CANCELLED,
    )
    AppointmentFactory(worker=social_worker, starts_at=at(DAY, 10), ends_at=at(DAY, 10, 30))
    assert Appointment.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_booking_committed_a_moment_earlier_is_refused_with_the_same_message(
    social_worker, person, centre
):
    """Two desks book the same slot: the second check cannot see the first, uncommitted, row;
    the database makes the second insert wait, then refuses it, and nothing of it is saved."""
    worker = social_worker
    inserted, release = threading.Event(), threading.Event()

    def first_desk() -> None:
        try:
            with transaction.atomic():
                AppointmentFactory(worker=worker, starts_at=at(DAY, 10), ends_at=at(DAY, 10, 30))
                inserted.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=first_desk)
    thread.start()
    assert inserted.wait(10)
    threading.Timer(0.5, release.set).start()
    slot = Slot(worker, DAY, dt.time(10, 15), 30)
    with pytest.raises(ValidationError) as refused:
        appointment_create(beneficiary=person, slot=slot, purpose="Δεύτερο γκισέ", actor=worker)
    thread.join(10)
    (message,) = refused.value.message_dict["start_time"]
    assert "Υπάρχει ήδη ραντεβού 10:00–10:30" in message  # the booking that won the race
    assert isinstance(refused.value.__cause__, IntegrityError)  # the database's word, not the check
    assert list(Appointment.objects.values_list("starts_at", flat=True)) == [at(DAY, 10)]


# --- attended, no-show, cancelled -------------------------------------------------------------


def mark(client, appointment, status, **extra):
    url = reverse("requests:appointment_mark", kwargs={"pk": appointment.pk})
    return client.post(url, {"status": status, **extra})


@pytest.fixture
def past(social_worker, person):
    """An appointment that was due an hour ago."""
    start = timezone.now() - dt.timedelta(hours=1)
    return AppointmentFactory(
        beneficiary=person,
        worker=social_worker,
        starts_at=start,
        ends_at=start + dt.timedelta(minutes=30),
    )


@pytest.mark.parametrize("status", ["attended", "no_show", "cancelled"])
def test_a_worker_marks_an_appointment(worker_client, past, status):
    response = mark(worker_client, past, status, expected_status="scheduled")
    past.refresh_from_db()
    assert past.status == status
    assert response.status_code == 302
    day = timezone.localdate(past.starts_at).strftime("%d/%m/%Y").replace("/", "%2F")
    assert response["Location"].endswith(f"?worker={past.worker_id}&date={day}")


def test_marking_goes_back_to_the_page_it_came_from_but_never_off_site(worker_client, past):
    here = reverse("requests:agenda") + "?date=01/01/2030"
    assert mark(worker_client, past, "attended", next=here)["Location"] == here
    other = mark(worker_client, past, "no_show", next="https://evil.example/")
    assert other["Location"].startswith(reverse("requests:agenda"))


def test_attended_and_no_show_can_be_swapped_but_a_cancelled_appointment_stays_cancelled(
    social_worker, past
):
    appointment_mark(appointment=past, status="attended", actor=social_worker)
    appointment_mark(appointment=past, status="no_show", actor=social_worker)
    appointment_mark(appointment=past, status="attended", actor=social_worker)
    past.status = "scheduled"
    past.save()
    appointment_mark(appointment=past, status="cancelled", actor=social_worker)
    with pytest.raises(RequestError, match="από «Ακυρώθηκε» σε «Προσήλθε»"):
        appointment_mark(appointment=past, status="attended", actor=social_worker)


def test_a_mark_made_meanwhile_by_someone_else_is_not_overwritten(worker_client, past):
    past.status = Appointment.Status.NO_SHOW
    past.save()
    mark(worker_client, past, "attended", expected_status="scheduled")
    past.refresh_from_db()
    assert past.status == Appointment.Status.NO_SHOW
    messages = [str(m) for m in worker_client.get(reverse("requests:agenda")).context["messages"]]
    assert messages == ["Το ραντεβού σημειώθηκε στο μεταξύ ως «Δεν προσήλθε». Δεν άλλαξε τίποτα."]


def test_a_future_appointment_cannot_be_a_no_show_nor_attended_before_its_day(social_worker):
    future = AppointmentFactory(
        worker=social_worker, starts_at=at(DAY, 10), ends_at=at(DAY, 10, 30)
    )
    with pytest.raises(RequestError, match="δεν έχει αρχίσει ακόμη"):
        appointment_mark(appointment=future, status="no_show", actor=social_worker)
    with pytest.raises(RequestError, match="από την ημέρα του ραντεβού"):
        appointment_mark(appointment=future, status="attended", actor=social_worker)
    appointment_mark(appointment=future, status="cancelled", actor=social_worker)
    future.refresh_from_db()
    assert future.status == Appointment.Status.CANCELLED


def test_an_unknown_mark_changes_nothing(worker_client, past):
    response = mark(worker_client, past, "lost")
    past.refresh_from_db()
    assert past.status == Appointment.Status.SCHEDULED
    assert response.status_code == 302


def test_a_cancelled_appointment_frees_the_workers_slot(
    worker_client, social_worker, person, centre
):
    taken = AppointmentFactory(worker=social_worker, starts_at=at(DAY, 10), ends_at=at(DAY, 10, 30))
    assert book(worker_client, person, social_worker).status_code == 200
    mark(worker_client, taken, "cancelled", expected_status="scheduled")
    assert book(worker_client, person, social_worker).status_code == 302
    assert Appointment.objects.filter(status="scheduled").count() == 1
    assert Appointment.objects.filter(status="cancelled").get() == taken


# --- the agenda -------------------------------------------------------------------------------


def agenda(client, **params):
    return client.get(reverse("requests:agenda"), params)


def test_the_agenda_shows_the_workers_day_in_order_with_its_buttons(
    worker_client, social_worker, other_social_worker, person, centre
):
    AppointmentFactory(
        beneficiary=person, worker=social_worker, starts_at=at(DAY, 11), ends_at=at(DAY, 11, 45)
    )
    AppointmentFactory(worker=social_worker, starts_at=at(DAY, 9), ends_at=at(DAY, 9, 15))
    AppointmentFactory(worker=other_social_worker, starts_at=at(DAY, 10), ends_at=at(DAY, 11))
    AppointmentFactory(
        worker=social_worker,
        starts_at=at(DAY + dt.timedelta(1), 9),
        ends_at=at(DAY + dt.timedelta(1), 10),
    )
    response = agenda(worker_client, date="12/02/2030")
    shown = response.context["agenda"].appointments
    assert [a.starts_at for a in shown] == [at(DAY, 9), at(DAY, 11)]
    html = response.content.decode()
    assert "Τρίτη 12/02/2030" in html
    assert "09:00–09:15" in html and "11:00–11:45" in html
    assert reverse("beneficiaries:detail", args=[person.pk]) in html
    # A future appointment can only be cancelled yet.
    assert [a.marks for a in shown] == [["cancelled"], ["cancelled"]]
    mark_forms = re.findall(r'<form method="post" action="[^"]*/mark/".*?</form>', html, re.S)
    assert len(mark_forms) == 2
    assert all('name="csrfmiddlewaretoken"' in form for form in mark_forms)


def test_the_agenda_defaults_to_oneself_and_today(worker_client, social_worker, centre):
    response = agenda(worker_client)
    assert response.context["agenda"].worker == social_worker
    assert response.context["agenda"].day == timezone.localdate()


def test_only_the_coordinator_picks_another_workers_agenda(
    client, social_worker, other_social_worker, coordinator, centre
):
    AppointmentFactory(worker=other_social_worker, starts_at=at(DAY, 10), ends_at=at(DAY, 11))
    client.force_login(social_worker)
    mine = agenda(client, worker=other_social_worker.pk, date="12/02/2030")
    assert mine.context["agenda"].worker == social_worker
    assert mine.context["agenda"].appointments == []
    assert 'name="worker"' not in mine.content.decode()
    client.force_login(coordinator)
    theirs = agenda(client, worker=other_social_worker.pk, date="12/02/2030")
    assert theirs.context["agenda"].worker == other_social_worker
    assert len(theirs.context["agenda"].appointments) == 1
    assert 'name="worker"' in theirs.content.decode()


def test_the_agenda_links_to_the_previous_and_next_working_days(worker_client, centre):
    response = agenda(worker_client, date="12/03/2030")
    day = response.context["agenda"]
    # Monday 11/03/2030 is Clean Monday: the previous working day is Friday 08/03.
    assert (day.previous_day, day.next_day) == (dt.date(2030, 3, 8), dt.date(2030, 3, 13))
    assert "date=08/03/2030" in response.content.decode()


def test_the_agenda_says_when_the_centre_is_closed(worker_client, centre):
    response = agenda(worker_client, date="25/12/2030")
    assert "Το Κέντρο είναι κλειστό αυτή την ημέρα (Χριστούγεννα)." in response.content.decode()


def test_a_mistyped_agenda_date_is_shown_beside_the_field(worker_client, centre):
    response = agenda(worker_client, date="31/02/2026")
    assert response.status_code == 200
    assert response.context["agenda"].form.errors["date"] == ["Δεν υπάρχει τέτοια ημερομηνία."]
    assert 'value="31/02/2026"' in response.content.decode()


@pytest.mark.parametrize("typed", ["31/12/9999", "01/01/0001", "31/12/1899", "01/01/2101"])
def test_an_agenda_day_outside_1900_to_2100_is_refused_beside_the_date(
    worker_client, centre, typed
):
    """Found by the form fuzz: the previous or next working day of 31/12/9999 (or 01/01/0001)
    left Python's dates and the agenda, on screen and as PDF, answered 500."""
    response = agenda(worker_client, date=typed)
    assert response.status_code == 200
    assert response.context["agenda"].form.errors["date"] == [
        "Γράψτε ημερομηνία από 01/01/1900 έως 31/12/2100."
    ]
    assert f'value="{typed}"' in response.content.decode()
    pdf_response = worker_client.get(reverse("requests:agenda_pdf"), {"date": typed})
    assert pdf_response.status_code == 302
    assert pdf_response["Location"].startswith(reverse("requests:agenda"))


def test_the_agenda_makes_the_same_queries_for_one_and_twelve_appointments(
    coordinator_client, social_worker, centre
):
    def fill(hours):
        for hour in hours:
            AppointmentFactory(
                beneficiary=BeneficiaryFactory(),
                worker=social_worker,
                starts_at=at(DAY, hour),
                ends_at=at(DAY, hour, 30),
            )

    fill([7])
    url, day = reverse("requests:agenda"), {"worker": social_worker.pk, "date": "12/02/2030"}
    one = query_count(coordinator_client, url, day)
    fill([8, 9, 10, 11, 12, 13, 14])
    for start in range(8, 15):
        AppointmentFactory(
            worker=social_worker, starts_at=at(DAY, start, 30), ends_at=at(DAY, start, 45)
        )
    many = query_count(coordinator_client, url, day)
    assert many == one
    assert many <= 14  # one writes the access-log row, one loads the second factor's device


def test_the_agenda_pdf_lists_the_day_and_is_logged(worker_client, social_worker, person, centre):
    AppointmentFactory(
        beneficiary=person,
        worker=social_worker,
        starts_at=at(DAY, 9, 30),
        ends_at=at(DAY, 10),
        purpose="Ψυχοκοινωνική στήριξη",
    )
    response = worker_client.get(reverse("requests:agenda_pdf"), {"date": "12/02/2030"})
    assert response["Content-Type"] == "application/pdf"
    reader = pdf.read(response.content)
    assert pdf.first_page_size(reader) == [595.28, 841.89]
    text = pdf.text(reader)
    for expected in [
        "Ημερήσιο πρόγραμμα ραντεβού",
        "Τρίτη 12/02/2030",
        "09:30–10:00",
        "Παπαδόπουλος Γιώργος",
        "Ψυχοκοινωνική στήριξη",
        "Προγραμματισμένο",
        social_worker.get_full_name(),
    ]:
        assert expected in text, expected
    log = AccessLog.objects.get()
    assert (log.user, log.action, log.beneficiary_id) == (
        social_worker,
        AccessLog.Action.PRINT,
        None,
    )
    assert log.shown == [person.pk]
    assert "12/02/2030" in log.detail


def test_the_agenda_shows_phones_in_the_national_format(worker_client, social_worker, centre):
    person = BeneficiaryFactory(phone_mobile="+306944123456")
    AppointmentFactory(
        beneficiary=person, worker=social_worker, starts_at=at(DAY, 9), ends_at=at(DAY, 9, 30)
    )
    page = worker_client.get(reverse("requests:agenda"), {"date": "12/02/2030"}).content.decode()
    assert "694 412 3456" in page and "+306944123456" not in page
    response = worker_client.get(reverse("requests:agenda_pdf"), {"date": "12/02/2030"})
    text = pdf.text(pdf.read(response.content))
    assert "694 412 3456" in text and "+30" not in text
