"""Two-factor login: who must give a code, the code step, enrolment, reused and wrong codes,
backup codes, throttling, and that a password set by an administrator never bypasses it."""

from __future__ import annotations

import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from community_centre.role_actions import password_set
from tests.community_centre.two_factor_helpers import (
    allow_next_try,
    give_codes,
    give_phone,
    password_login,
    secret_code,
    shown_secret,
    totp_code,
)

pytestmark = [pytest.mark.django_db, pytest.mark.real_two_factor]

CODE_STEP = "/login/code/?next=%2F"
ENROL = "/login/enrol/?next=%2F"


def _code(client, code: str, next_url: str = "/"):
    return client.post(reverse("two_factor_verify"), {"code": code, "next": next_url})


def _error(response) -> list[str]:
    return response.context["form"].errors["code"]


# --- who must give it ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["coordinator", "administrator", "superuser", "partner_user"])
def test_a_role_that_requires_it_goes_to_the_enrolment_right_after_the_password(
    client, request, role
):
    user = request.getfixturevalue(role)
    response = password_login(client, user)
    assert response.status_code == 302 and response["Location"] == ENROL


@pytest.mark.parametrize("role", ["coordinator", "administrator", "superuser", "partner_user"])
def test_a_role_with_a_phone_goes_to_the_code_step(client, request, role):
    user = request.getfixturevalue(role)
    give_phone(user)
    response = password_login(client, user)
    assert response.status_code == 302 and response["Location"] == CODE_STEP


def test_a_social_worker_without_it_goes_straight_in(client, social_worker):
    response = password_login(client, social_worker)
    assert response["Location"] == "/"
    assert client.get(reverse("beneficiaries:list")).status_code == 200


def test_a_social_worker_who_enrolled_is_always_asked(client, social_worker):
    give_phone(social_worker)
    assert password_login(client, social_worker)["Location"] == CODE_STEP


def test_until_the_code_every_page_sends_to_the_code_step(client, coordinator):
    give_phone(coordinator)
    password_login(client, coordinator)
    for url in ["/beneficiaries/", "/staff/", "/password/", "/account/security/", "/reports/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"/login/code/?next={url.replace('/', '%2F')}", url
    # A POST is sent to the code step too, and nothing it asked for happens.
    response = client.post(reverse("staff_events_seen"))
    assert response["Location"] == CODE_STEP


def test_without_a_phone_every_page_sends_to_the_enrolment(client, coordinator):
    password_login(client, coordinator)
    response = client.get("/beneficiaries/")
    assert response["Location"] == "/login/enrol/?next=%2Fbeneficiaries%2F"
    assert client.get(reverse("two_factor_verify"))["Location"] == ENROL


def test_until_the_code_logout_language_and_health_answer(client, coordinator):
    give_phone(coordinator)
    password_login(client, coordinator)
    assert client.get(reverse("healthz")).status_code == 200
    assert client.post(reverse("set_language"), {"language": "en", "next": "/"}).status_code == 302
    assert client.get(reverse("two_factor_verify")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_partner_body_reaches_the_code_step_not_a_403(client, partner_user):
    give_phone(partner_user)
    password_login(client, partner_user)
    assert client.get(reverse("referrals:inbox"))["Location"] == (
        "/login/code/?next=%2Freferrals%2Fpartner%2F"
    )
    assert client.get(reverse("two_factor_verify")).status_code == 200


def test_the_admin_requires_it(client, administrator):
    device = give_phone(administrator)
    client.post(
        reverse("admin:login") + "?next=/admin/",
        {"username": administrator.username, "password": "Demo-pass-2026!"},
    )
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/login/code/?next=%2Fadmin%2F"
    response = _code(client, totp_code(device), "/admin/")
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


# --- the code step ---------------------------------------------------------------------------


def test_the_phone_code_logs_in_and_goes_to_next(client, coordinator):
    device = give_phone(coordinator)
    password_login(client, coordinator, next_url="/staff/")
    before = client.session.session_key
    response = _code(client, totp_code(device), "/staff/")
    assert response.status_code == 302 and response["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200
    assert client.session.session_key != before  # a new session key once verified


def test_spaces_inside_and_around_the_code_do_not_count(client, coordinator):
    device = give_phone(coordinator)
    password_login(client, coordinator)
    code = totp_code(device)
    response = _code(client, f"  {code[:3]} {code[3:]}\n")
    assert response["Location"] == "/"


def test_a_wrong_code_is_refused_in_greek_beside_the_field(client, coordinator):
    device = give_phone(coordinator)
    password_login(client, coordinator)
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"
    response = _code(client, wrong)
    assert response.status_code == 200
    assert _error(response) == ["Ο κωδικός δεν είναι σωστός. Δοκιμάστε ξανά."]
    assert 'id="id_code_error"' in response.content.decode()
    assert client.get("/beneficiaries/").status_code == 302


def test_a_reused_code_is_refused_with_its_own_message(client, coordinator):
    device = give_phone(coordinator)
    password_login(client, coordinator)
    code = totp_code(device)
    assert _code(client, code).status_code == 302
    client.post(reverse("logout"))
    password_login(client, coordinator)
    response = _code(client, code)
    assert response.status_code == 200
    assert _error(response)[0].startswith("Ο κωδικός έχει ήδη χρησιμοποιηθεί.")


def test_a_backup_code_works_once(client, coordinator):
    give_phone(coordinator)
    give_codes(coordinator, "abcd2345", "efgh6723")
    password_login(client, coordinator)
    response = _code(client, "ABCD 2345")
    assert response["Location"] == "/"
    assert StaticDevice.objects.get(user=coordinator).token_set.count() == 1
    client.post(reverse("logout"))
    password_login(client, coordinator)
    response = _code(client, "abcd2345")
    assert response.status_code == 200
    assert _error(response) == ["Ο κωδικός δεν είναι σωστός. Δοκιμάστε ξανά."]


def test_backup_codes_alone_reach_the_code_step(client, coordinator):
    give_codes(coordinator, "abcd2345")
    assert password_login(client, coordinator)["Location"] == CODE_STEP
    assert _code(client, "abcd2345")["Location"] == "/"


def test_a_code_too_soon_after_a_wrong_one_is_throttled_with_the_wait(client, coordinator):
    device = give_phone(coordinator)
    password_login(client, coordinator)
    _code(client, "000000" if totp_code(device) != "000000" else "111111")
    response = _code(client, totp_code(device))  # the right code, but within the wait
    assert response.status_code == 200
    message = _error(response)[0]
    assert re.fullmatch(
        r"Πολλές λανθασμένες προσπάθειες\. Περιμένετε \d+ δευτερόλεπτα και δοκιμάστε ξανά\.",
        message,
    )
    allow_next_try(device)
    assert _code(client, totp_code(device))["Location"] == "/"


def test_wrong_codes_count_as_failed_logins_and_lock_out(client, coordinator):
    device = give_phone(coordinator)
    password_login(client, coordinator)
    wrong = "000000" if totp_code(device) != "000000" else "111111"
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _code(client, wrong).status_code == 200
        allow_next_try(device)
    assert AccessAttempt.objects.get(username=coordinator.username).failures_since_start == 4
    response = _code(client, wrong)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session  # logged out
    response = password_login(client, coordinator)  # and the password is refused for now
    assert response.status_code == 429


@pytest.mark.parametrize(
    "code",
    ["", " ", "x" * 10_000, "\x00", "12345\x00", "١٢٣٤٥٦", "-1", "9" * 40, "💥", "<script>"],
)
def test_no_input_at_the_code_step_gives_500(coordinator, code):
    client = Client(raise_request_exception=False)
    device = give_phone(coordinator)
    give_codes(coordinator, "abcd2345")
    password_login(client, coordinator)
    response = _code(client, code)
    assert response.status_code == 200
    allow_next_try(device)


# --- a password set by an administrator ----------------------------------------------------


def test_a_password_set_by_an_administrator_does_not_bypass_it(client, coordinator, administrator):
    device = give_phone(coordinator)
    password_set(user=coordinator, actor=administrator)
    response = password_login(client, coordinator)
    assert response["Location"] == CODE_STEP  # the code first, not the password change
    assert client.get(reverse("password_change"))["Location"] == "/login/code/?next=%2Fpassword%2F"
    assert TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists()
    assert _code(client, totp_code(device))["Location"] == "/"
    assert client.get("/beneficiaries/")["Location"] == reverse("password_change")


# --- enrolment -------------------------------------------------------------------------------


def test_enrolment_with_the_shown_secret_turns_it_on_and_shows_ten_codes_once(client, coordinator):
    password_login(client, coordinator)
    page = client.get(ENROL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "Ενεργοποίηση δεύτερου παράγοντα" in html
    secret = shown_secret(page)
    assert all(len(group) == 4 for group in secret.split(" ")[:-1])
    response = client.post(ENROL, {"code": secret_code(secret), "next": "/"})
    assert response["Location"] == "/account/security/codes/?next=%2F"
    device = TOTPDevice.objects.get(user=coordinator)
    assert device.confirmed
    codes = client.get(response["Location"])
    assert codes.status_code == 200
    shown = codes.context["codes"]
    assert len(shown) == 10 == StaticDevice.objects.get(user=coordinator).token_set.count()
    assert all(code in codes.content.decode() for code in shown)
    assert client.get(response["Location"])["Location"] == reverse("account_security")  # once
    assert client.get("/staff/").status_code == 200  # verified by the enrolment


def test_the_code_step_offers_no_page_behind_it(client, coordinator):
    give_phone(coordinator)
    password_login(client, coordinator)
    html = client.get(CODE_STEP).content.decode()
    assert reverse("holiday_calendar") not in html and reverse("beneficiaries:list") not in html


def test_the_codes_page_keeps_its_message_off_the_paper(client, coordinator):
    password_login(client, coordinator)
    secret = shown_secret(client.get(ENROL))
    response = client.post(ENROL, {"code": secret_code(secret), "next": "/"}, follow=True)
    html = response.content.decode()
    assert "Ο δεύτερος παράγοντας ενεργοποιήθηκε." in html
    assert '<div class="messages d-print-none"' in html


def test_the_otpauth_uri_names_the_centre_and_the_user(client, coordinator):
    password_login(client, coordinator)
    client.get(ENROL)
    uri = TOTPDevice.objects.get(user=coordinator).config_url
    assert uri.startswith("otpauth://totp/")
    assert "issuer=%CE%9A%CE%AD%CE%BD%CF%84%CF%81%CE%BF" in uri  # «Κέντρο …»
    assert f"%3A{coordinator.username}?" in uri


def test_a_wrong_first_code_leaves_the_phone_unconfirmed(client, coordinator):
    password_login(client, coordinator)
    secret = shown_secret(client.get(ENROL))
    right = secret_code(secret)
    response = client.post(ENROL, {"code": f"{(int(right) + 1) % 1_000_000:06d}"})
    assert response.status_code == 200
    assert _error(response)[0].startswith("Ο κωδικός δεν είναι σωστός.")
    assert not TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists()
    assert shown_secret(client.get(ENROL)) == secret  # the same phone, still being added
    assert client.get("/beneficiaries/").status_code == 302


def test_someone_with_a_phone_cannot_enrol_another_before_the_code(client, coordinator):
    give_phone(coordinator)
    password_login(client, coordinator)
    assert client.get(reverse("two_factor_enrol"))["Location"] == CODE_STEP
    assert TOTPDevice.objects.filter(user=coordinator).count() == 1


def test_backup_codes_are_kept_as_a_keyed_hash_never_as_typed(client, coordinator):
    password_login(client, coordinator)
    secret = shown_secret(client.get(ENROL))
    response = client.post(ENROL, {"code": secret_code(secret), "next": "/"})
    shown = client.get(response["Location"]).context["codes"]
    stored = set(
        StaticDevice.objects.get(user=coordinator).token_set.values_list("token", flat=True)
    )
    assert not stored & set(shown) and len(stored) == 10
    client.logout()
    password_login(client, coordinator)
    assert _code(client, shown[3])["Location"] == "/"
    assert len(StaticDevice.objects.get(user=coordinator).token_set.all()) == 9


def test_the_stored_form_of_a_code_is_not_its_hash_alone(settings):
    from community_centre.two_factor.backup_codes import stored_form

    first = stored_form("abcd2345")
    assert len(first) == 16 and first != "abcd2345"
    settings.SECRET_KEY = "another-secret-key-of-another-install-0123456789"
    assert stored_form("abcd2345") != first  # keyed: a database copy alone gives nothing
