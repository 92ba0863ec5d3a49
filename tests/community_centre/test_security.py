"""Private by default: login everywhere, lockout, session limits, no caching, a strict CSP."""

import datetime
import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from community_centre.middleware import SESSION_RENEWED_KEY, SESSION_STARTED_KEY
from tests.helpers import PASSWORD, captured_queries

pytestmark = pytest.mark.django_db


def test_pages_redirect_anonymous_users_to_the_login_page(client):
    response = client.get(reverse("beneficiaries:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_login_page_is_greek_by_default(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert response["Content-Language"] == "el"
    content = response.content.decode()
    assert "Σύνδεση" in content and "Όνομα χρήστη" in content


def test_content_security_policy_allows_no_inline_code(client):
    policy = client.get(reverse("login"))["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_pages_for_logged_in_users_are_never_cached(worker_client):
    response = worker_client.get(reverse("beneficiaries:list"))
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_five_failed_logins_lock_the_username_for_this_address(client, social_worker):
    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": social_worker.username, "password": "wrong"})
    response = client.post(url, {"username": social_worker.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "κλειδώθηκε" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_correct_password_logs_in(client, social_worker):
    response = client.post(
        reverse("login"), {"username": social_worker.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(social_worker.pk)


def _expiry(client) -> datetime.datetime:
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_sessions_expire_after_30_idle_minutes(worker_client):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    worker_client.get(reverse("beneficiaries:list"))
    Session.objects.filter(session_key=worker_client.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = worker_client.get(reverse("beneficiaries:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_page_renews_the_idle_limit_at_most_once_a_minute(worker_client, settings):
    settings.SESSION_RENEWAL_SECONDS = 60
    worker_client.get(reverse("beneficiaries:list"))
    first = _expiry(worker_client)
    with captured_queries() as queries:
        worker_client.get(reverse("beneficiaries:list"))
    assert _expiry(worker_client) == first
    writes = [q for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assert not writes
    session = worker_client.session
    session[SESSION_RENEWED_KEY] = time.time() - 60
    session.save()
    saved = _expiry(worker_client)
    worker_client.get(reverse("beneficiaries:list"))
    assert _expiry(worker_client) > saved
    assert _expiry(worker_client) > timezone.now() + datetime.timedelta(minutes=29)


def test_an_unreadable_renewal_time_renews_the_session(worker_client, settings):
    settings.SESSION_RENEWAL_SECONDS = 60
    session = worker_client.session
    session[SESSION_RENEWED_KEY] = "yesterday"
    session.save()
    assert worker_client.get(reverse("beneficiaries:list")).status_code == 200
    assert isinstance(worker_client.session[SESSION_RENEWED_KEY], float)


def test_a_session_older_than_12_hours_is_logged_out(worker_client):
    session = worker_client.session
    session[SESSION_STARTED_KEY] = time.time() - settings.SESSION_ABSOLUTE_AGE - 1
    session.save()
    response = worker_client.get(reverse("beneficiaries:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in worker_client.session


def test_passwords_are_hashed_with_argon2(social_worker):
    assert "django.contrib.auth.hashers.Argon2PasswordHasher" in settings.PASSWORD_HASHERS
    assert settings.PASSWORD_HASHERS[-2:] == [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]


def test_the_interface_is_greek_even_for_an_english_browser(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "el"
    assert "Όνομα χρήστη" in response.content.decode()


def test_a_user_who_chose_english_gets_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("login"))
    assert response["Content-Language"] == "en"
    assert "Username" in response.content.decode()


def test_a_session_cookie_django_never_issued_starts_a_new_session(social_worker):
    client = Client(raise_request_exception=False)
    nul_key = '"' + "\\000" * 32 + '"'  # octal escapes: the cookie parser decodes them to NUL
    for key in [nul_key, "ABCDEFGH-IJKLMNOP", "x" * 10_000]:
        response = client.get(reverse("login"), HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}={key}")
        assert response.status_code == 200
    client.force_login(social_worker)
    assert client.get(reverse("beneficiaries:list")).status_code == 200
