"""The login never answers 500, whatever is typed into it, and garbage locks nobody out."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import authenticate
from django.test import Client
from django.urls import reverse

from community_centre.forms import PASSWORD_MAX_LENGTH
from community_centre.lockout import lockout_username
from tests.helpers import PASSWORD

pytestmark = pytest.mark.django_db

GARBAGE = {
    "300 characters": "x" * 300,
    "10,000 characters": "ώ" * 10_000,
    "NUL": "maria\x00",
    "only NUL": "\x00" * 8,
    "control characters": "\x01\x02\x1b[31m\x7f",
    "long with NUL": "\x00" * 300,
}


@pytest.fixture
def client():
    """A client that returns the 500 page instead of raising, as a real server would."""
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("username", GARBAGE.values(), ids=GARBAGE.keys())
@pytest.mark.parametrize("path", ["/login/", "/admin/login/"])
def test_garbage_usernames_never_give_500(client, path, username):
    response = client.post(path, {"username": username, "password": "wrong"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_long_username_is_refused_beside_the_field_in_greek(client):
    response = client.post(reverse("login"), {"username": "x" * 300, "password": "wrong"})
    assert response.context["form"].errors == {
        "username": ["Το όνομα χρήστη έχει το πολύ 150 χαρακτήρες."]
    }
    assert 'id="id_username_error"' in response.content.decode()
    assert not AccessAttempt.objects.exists()


def test_a_huge_password_is_refused_without_being_hashed(client, social_worker):
    data = {"username": social_worker.username, "password": "p" * (PASSWORD_MAX_LENGTH + 1)}
    response = client.post(reverse("login"), data)
    assert response.context["form"].errors == {
        "password": [f"Το συνθηματικό έχει το πολύ {PASSWORD_MAX_LENGTH} χαρακτήρες."]
    }
    assert not AccessAttempt.objects.exists()


def test_garbage_from_an_address_does_not_lock_out_a_real_user_there(client, social_worker):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        for username in GARBAGE.values():
            client.post(reverse("login"), {"username": username, "password": "wrong"})
    data = {"username": social_worker.username, "password": PASSWORD}
    response = client.post(reverse("login"), data)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(social_worker.pk)


def test_axes_records_at_most_its_column_and_never_a_nul(rf):
    request = rf.post("/login/", {"username": "\x00" + "x" * 1000})
    assert lockout_username(request, None) == ("0x00" + "x" * 1000)[:255]
    assert lockout_username(request, {"username": "maria"}) == "maria"
    assert lockout_username(rf.post("/login/"), None) is None


def test_a_long_name_reaching_axes_by_another_path_is_recorded_cut(rf):
    request = rf.post("/elsewhere/")
    assert authenticate(request, username="y" * 1000, password="wrong") is None
    assert AccessAttempt.objects.get().username == "y" * 255
