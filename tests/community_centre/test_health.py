"""Health checks for the load balancer, and 503 pages while the database cannot be reached.

The outage here is real: the connection is pointed at a socket where no server listens, so
PostgreSQL's client refuses exactly as it does when the server is down. test_outage.py stops a
real server under gunicorn.
"""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from community_centre.views import RETRY_AFTER_SECONDS
from tests.helpers import captured_queries

SESSION_COOKIE = {"HTTP_COOKIE": "sessionid=" + "a" * 32}  # a logged-in browser's cookie


@pytest.fixture
def database_down(django_db_blocker, tmp_path):
    """The default connection aimed at an empty folder: every query fails to connect."""
    with django_db_blocker.unblock():
        connection.close()
        host = connection.settings_dict["HOST"]
        connection.settings_dict["HOST"] = str(tmp_path)
        try:
            yield
        finally:
            connection.close()
            connection.settings_dict["HOST"] = host


@pytest.fixture
def browser():
    """A client that returns the error page instead of raising, as a real server does."""
    return Client(raise_request_exception=False)


def assert_unavailable(response) -> None:
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_200_without_login_and_without_a_query(client):
    with captured_queries() as queries:
        response = client.get("/healthz")
    assert len(queries) == 0
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_answers_200_without_login_when_the_database_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": True}
    assert "no-cache" in response["Cache-Control"]


def test_readyz_answers_503_with_retry_after_when_the_database_does_not(browser, database_down):
    response = browser.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": False}
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)


def test_healthz_still_answers_200_when_the_database_does_not(browser, database_down):
    assert browser.get("/healthz").status_code == 200
    assert browser.head("/healthz").status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "extra"),
    [
        ("get", "/login/", {}),
        ("post", "/login/", {}),
        ("get", "/beneficiaries/", SESSION_COOKIE),
        ("get", "/no-such-page/", SESSION_COOKIE),
        ("post", "/logout/", SESSION_COOKIE),
        ("get", "/readyz", SESSION_COOKIE),
    ],
)
def test_every_page_answers_503_in_greek_while_the_database_is_down(
    browser, database_down, method, path, extra
):
    data = {"username": "maria", "password": "x"} if path == "/login/" else {}
    response = getattr(browser, method)(path, data, **extra)
    assert_unavailable(response)
    assert "Η εφαρμογή είναι προσωρινά μη διαθέσιμη." in response.content.decode()


def test_the_503_page_follows_the_chosen_language(browser, database_down, settings):
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = browser.get(reverse("login"))
    assert_unavailable(response)
    assert 'lang="en"' in response.content.decode()
    assert "The application is temporarily unavailable." in response.content.decode()


@pytest.mark.django_db
def test_other_errors_still_answer_the_500_page(browser, social_worker, monkeypatch):
    def broken(request):
        raise RuntimeError("a bug, not an outage")

    monkeypatch.setattr("community_centre.views.holidays_in", broken)
    browser.force_login(social_worker)
    response = browser.get(reverse("holiday_calendar"))
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Παρουσιάστηκε σφάλμα." in response.content.decode()


def test_connections_are_checked_before_reuse_and_give_up_connecting_quickly(settings):
    database = settings.DATABASES["default"]
    assert database["CONN_HEALTH_CHECKS"] is True  # test_outage.py shows why
    assert database["OPTIONS"]["connect_timeout"] == 5
