"""The second factor's forms never answer 5xx, whatever is posted, and never redirect off-site.

The site-wide fuzz (tests/test_form_fuzz.py) reaches the forms of «Ασφάλεια λογαριασμού», the
enrolment and the reset through the access matrix's pages, as a verified coordinator; the code
step and the enrolment of a user who has not yet given the code are fuzzed here (Hypothesis,
hostile values of tests/hostile.py, bad `next`s), each example in a savepoint rolled back.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.community_centre.two_factor_helpers import give_codes, give_phone, password_login
from tests.hostile import BAD_NEXTS, HOSTILE

pytestmark = [pytest.mark.django_db, pytest.mark.real_two_factor]

values = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40))
posts = st.fixed_dictionaries(
    {},
    optional={
        "code": values,
        "next": st.one_of(st.sampled_from(BAD_NEXTS), values),
        "csrfmiddlewaretoken": values,
        "submission_token": values,
        "reason": values,
    },
)
FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def _assert_safe(response) -> None:
    assert response.status_code < 500
    if response.status_code == 302:
        assert url_has_allowed_host_and_scheme(response["Location"], {"testserver"})


def _post_rolled_back(client, url: str, data: dict) -> None:
    with transaction.atomic():
        _assert_safe(client.post(url, data))
        transaction.set_rollback(True)


@pytest.fixture
def pending(coordinator):
    """A coordinator with a phone and backup codes, after the password, before the code."""
    client = Client(raise_request_exception=False)
    give_phone(coordinator)
    give_codes(coordinator, "abcd2345")
    password_login(client, coordinator)
    return client


@pytest.fixture
def enrolling(coordinator):
    """A coordinator without a phone, after the password, at the enrolment."""
    client = Client(raise_request_exception=False)
    password_login(client, coordinator)
    client.get(reverse("two_factor_enrol"))
    return client


@FUZZ
@given(data=posts)
def test_the_code_step_never_fails(pending, data):
    _post_rolled_back(pending, reverse("two_factor_verify"), data)


@FUZZ
@given(data=posts)
def test_the_enrolment_never_fails(enrolling, data):
    _post_rolled_back(enrolling, reverse("two_factor_enrol"), data)


@FUZZ
@given(data=posts)
def test_the_account_forms_never_fail_before_the_code(pending, data):
    for name in ("two_factor_renew_codes", "two_factor_remove"):
        _post_rolled_back(pending, reverse(name), data)
