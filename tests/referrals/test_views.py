"""The referral pages: a referral from a request and from the case file, the draft with its
disclosure and consent, sending (once, with Greek messages beside the fields), moves, stale
pages, the partner's boundary, the request's panel, and fixed query counts."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from community_centre.models import AccessLog
from referrals.models import PartnerBody, Referral
from tests.helpers import query_count
from tests.referrals.factories import PartnerBodyFactory, PartnerServiceFactory, ReferralFactory
from tests.requests.factories import AssistanceRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(social_worker):
    return AssistanceRequestFactory(assigned_worker=social_worker, status="in_progress")


def _draft_data(referral: Referral, **extra) -> dict:
    data = {
        "version": referral.updated_at.isoformat(timespec="microseconds"),
        "submission_token": "9c0c1e4e-6f51-4c1e-8f7e-3b0a8f6f1c11",
        "body": referral.body_id, "reason": referral.reason, "urgency": "normal",
        "disclosed_fields": ["name", "phone", "reason"], "basis": "consent",
        "consent_on": timezone.localdate().strftime("%d/%m/%Y"), "consent_how": "in_person",
        "action": "save",
    }  # fmt: skip
    return {**data, **extra}


def test_a_referral_from_a_request_starts_as_a_draft(worker_client, item):
    body = PartnerBodyFactory()
    url = reverse("referrals:create_for_request", args=[item.pk])
    response = worker_client.post(url, {"body": body.pk, "reason": "Τρόφιμα.", "urgency": "normal"})
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:edit", args=[referral.pk])
    assert referral.status == "draft" and referral.assistance_request == item


def test_a_helpline_is_not_offered_and_is_refused_beside_the_field(worker_client, item):
    helpline = PartnerBodyFactory(is_helpline=True, uses_system=False)
    url = reverse("referrals:create_for_request", args=[item.pk])
    page = worker_client.get(url).content.decode()
    assert helpline.name not in page
    response = worker_client.post(url, {"body": helpline.pk, "reason": "x", "urgency": "normal"})
    assert response.status_code == 200 and not Referral.objects.exists()
    assert response.context["form"].errors["body"]


def test_sending_without_consent_says_so_beside_the_field_and_keeps_the_typing(worker_client,
                                                                              item):  # fmt: skip
    referral = ReferralFactory(assistance_request=item)
    url = reverse("referrals:edit", args=[referral.pk])
    data = _draft_data(referral, basis="", reason="Νέος λόγος.", action="send")
    response = worker_client.post(url, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "συναίνεση" in " ".join(form.errors["basis"])
    assert "Νέος λόγος." in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == "draft" and referral.reason != "Νέος λόγος."


def test_a_double_click_on_send_sends_one_referral_with_one_number(worker_client, item):
    referral = ReferralFactory(assistance_request=item)
    url = reverse("referrals:edit", args=[referral.pk])
    data = _draft_data(referral, action="send")
    first = worker_client.post(url, data)
    second = worker_client.post(url, data)
    referral.refresh_from_db()
    assert first.status_code == second.status_code == 302
    assert referral.status == "sent" and referral.protocol_number is not None
    assert referral.history.filter(to_status="sent").count() == 1
    assert second["Location"] == reverse("referrals:detail", args=[referral.pk])


def test_a_stale_draft_save_is_refused(worker_client, item):
    referral = ReferralFactory(assistance_request=item)
    data = _draft_data(referral, reason="Πρώτη αλλαγή.", submission_token="")
    Referral.objects.filter(pk=referral.pk).update(reason="Άλλη αλλαγή.",
                                                   updated_at=timezone.now())  # fmt: skip
    response = worker_client.post(reverse("referrals:edit", args=[referral.pk]), data)
    assert response.status_code == 200 and response.context["conflict"]
    referral.refresh_from_db()
    assert referral.reason == "Άλλη αλλαγή."


def test_a_stale_move_is_refused_and_shown(worker_client):
    referral = ReferralFactory(sent=True)
    version = referral.updated_at.isoformat(timespec="microseconds")
    Referral.objects.filter(pk=referral.pk).update(updated_at=timezone.now())
    response = worker_client.post(reverse("referrals:move", args=[referral.pk]),
                                  {"version": version, "to_status": "accepted"})  # fmt: skip
    assert response.status_code == 200 and response.context["conflict"]
    assert Referral.objects.get(pk=referral.pk).status == "sent"


def test_a_forbidden_move_is_refused_with_a_greek_message(worker_client):
    referral = ReferralFactory(sent=True)
    response = worker_client.post(reverse("referrals:move", args=[referral.pk]), {
        "version": referral.updated_at.isoformat(timespec="microseconds"),
        "to_status": "completed", "note": "Έγινε.", "confirm": "on",
    })  # fmt: skip
    assert response.status_code == 200
    assert Referral.objects.get(pk=referral.pk).status == "sent"


def test_the_detail_page_is_in_the_access_log(worker_client):
    referral = ReferralFactory(sent=True)
    worker_client.get(reverse("referrals:detail", args=[referral.pk]))
    log = AccessLog.objects.get()
    assert log.beneficiary_id == referral.beneficiary_id and referral.protocol in log.detail


def test_a_partner_is_refused_every_staff_page(client, partner_user, partner_body):
    referral = ReferralFactory(sent=True, body=partner_body)
    client.force_login(partner_user)
    for url in (
        reverse("referrals:detail", args=[referral.pk]),
        reverse("referrals:directory"),
        reverse("requests:detail", args=[referral.assistance_request_id]),
        reverse("beneficiaries:detail", args=[referral.beneficiary_id]),
        reverse("holiday_calendar"),
    ):
        assert client.get(url).status_code == 403, url
    assert client.get(reverse("home"))["Location"] == reverse("referrals:inbox")


def test_the_request_page_shows_the_referral_and_its_outcome(worker_client, item):
    ReferralFactory(sent=True, assistance_request=item, status="completed",
                    outcome="Πήρε δέμα τροφίμων.")  # fmt: skip
    page = worker_client.get(reverse("requests:detail", args=[item.pk])).content.decode()
    assert "Πήρε δέμα τροφίμων." in page
    assert reverse("referrals:create_for_request", args=[item.pk]) in page


def test_a_body_is_corrected_in_the_directory(worker_client):
    body = PartnerBodyFactory()
    url = reverse("referrals:body_edit", args=[body.pk])
    form = worker_client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(phones="2237 0 12345", version=form["version"].value())
    data = {k: v for k, v in data.items() if v is not False}
    assert worker_client.post(url, data).status_code == 302
    assert PartnerBody.objects.get(pk=body.pk).phones == "2237 0 12345"


def test_pages_cost_a_fixed_number_of_queries(worker_client, item):
    service = PartnerServiceFactory()
    ReferralFactory(sent=True, assistance_request=item, body=service.body, service=service)
    detail = reverse("referrals:detail", args=[Referral.objects.get().pk])
    request_page = reverse("requests:detail", args=[item.pk])
    directory = reverse("referrals:directory")
    before = [query_count(worker_client, u) for u in (detail, request_page, directory)]
    for _ in range(3):
        more = PartnerServiceFactory()
        ReferralFactory(sent=True, assistance_request=item, body=more.body, service=more)
    after = [query_count(worker_client, u) for u in (detail, request_page, directory)]
    assert after == before
