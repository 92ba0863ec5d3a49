# ruff: noqa: F811 - the imported `objects` fixture is requested as a parameter of that name
"""Every form that creates something saves once per page: the same page sent twice (a double
click, a resubmitted page) creates one record, and the second answer lands where the first did,
saying «Η καταχώριση είχε ήδη αποθηκευτεί.»; a missing or tampered token saves normally.

The valid data of each form is read from the form's own page (tests/html_forms.py).
"""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from beneficiaries.models import (
    CaseNote,
    Consent,
    Document,
    DocumentType,
    HouseholdMember,
    Need,
    Rectification,
    Representative,
)
from community_centre.submissions import ALREADY_SAVED, TOKEN_FIELD
from reporting.models import SignedReport
from requests.models import (
    Appointment,
    AssistanceRequest,
    DocumentRequest,
    InformationRequest,
    StatusLetter,
)
from services.models import Event
from tests.hostile import BAD_NEXTS
from tests.test_access_matrix import ROUTES_BY_NAME, _url, objects  # noqa: F401 (the fixture)
from tests.test_next_redirects import _form_of, _valid_data

pytestmark = pytest.mark.django_db

# Each create form: the page it is on (None: its own URL) and the model it creates.
CREATE_FORMS = {
    "beneficiaries:member_create": (None, HouseholdMember),
    "beneficiaries:rep_create": (None, Representative),
    "beneficiaries:consent_create": (None, Consent),
    "beneficiaries:document_upload": (None, Document),
    "beneficiaries:note_create": (None, CaseNote),
    "beneficiaries:need_create": (None, Need),
    "beneficiaries:rectify": (None, Rectification),
    "requests:create": (None, AssistanceRequest),
    "requests:information_create": (None, InformationRequest),
    "requests:docreq_create": (None, DocumentRequest),
    "requests:appointment_create": (None, Appointment),
    "requests:letter_create": ("requests:information_detail", StatusLetter),
    "requests:letter_for_request": ("requests:detail", StatusLetter),
    "services:event_create": (None, Event),
    "reporting:sign_off": ("reporting:report", SignedReport),  # the last ended month
}


def _overrides(view_name: str) -> dict:
    """What a person would choose besides the page's own values, for the forms that need it."""
    if view_name == "requests:docreq_create":
        return {"document_types": [DocumentType.objects.filter(is_active=True).first().pk]}
    if view_name == "requests:appointment_create":
        # Tuesday 12/02/2030: an ordinary working day, far enough ahead never to be past.
        return {"date": "12/02/2030", "start_time": "10:00", "duration": "30", "purpose": "ΕΕΕ"}
    if view_name == "beneficiaries:rectify":
        return {"father_name": "Διορθωμένος", "reason": "Λάθος πατρώνυμο στο μητρώο."}
    if view_name == "services:event_create":
        return {"title": "Ημερίδα", "kind": "educational", "held_on": "12/02/2030",
                "starts_at": "10:00", "place": "Αίθουσα Κέντρου"}  # fmt: skip
    return {}


def _data(form, view_name: str) -> dict:
    return {**_valid_data(form), **_overrides(view_name)}


def _page_and_form(client, view_name: str, objects):
    page_name = CREATE_FORMS[view_name][0] or view_name
    page = _url(ROUTES_BY_NAME[page_name], objects)
    return _form_of(client, page, view_name)


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("view_name", CREATE_FORMS)
def test_the_same_page_sent_twice_creates_one_record_and_lands_on_it(
    view_name, coordinator_client, objects
):
    model = CREATE_FORMS[view_name][1]
    form = _page_and_form(coordinator_client, view_name, objects)
    before = model.objects.count()
    first = coordinator_client.post(form.action, _data(form, view_name))
    assert first.status_code == 302, first.content.decode()[:3000]
    assert model.objects.count() == before + 1
    coordinator_client.cookies.pop("messages", None)  # only the second post's messages
    second = coordinator_client.post(form.action, _data(form, view_name))
    assert model.objects.count() == before + 1
    assert (second.status_code, second["Location"]) == (302, first["Location"])
    assert _messages(second) == [str(ALREADY_SAVED)]


@pytest.mark.parametrize("view_name", CREATE_FORMS)
@pytest.mark.parametrize("token", ["", "not-a-uuid", BAD_NEXTS[-1], "0" * 5000])
def test_a_missing_or_tampered_token_saves_normally(view_name, token, coordinator_client, objects):
    model = CREATE_FORMS[view_name][1]
    form = _page_and_form(coordinator_client, view_name, objects)
    before = model.objects.count()
    response = coordinator_client.post(form.action, {**_data(form, view_name), TOKEN_FIELD: token})
    assert response.status_code == 302
    assert model.objects.count() == before + 1
    assert str(ALREADY_SAVED) not in _messages(response)


def test_a_double_click_on_an_appointment_lands_on_the_booked_appointment(
    coordinator_client, objects
):
    view_name = "requests:appointment_create"
    form = _page_and_form(coordinator_client, view_name, objects)
    first = coordinator_client.post(form.action, _data(form, view_name))
    booked = Appointment.objects.order_by("-pk").first()
    second = coordinator_client.post(form.action, _data(form, view_name), follow=True)
    assert Appointment.objects.filter(worker=booked.worker, starts_at=booked.starts_at).count() == 1
    assert second.redirect_chain == [(first["Location"], 302)]
    html = second.content.decode()
    assert "Η καταχώριση είχε ήδη αποθηκευτεί." in html
    assert booked.purpose in html  # the agenda of its day, with the appointment on it
    assert "Υπάρχει ήδη ραντεβού" not in html  # no «double booking» refusal


def test_the_intake_sent_twice_lands_on_the_one_case_file(worker_client, social_worker):
    from tests.beneficiaries.test_views import intake_data

    data = intake_data(social_worker)
    first = worker_client.post(reverse("beneficiaries:create"), data)
    worker_client.cookies.pop("messages", None)
    second = worker_client.post(reverse("beneficiaries:create"), data)
    assert (second.status_code, second["Location"]) == (302, first["Location"])
    assert _messages(second) == [str(ALREADY_SAVED)]
