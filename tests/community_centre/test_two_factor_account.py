"""«Ασφάλεια λογαριασμού», the coordinator's reset of a lost device, `reset_two_factor`, and the
demo accounts' backup codes."""

from __future__ import annotations

from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from community_centre.models import StaffEvent
from community_centre.two_factor.backup_codes import stored_form
from tests.community_centre.two_factor_helpers import (
    allow_next_try,
    give_codes,
    give_phone,
    secret_code,
    shown_secret,
    totp_code,
)

# The account page's tests log in for real (password, then code); the reset's use the
# coordinator_client of a forced login, verified (tests/conftest.py).
pytestmark = pytest.mark.django_db
real = pytest.mark.real_two_factor


def _verified(client, user, device) -> None:
    """Log in with the password and the device's code, as a person does."""
    client.post(reverse("login"), {"username": user.username, "password": "Demo-pass-2026!"})
    assert isinstance(device, TOTPDevice)
    code = totp_code(device)
    assert client.post(reverse("two_factor_verify"), {"code": code})["Location"] == "/"


def _devices(user) -> int:
    return (
        TOTPDevice.objects.filter(user=user).count()
        + StaticDevice.objects.filter(user=user).count()
    )


# --- the account page ----------------------------------------------------------------------


@real
def test_the_account_page_says_when_the_phone_was_added_and_how_many_codes_remain(
    client, coordinator
):
    phone = give_phone(coordinator)
    give_codes(coordinator, *[f"code{i}abc" for i in range(7)])
    _verified(client, coordinator, phone)
    response = client.get(reverse("account_security"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ασφάλεια λογαριασμού" in html and "ενεργός" in html
    assert f"προστέθηκε στις {phone.created_at.astimezone().strftime('%d/%m/%Y')}" in html
    assert response.context["codes_left"] == 7
    assert "Απομένουν λίγοι κωδικοί" not in html
    assert "Απενεργοποίηση" not in html  # required for a coordinator


@real
def test_the_account_page_warns_when_few_codes_remain(client, coordinator):
    phone = give_phone(coordinator)
    give_codes(coordinator, "abcd2345", "efgh6723")
    _verified(client, coordinator, phone)
    assert "Απομένουν λίγοι κωδικοί" in client.get(reverse("account_security")).content.decode()


@real
def test_a_social_worker_without_it_is_offered_to_turn_it_on(client, social_worker):
    client.post(
        reverse("login"), {"username": social_worker.username, "password": "Demo-pass-2026!"}
    )
    html = client.get(reverse("account_security")).content.decode()
    assert "ανενεργός" in html and reverse("two_factor_enrol") in html
    assert client.get(reverse("two_factor_enrol")).status_code == 200


@real
def test_new_backup_codes_need_a_current_code_and_replace_the_old(client, coordinator):
    phone = give_phone(coordinator)
    give_codes(coordinator, "abcd2345")
    _verified(client, coordinator, phone)
    response = client.post(reverse("two_factor_renew_codes"), {"code": "nope"})
    assert response.status_code == 200
    assert response.context["renew_form"].errors["code"]
    assert list(
        StaticDevice.objects.get(user=coordinator).token_set.values_list("token", flat=True)
    ) == [stored_form("abcd2345")]
    allow_next_try(StaticDevice.objects.get(user=coordinator))
    response = client.post(reverse("two_factor_renew_codes"), {"code": "abcd2345"})
    assert response["Location"] == "/account/security/codes/?next=%2Faccount%2Fsecurity%2F"
    shown = client.get(response["Location"]).context["codes"]
    stored = StaticDevice.objects.get(user=coordinator).token_set.values_list("token", flat=True)
    assert len(shown) == 10 and sorted(map(stored_form, shown)) == sorted(stored)
    assert not set(shown) & set(stored)  # kept as their hash, never as typed


@real
def test_a_social_worker_may_turn_it_off_with_a_code(client, social_worker):
    phone = give_phone(social_worker)
    _verified(client, social_worker, phone)
    response = client.post(reverse("two_factor_remove"), {"code": totp_code(phone)})
    assert response["Location"] == reverse("account_security")
    assert _devices(social_worker) == 0
    event = StaffEvent.objects.get(kind=StaffEvent.Kind.TWO_FACTOR_REMOVED)
    assert event.subject == social_worker and event.actor == social_worker


@real
def test_a_coordinator_may_not_turn_it_off(client, coordinator):
    phone = give_phone(coordinator)
    _verified(client, coordinator, phone)
    response = client.post(reverse("two_factor_remove"), {"code": totp_code(phone)})
    assert response.status_code == 403
    assert _devices(coordinator) == 1


@real
def test_enrolling_records_an_event_and_no_secret_in_the_audit_trail(client, social_worker):
    client.post(
        reverse("login"), {"username": social_worker.username, "password": "Demo-pass-2026!"}
    )
    secret = shown_secret(client.get(reverse("two_factor_enrol")))
    client.post(reverse("two_factor_enrol"), {"code": secret_code(secret)})
    assert StaffEvent.objects.filter(kind=StaffEvent.Kind.TWO_FACTOR_ENROLLED).count() == 1
    device = TOTPDevice.objects.get(user=social_worker)
    entries = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(TOTPDevice))
    assert entries.exists()
    assert all(device.key not in str(entry.changes) for entry in entries)


# --- the coordinator's reset -------------------------------------------------------------


def test_the_coordinator_resets_a_lost_phone_with_a_reason_logged(
    coordinator_client, coordinator, social_worker
):
    give_phone(social_worker)
    give_codes(social_worker, "abcd2345")
    page = coordinator_client.get(reverse("staff_overview")).content.decode()
    url = reverse("two_factor_reset", args=[social_worker.pk])
    assert url in page and "Επαναφορά δεύτερου παράγοντα" in page
    response = coordinator_client.post(url, {"reason": "Έχασε το κινητό στο λεωφορείο."})
    assert response["Location"] == reverse("staff_overview")
    assert _devices(social_worker) == 0
    event = StaffEvent.objects.get(kind=StaffEvent.Kind.TWO_FACTOR_RESET)
    assert (event.subject, event.actor) == (social_worker, coordinator)
    assert event.detail == "συσκευές που διαγράφηκαν: 2 — Έχασε το κινητό στο λεωφορείο."
    deleted = LogEntry.objects.filter(action=LogEntry.Action.DELETE)
    assert {e.content_type.model for e in deleted} >= {"totpdevice", "staticdevice"}
    assert all(e.actor == coordinator for e in deleted)


def test_the_reset_needs_a_reason_beside_the_field(coordinator_client, social_worker):
    give_phone(social_worker)
    url = reverse("two_factor_reset", args=[social_worker.pk])
    response = coordinator_client.post(url, {"reason": "   "})
    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["Γράψτε την αιτία της επαναφοράς."]}
    assert _devices(social_worker) == 1


def test_a_double_submitted_reset_is_recorded_once(coordinator_client, social_worker):
    give_phone(social_worker)
    url = reverse("two_factor_reset", args=[social_worker.pk])
    token = coordinator_client.get(url).context["form"].initial["submission_token"]
    data = {"reason": "Νέο κινητό.", "submission_token": str(token)}
    coordinator_client.post(url, data)
    coordinator_client.post(url, data)
    assert StaffEvent.objects.filter(kind=StaffEvent.Kind.TWO_FACTOR_RESET).count() == 1


def test_a_coordinator_cannot_reset_their_own(coordinator_client, coordinator):
    give_phone(coordinator)
    before = _devices(coordinator)  # the phone, and the forced login's device
    url = reverse("two_factor_reset", args=[coordinator.pk])
    assert coordinator_client.get(url).status_code == 403
    assert coordinator_client.post(url, {"reason": "Δικό μου."}).status_code == 403
    assert _devices(coordinator) == before
    assert url not in coordinator_client.get(reverse("staff_overview")).content.decode()


@real
def test_after_a_reset_the_user_enrols_again_at_the_next_login(coordinator, partner_user):
    from community_centre.two_factor.actions import two_factor_reset

    give_phone(partner_user)
    two_factor_reset(user=partner_user, actor=coordinator, reason="Έχασε το κινητό.")
    client = Client()
    response = client.post(
        reverse("login"), {"username": partner_user.username, "password": "Demo-pass-2026!"}
    )
    assert response["Location"] == "/login/enrol/?next=%2F"


def test_a_reset_ends_the_sessions_verified_by_the_lost_device(coordinator_client, partner_user):
    partner = Client()
    partner.force_login(partner_user)  # verified by its device (tests/conftest.py)
    assert partner.get(reverse("account_security")).status_code == 200
    coordinator_client.post(
        reverse("two_factor_reset", args=[partner_user.pk]), {"reason": "Κλάπηκε."}
    )
    assert partner.get(reverse("account_security"))["Location"] == (
        "/login/enrol/?next=%2Faccount%2Fsecurity%2F"
    )


# --- the server's command ----------------------------------------------------------------


def test_the_command_resets_the_last_coordinator(coordinator):
    give_phone(coordinator)
    out = StringIO()
    call_command("reset_two_factor", coordinator.username, "--reason", "Χάθηκαν όλα.", stdout=out)
    assert _devices(coordinator) == 0
    event = StaffEvent.objects.get(kind=StaffEvent.Kind.TWO_FACTOR_RESET)
    assert event.subject == coordinator and event.actor is None
    assert "Χάθηκαν όλα." in event.detail and "επαναφέρθηκε" in out.getvalue()


def test_the_command_refuses_an_unknown_user_or_an_empty_reason(coordinator):
    with pytest.raises(CommandError, match="Δεν υπάρχει χρήστης"):
        call_command("reset_two_factor", "nobody", "--reason", "x")
    with pytest.raises(CommandError, match="αιτία"):
        call_command("reset_two_factor", coordinator.username, "--reason", "  ")


# --- the demo ------------------------------------------------------------------------------


@real
def test_the_demo_accounts_that_need_it_get_printed_backup_codes(settings, client):
    settings.DEBUG = True
    out = StringIO()
    call_command("create_demo_users", stdout=out)
    text = out.getvalue()
    assert "Κωδικοί ανάκτησης (δεύτερος παράγοντας)" in text
    lines = {
        line.split()[0]: line.split()[1:]
        for line in text.splitlines()
        if line.startswith(("syntonistria ", "diaxeiristis ", "pantopoleio ", "dypa "))
    }
    assert set(lines) == {"syntonistria", "diaxeiristis", "pantopoleio", "dypa"}
    assert all(len(codes) == 10 for codes in lines.values())
    response = client.post(
        reverse("login"), {"username": "syntonistria", "password": "karpenisi-demo-2026"}
    )
    assert response["Location"] == "/login/code/?next=%2F"
    code = lines["syntonistria"][0]
    assert client.post(reverse("two_factor_verify"), {"code": code})["Location"] == "/"
