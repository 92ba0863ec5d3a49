"""The one safe-next helper follows only pages of this site, and no value makes it raise."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from hypothesis import given, settings
from hypothesis import strategies as st

from community_centre.navigation import MAX_NEXT_LENGTH, redirect_after_save, safe_next
from tests.helpers import PASSWORD
from tests.hostile import BAD_NEXTS

GOOD_NEXTS = [
    "/",
    "/beneficiaries/1/",
    "/beneficiaries/1/#household",
    "/requests/agenda/?worker=3&date=01%2F12%2F2026",
    "/requests/agenda/?date=01/12/2026",
]


@pytest.fixture
def rf() -> RequestFactory:
    return RequestFactory()


@pytest.mark.parametrize("target", BAD_NEXTS, ids=repr)
def test_a_next_that_is_not_a_page_of_this_site_counts_as_none(rf, target):
    assert safe_next(rf.post("/", {"next": target})) is None
    assert safe_next(rf.get("/", {"next": target})) is None


@pytest.mark.parametrize("target", GOOD_NEXTS)
def test_a_page_of_this_site_is_followed(rf, target):
    assert safe_next(rf.post("/", {"next": target})) == target
    assert safe_next(rf.get("/", {"next": target})) == target


def test_the_form_comes_before_the_query_string(rf):
    request = rf.post("/?next=/requests/", {"next": "/beneficiaries/"})
    assert safe_next(request) == "/beneficiaries/"
    assert safe_next(rf.post("/?next=/requests/", {"next": "-1"})) is None


def test_an_over_long_next_is_not_followed(rf):
    target = "/requests/?q=" + "a" * MAX_NEXT_LENGTH
    assert safe_next(rf.get("/", {"next": target})) is None


def test_a_page_of_another_scheme_or_host_is_not_followed_even_on_https(rf):
    request = rf.post("/", {"next": "http://testserver/"}, secure=True)
    assert safe_next(request) is None
    assert safe_next(rf.post("/", {"next": "/requests/"}, secure=True)) == "/requests/"


def test_the_redirect_falls_back_to_the_records_page(rf):
    assert redirect_after_save(rf.post("/", {"next": "-1"}), "/beneficiaries/7/")["Location"] == (
        "/beneficiaries/7/"
    )
    assert redirect_after_save(rf.post("/", {"next": "/"}), "/beneficiaries/7/")["Location"] == "/"


@settings(max_examples=200, deadline=None)
@given(target=st.text(max_size=60) | st.sampled_from(BAD_NEXTS).map(lambda t: t + "x"))
def test_no_next_makes_the_helper_raise_and_what_it_follows_is_a_local_path(target):
    request = RequestFactory().get("/", {"next": target})
    followed = safe_next(request)
    assert followed is None or (followed.startswith("/") and not followed.startswith("//"))


# --- Django's own views that follow `next`: the login and the language switch --------------


def _assert_stays_on_the_site(response) -> None:
    assert response.status_code == 302
    location = response["Location"]
    assert url_has_allowed_host_and_scheme(location, {"testserver"}), location
    assert not location.startswith(("//", "/\\", "\\")), location


@pytest.mark.django_db
@pytest.mark.parametrize("target", BAD_NEXTS, ids=repr)
def test_the_login_page_never_answers_500_to_a_bad_next(client, social_worker, target):
    """Django's LoginView checks `next` itself; it follows a bare word ("-1") as a relative
    path, which is harmless (a 404 on this site), and never leaves the site."""
    assert client.get(reverse("login"), {"next": target}).status_code == 200
    credentials = {"username": "maria", "password": PASSWORD, "next": target}
    _assert_stays_on_the_site(client.post(reverse("login"), credentials))


@pytest.mark.django_db
@pytest.mark.parametrize("target", BAD_NEXTS, ids=repr)
def test_the_language_switch_never_answers_500_to_a_bad_next(worker_client, target):
    response = worker_client.post(reverse("set_language"), {"language": "en", "next": target})
    _assert_stays_on_the_site(response)
    assert response.cookies["django_language"].value == "en"
