# ruff: noqa: F811 - the imported `objects` fixture is requested as a parameter of that name
"""Every view that saves and then follows `next` saves once and goes back to its record on each
bad `next` (never a 500 after the save, so nobody saves twice), and follows a good one.

The valid data of each form is read from the form's own page (tests/html_forms.py); each post
runs in a savepoint that is rolled back, so each starts from the same records.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.contrib.messages import get_messages
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from requests.views.appointments import agenda_url
from tests.hostile import BAD_NEXTS
from tests.html_forms import PNG, Form, Upload, post_forms
from tests.requests.factories import AppointmentFactory
from tests.test_access_matrix import ROUTES_BY_NAME, _url, objects  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db

# The views of record_form_view, with the part of the case file each goes back to.
RECORD_VIEWS = {
    "beneficiaries:member_create": "#household",
    "beneficiaries:member_edit": "#household",
    "beneficiaries:rep_create": "#representative",
    "beneficiaries:rep_edit": "#representative",
    "beneficiaries:consent_create": "#consent",
    "beneficiaries:document_upload": "#documents",
    "beneficiaries:note_create": "#notes",
    "beneficiaries:need_create": "#needs",
    "beneficiaries:need_edit": "#needs",
}


def _form_of(client, page: str, view_name: str) -> Form:
    response = client.get(page)
    assert response.status_code == 200, page
    return next(f for f in post_forms(response.content.decode(), page) if f.view_name == view_name)


def _post(client, form: Form, data: dict, next_value: str, in_query: bool):
    """Post `data` with `next` (in the form, or in the query string); say if it was saved."""
    path = form.action
    if in_query:
        path += ("&" if "?" in path else "?") + urlencode({"next": next_value})
    else:
        data = {**data, "next": next_value}
    client.cookies.pop("messages", None)  # only this post's messages
    with transaction.atomic():
        response = client.post(path, data)
        saved = [m.level_tag for m in get_messages(response.wsgi_request)] == ["success"]
        transaction.set_rollback(True)
    return response, saved


def _assert_falls_back_and_follows(client, form: Form, fallback: str, good: str) -> None:
    """Each bad `next` in the form (a few in the query string) goes to `fallback`; `good` is
    followed. Every post saves."""
    for in_query, bad_nexts in ((False, BAD_NEXTS), (True, BAD_NEXTS[::4])):
        for bad in bad_nexts:
            response, saved = _post(client, form, _valid_data(form), bad, in_query)
            assert (response.status_code, saved) == (302, True), (bad, in_query)
            assert response["Location"] == fallback, (bad, in_query)
        response, saved = _post(client, form, _valid_data(form), good, in_query)
        assert (response.status_code, saved, response["Location"]) == (302, True, good)


def _valid_data(form: Form) -> dict:
    """What a person would send (a picture in the file field), without the page's own next."""
    data: dict[str, list] = {}
    for name, value in form.valid_pairs():
        if name != "next":
            data.setdefault(name, []).append(value)
    for name, field in form.fields.items():
        if field.kind == "file":
            data[name] = [Upload("scan.png", PNG).open()]
    return data


@pytest.mark.parametrize("view_name", RECORD_VIEWS)
def test_a_record_saved_goes_back_to_the_case_file_unless_next_is_a_page_of_the_site(
    view_name, coordinator_client, objects
):
    page = _url(ROUTES_BY_NAME[view_name], objects)
    form = _form_of(coordinator_client, page, view_name)
    fallback = reverse("beneficiaries:detail", kwargs={"pk": objects["beneficiary"]})
    good = reverse("requests:detail", kwargs={"pk": objects["request"]})
    _assert_falls_back_and_follows(
        coordinator_client, form, fallback + RECORD_VIEWS[view_name], good
    )


def test_an_appointment_marked_goes_back_to_its_agenda_unless_next_is_a_page_of_the_site(
    coordinator, coordinator_client, objects
):
    start = timezone.now() - timedelta(hours=1)
    appointment = AppointmentFactory(
        beneficiary_id=objects["beneficiary"],
        worker=coordinator,
        starts_at=start,
        ends_at=start + timedelta(minutes=30),
    )
    fallback = agenda_url(coordinator, timezone.localdate(start))
    form = _form_of(coordinator_client, fallback, "requests:appointment_mark")
    assert form.action == reverse("requests:appointment_mark", kwargs={"pk": appointment.pk})
    _assert_falls_back_and_follows(coordinator_client, form, fallback, good=fallback + "&x=1")
