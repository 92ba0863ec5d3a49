"""Information requests and their letters, through the pages: record the request (due in 10
working days), print the letter, record its delivery, and the request is answered."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from community_centre.models import AccessLog, CentreProfile
from community_centre.protocol import ProtocolCounter
from requests.actions.information import letter_create, letter_deliver
from requests.exceptions import RequestError
from requests.models import AssistanceRequest, InformationRequest, StatusLetter
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.helpers import query_count
from tests.requests.factories import AssistanceRequestFactory, InformationRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def centre(db):
    return CentreProfile.objects.create(
        name="Κέντρο Κοινότητας Δήμου Καρπενησίου", municipality="Δήμος Καρπενησίου"
    )


@pytest.fixture
def person(social_worker):
    return BeneficiaryFactory(
        surname="Παπαδόπουλος", given_name="Γιώργος", assigned_worker=social_worker
    )


@pytest.fixture
def information(person, social_worker) -> InformationRequest:
    return InformationRequestFactory(beneficiary=person, recorded_by=social_worker)


def create_url(person) -> str:
    return reverse("requests:information_create", kwargs={"beneficiary_pk": person.pk})


def form_data(**overrides) -> dict:
    data = {
        "received_on": "08/04/2026",
        "received_time": "11:40",
        "channel": "phone",
        "note": "Ρωτά για την αίτηση ΕΕΕ.",
        "submission_token": str(uuid.uuid4()),
    }
    return {**data, **overrides}


def numbers_used() -> int:
    counter = ProtocolCounter.objects.filter(year=timezone.localdate().year).first()
    return counter.last_number if counter else 0


def field_error(response, field: str) -> str:
    html = response.content.decode()
    match = re.search(rf'id="error_\d+_id_{field}"[^>]*>\s*<strong>(.*?)</strong>', html, re.S)
    assert match, f"no error beside {field}"
    return match.group(1)


def issue(client, information, token: str | None = None):
    """Click the button of the page: `token` is the page's, a new page's by default."""
    data = {"submission_token": token or str(uuid.uuid4())}
    url = reverse("requests:letter_create", args=[information.pk])
    return client.post(url, data, follow=True)


# --- recording the request ----------------------------------------------------------------------


def test_an_information_request_is_due_in_ten_working_days(worker_client, person, social_worker):
    response = worker_client.post(create_url(person), form_data())
    item = InformationRequest.objects.get()
    assert response["Location"] == reverse("requests:information_detail", args=[item.pk])
    assert item.protocol_number == 1 and item.beneficiary == person
    assert (item.due_working_days, item.due_date) == (10, dt.date(2026, 4, 24))
    assert item.recorded_by == social_worker and item.about is None
    assert item.received_at == timezone.make_aware(dt.datetime(2026, 4, 8, 11, 40))
    page = worker_client.get(response["Location"]).content.decode()
    assert "απάντηση έως 24/04/2026" in page


def test_it_can_be_about_one_of_the_person_s_requests(worker_client, person):
    asked_about = AssistanceRequestFactory(beneficiary=person)
    form = worker_client.get(create_url(person), {"about": asked_about.pk}).context["form"]
    assert str(form.initial["about"]) == str(asked_about.pk)
    worker_client.post(create_url(person), form_data(about=asked_about.pk))
    assert InformationRequest.objects.get().about == asked_about


def test_a_request_of_another_person_cannot_be_chosen(worker_client, person):
    someone_else_s = AssistanceRequestFactory()
    response = worker_client.post(create_url(person), form_data(about=someone_else_s.pk))
    assert response.status_code == 200
    assert "Επιλέξτε μια έγκυρη επιλογή" in field_error(response, "about")
    assert not InformationRequest.objects.exists()


def test_submitting_it_twice_records_it_once_with_one_number(worker_client, person):
    data = form_data()
    worker_client.post(create_url(person), data)
    second = worker_client.post(create_url(person), data, follow=True)
    assert InformationRequest.objects.count() == 1 == numbers_used()
    assert "Η καταχώριση είχε ήδη αποθηκευτεί." in second.content.decode()


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("received_on", "31/02/2026", "Δεν υπάρχει τέτοια ημερομηνία"),
        ("received_time", "9 και μισή", "Γράψτε την ώρα ως ωω:λλ"),
    ],
)
def test_an_impossible_date_is_refused_beside_the_field(
    worker_client, person, field, typed, message
):
    response = worker_client.post(create_url(person), form_data(**{field: typed}))
    assert message in field_error(response, field)
    assert f'value="{typed}"' in response.content.decode()
    assert not InformationRequest.objects.exists() and numbers_used() == 0


def test_a_future_receipt_is_refused(worker_client, person):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = worker_client.post(create_url(person), form_data(received_on=f"{tomorrow:%d/%m/%Y}"))
    assert "μελλοντική" in field_error(response, "received_on")
    assert not InformationRequest.objects.exists()


# --- the page of the request --------------------------------------------------------------------


def test_the_page_shows_the_due_date_the_overdue_flag_and_the_letter_button(
    worker_client, information
):
    url = reverse("requests:information_detail", args=[information.pk])
    information.due_date = timezone.localdate() - dt.timedelta(days=1)
    information.save()
    html = worker_client.get(url).content.decode()
    assert information.protocol in html
    assert f"{information.due_date:%d/%m/%Y}" in html
    assert "Εκπρόθεσμο" in html
    assert reverse("requests:letter_create", args=[information.pk]) in html
    assert "Έκδοση επιστολής ενημέρωσης" in html
    assert AccessLog.objects.filter(
        beneficiary_id=information.beneficiary_id, action=AccessLog.Action.VIEW_SECTION
    ).exists()


def test_the_page_makes_the_same_queries_however_many_letters(
    worker_client, centre, information, social_worker
):
    url = reverse("requests:information_detail", args=[information.pk])
    letter_create(information_request=information, actor=social_worker)

    few = query_count(worker_client, url)
    for _ in range(3):
        letter_create(information_request=information, actor=social_worker)
    assert query_count(worker_client, url) == few <= 12


# --- the letter ---------------------------------------------------------------------------------


def test_issuing_the_letter_keeps_it_and_logs_the_print(worker_client, centre, information):
    response = issue(worker_client, information)
    letter = StatusLetter.objects.get()
    assert letter.information_request == information
    assert letter.issued_on == timezone.localdate()
    assert letter.pdf.name and len(letter.sha256) == 64
    html = response.content.decode()
    assert f"Η επιστολή εκδόθηκε με αρ. πρωτ. {letter.protocol}" in html
    assert reverse("requests:letter_pdf", args=[letter.pk]) in html
    assert AccessLog.objects.filter(action=AccessLog.Action.PRINT, detail__contains=letter.protocol)


def test_a_second_click_on_the_same_button_prints_no_second_letter(
    worker_client, centre, information
):
    token = str(uuid.uuid4())
    first = issue(worker_client, information, token)
    response = issue(worker_client, information, token)  # the same page, clicked again
    assert StatusLetter.objects.count() == 1 == numbers_used()
    assert response.redirect_chain == first.redirect_chain
    assert "Η καταχώριση είχε ήδη αποθηκευτεί." in response.content.decode()


def test_a_new_letter_can_be_issued_and_the_previous_ones_stay_listed(
    worker_client, centre, information
):
    issue(worker_client, information)
    response = issue(worker_client, information)  # the page drawn again: a new button
    assert StatusLetter.objects.count() == 2
    html = response.content.decode()
    for letter in StatusLetter.objects.all():
        assert letter.protocol in html


def test_a_letter_on_one_request_is_issued_from_its_page(worker_client, centre, person):
    item = AssistanceRequestFactory(beneficiary=person)
    url = reverse("requests:letter_for_request", args=[item.pk])
    token = str(uuid.uuid4())
    response = worker_client.post(url, {"submission_token": token}, follow=True)
    letter = StatusLetter.objects.get()
    assert (letter.about, letter.information_request) == (item, None)
    assert letter.protocol in response.content.decode()
    again = worker_client.post(url, {"submission_token": token})
    assert again["Location"] == reverse("requests:detail", args=[item.pk])
    assert StatusLetter.objects.count() == 1


# --- delivery -----------------------------------------------------------------------------------


@pytest.fixture
def letter(centre, information, social_worker) -> StatusLetter:
    return letter_create(information_request=information, actor=social_worker)


def deliver(client, letter, **data):
    url = reverse("requests:letter_deliver", args=[letter.pk])
    return client.post(url, data, follow=True)


def test_recording_the_delivery_answers_the_information_request(worker_client, letter):
    today = timezone.localdate()
    response = deliver(
        worker_client,
        letter,
        delivery_method="by_hand",
        delivered_on=f"{today:%d/%m/%Y}",
        received_by="person",
    )
    letter.refresh_from_db()
    assert (letter.delivery_method, letter.delivered_on) == ("by_hand", today)
    assert letter.received_by == "person"
    information = letter.information_request
    information.refresh_from_db()
    assert information.answered_on == today and not information.is_open
    html = response.content.decode()
    assert f"Απαντήθηκε στις {today:%d/%m/%Y}" in html
    assert "Ιδιοχείρως" in html


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/02/2026", "Δεν υπάρχει τέτοια ημερομηνία"),
        ("01/01/2020", "η επίδοση δεν μπορεί να είναι νωρίτερα"),
        ("tomorrow", "δεν μπορεί να είναι μελλοντική"),
    ],
)
def test_an_impossible_delivery_date_is_refused_beside_the_field(
    worker_client, letter, typed, message
):
    if typed == "tomorrow":
        typed = f"{timezone.localdate() + dt.timedelta(days=1):%d/%m/%Y}"
    response = deliver(worker_client, letter, delivery_method="post", delivered_on=typed)
    assert message in field_error(response, "delivered_on")
    letter.refresh_from_db()
    assert letter.delivered_on is None and letter.delivery_method == ""
    assert letter.information_request.answered_on is None


def test_a_delivery_needs_its_method(worker_client, letter):
    response = deliver(worker_client, letter, delivered_on=f"{timezone.localdate():%d/%m/%Y}")
    assert "απαραίτητο" in field_error(response, "delivery_method")
    letter.refresh_from_db()
    assert letter.delivered_on is None


def test_a_delivered_letter_is_not_delivered_again(worker_client, letter, social_worker):
    today = timezone.localdate()
    letter_deliver(letter=letter, method="email", delivered_on=today, actor=social_worker)
    response = worker_client.get(reverse("requests:letter_deliver", args=[letter.pk]), follow=True)
    assert "έχει ήδη καταχωριστεί" in response.content.decode()
    with pytest.raises(RequestError):
        letter_deliver(letter=letter, method="post", delivered_on=today, actor=social_worker)
    letter.refresh_from_db()
    assert letter.delivery_method == "email"


def test_a_later_letter_does_not_move_the_answer_date(letter, social_worker):
    today = timezone.localdate()
    information = letter.information_request
    letter_deliver(
        letter=letter,
        method="by_hand",
        delivered_on=today,
        received_by="person",
        actor=social_worker,
    )
    information.answered_on = today - dt.timedelta(days=3)  # as if answered earlier
    information.save()
    later = letter_create(information_request=information, actor=social_worker)
    letter_deliver(letter=later, method="post", delivered_on=today, actor=social_worker)
    information.refresh_from_db()
    assert information.answered_on == today - dt.timedelta(days=3)


def test_a_letter_on_one_request_answers_no_information_request(
    worker_client, centre, person, social_worker
):
    item = AssistanceRequestFactory(beneficiary=person)
    open_question = InformationRequestFactory(beneficiary=person, about=item)
    worker_client.post(reverse("requests:letter_for_request", args=[item.pk]), {})
    letter = StatusLetter.objects.get()
    response = deliver(
        worker_client,
        letter,
        delivery_method="post",
        delivered_on=f"{timezone.localdate():%d/%m/%Y}",
    )
    assert response.redirect_chain[-1][0] == reverse("requests:detail", args=[item.pk])
    open_question.refresh_from_db()
    assert open_question.answered_on is None
    assert AssistanceRequest.objects.get(pk=item.pk).status == item.status


def test_a_letter_given_at_the_desk_records_who_took_it(worker_client, letter):
    today = f"{timezone.localdate():%d/%m/%Y}"
    refused = deliver(worker_client, letter, delivery_method="by_hand", delivered_on=today)
    assert "Σημειώστε ποιος παρέλαβε την επιστολή" in refused.content.decode()
    nameless = deliver(
        worker_client, letter, delivery_method="by_hand", delivered_on=today, received_by="other"
    )
    assert "Γράψτε το ονοματεπώνυμο του παραλήπτη" in nameless.content.decode()
    letter.refresh_from_db()
    assert letter.delivered_on is None
    deliver(
        worker_client,
        letter,
        delivery_method="by_hand",
        delivered_on=today,
        received_by="other",
        received_by_name="Ελένη Κωστοπούλου (κόρη)",
    )
    letter.refresh_from_db()
    assert (letter.received_by, letter.received_by_name) == ("other", "Ελένη Κωστοπούλου (κόρη)")


def test_the_delivery_form_suggests_the_valid_representative(worker_client, letter):
    letter.beneficiary.representatives.create(
        surname="Κωστόπουλος", given_name="Νικόλαος", valid_from=timezone.localdate()
    )
    page = worker_client.get(reverse("requests:letter_deliver", args=[letter.pk]))
    assert 'value="Κωστόπουλος Νικόλαος"' in page.content.decode()
