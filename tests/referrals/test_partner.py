"""The partner body's pages: the inbox of its referrals, each with only what was disclosed,
its answers (with the core's move action), and nothing else of the Centre."""

from __future__ import annotations

import pytest
from django.urls import reverse

from community_centre.models import AccessLog, CentreProfile
from referrals.actions.referral import referral_move
from referrals.models import Referral, ReferralStatusChange
from tests.helpers import query_count
from tests.referrals.factories import ReferralFactory

pytestmark = pytest.mark.django_db
Status = Referral.Status
AMKA = "05037500015"


@pytest.fixture(autouse=True)
def centre(db):
    return CentreProfile.objects.create(
        name="Κέντρο Κοινότητας Δήμου Καρπενησίου", municipality="Δήμος Καρπενησίου",
        phones="2237 3 52200",
    )  # fmt: skip


@pytest.fixture
def sent(partner_body):
    referral = ReferralFactory(sent=True, body=partner_body)
    person = referral.beneficiary
    person.amka, person.address = AMKA, "Ζηνοπούλου 14"
    person.save()
    return referral


@pytest.fixture
def partner(client, partner_user):
    client.force_login(partner_user)
    return client


def detail(referral) -> str:
    return reverse("referrals:partner_detail", args=[referral.pk])


def move(client, referral, to_status, note="", confirm=True, version=None):
    data = {"to_status": to_status, "note": note,
            "version": (version or referral.updated_at).isoformat()}  # fmt: skip
    if confirm:
        data["confirm"] = "on"
    return client.post(reverse("referrals:partner_move", args=[referral.pk]), data)


def test_the_home_page_of_a_partner_is_the_inbox(partner):
    response = partner.get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse("referrals:inbox")


def test_the_inbox_groups_the_bodys_referrals_and_nothing_else(partner, partner_body, sent):
    accepted = ReferralFactory(sent=True, body=partner_body, status="accepted")
    closed = ReferralFactory(sent=True, body=partner_body, status="completed", outcome="Έγινε.")
    draft = ReferralFactory(body=partner_body)
    elsewhere = ReferralFactory(sent=True)
    pages = {key: partner.get(reverse("referrals:inbox"), {"show": key}).content.decode()
             for key in ("new", "accepted", "closed")}  # fmt: skip
    assert sent.protocol in pages["new"] and accepted.protocol not in pages["new"]
    assert accepted.protocol in pages["accepted"] and closed.protocol in pages["closed"]
    assert sent.beneficiary.full_name in pages["new"]
    for page in pages.values():
        assert elsewhere.protocol not in page and f"/partner/{draft.pk}/" not in page
    assert AccessLog.objects.filter(action=AccessLog.Action.VIEW_LIST).count() == 3


def test_the_inbox_costs_the_same_queries_for_few_or_many(partner, partner_body):
    ReferralFactory(sent=True, body=partner_body)
    few = query_count(partner, reverse("referrals:inbox"))
    ReferralFactory.create_batch(30, sent=True, body=partner_body)
    ReferralFactory.create_batch(5, sent=True, body=partner_body, status="accepted")
    assert query_count(partner, reverse("referrals:inbox")) == few
    assert query_count(partner, reverse("referrals:inbox"), {"page": 2}) == few


def test_a_referral_shows_only_what_was_disclosed_and_is_logged(partner, sent):
    page = partner.get(detail(sent)).content.decode()
    assert sent.beneficiary.full_name in page and sent.reason in page
    for hidden in (AMKA, "Ζηνοπούλου 14", sent.beneficiary.afm, sent.assistance_request.protocol):
        assert hidden not in page
    assert reverse("referrals:partner_slip", args=[sent.pk]) in page
    log = AccessLog.objects.get(action=AccessLog.Action.VIEW_SECTION)
    assert log.beneficiary_id == sent.beneficiary_id


@pytest.mark.parametrize("how", ["revoked", "consent_withdrawn"])
def test_a_revoked_referral_is_a_stub(partner, sent, how, client):
    if how == "revoked":
        Referral.objects.filter(pk=sent.pk).update(status="revoked")
    else:
        Referral.objects.filter(pk=sent.pk).update(consent_withdrawn_on=sent.consent_on)
    page = partner.get(detail(sent)).content.decode()
    assert "ανακλήθηκε" in page
    assert sent.beneficiary.full_name not in page and sent.reason not in page
    assert partner.get(reverse("referrals:partner_slip", args=[sent.pk])).status_code == 404
    assert (
        sent.beneficiary.full_name not in partner.get(reverse("referrals:inbox")).content.decode()
    )
    assert move(partner, sent, "accepted").status_code == 302
    assert Referral.objects.get(pk=sent.pk).status != "accepted"


def test_another_bodys_referral_answers_404(partner, other_partner_user):
    theirs = ReferralFactory(sent=True, body=other_partner_user.partner_membership.body)
    assert partner.get(detail(theirs)).status_code == 404
    assert move(partner, theirs, "accepted").status_code == 404
    assert partner.get(reverse("referrals:partner_slip", args=[theirs.pk])).status_code == 404
    assert Referral.objects.get(pk=theirs.pk).status == "sent"


def test_a_partner_reaches_nothing_else(partner, sent):
    for url in (sent.beneficiary.get_absolute_url(), reverse("referrals:detail", args=[sent.pk]),
                reverse("referrals:directory"), reverse("requests:my_work"),
                reverse("referrals:slip", args=[sent.pk])):  # fmt: skip
        assert partner.get(url).status_code == 403, url


def test_the_body_accepts_then_completes_with_an_outcome(partner, partner_user, sent):
    assert move(partner, sent, "accepted", "Ραντεβού την Τρίτη.", confirm=False).status_code == 302
    sent.refresh_from_db()
    assert sent.status == "accepted"
    assert move(partner, sent, "completed", "Πήρε δέμα τροφίμων.").status_code == 302
    sent.refresh_from_db()
    assert (sent.status, sent.outcome) == ("completed", "Πήρε δέμα τροφίμων.")
    rows = ReferralStatusChange.objects.filter(referral=sent, recorded_by_body=True)
    assert [(r.to_status, r.actor) for r in rows.order_by("pk")] == [
        ("accepted", partner_user), ("completed", partner_user),
    ]  # fmt: skip


@pytest.mark.parametrize("to_status", ["declined"])
def test_a_decline_needs_its_reason(partner, sent, to_status):
    response = move(partner, sent, to_status, "")
    assert response.status_code == 200
    assert "Γράψτε γιατί ο φορέας δεν δέχτηκε" in response.content.decode()
    assert Referral.objects.get(pk=sent.pk).status == "sent"


def test_a_completion_needs_its_outcome(partner, partner_body):
    accepted = ReferralFactory(sent=True, body=partner_body, status="accepted")
    response = move(partner, accepted, "completed", "")
    assert "Γράψτε την έκβαση" in response.content.decode()
    assert Referral.objects.get(pk=accepted.pk).status == "accepted"


def test_a_body_cannot_revoke(partner, sent):
    move(partner, sent, "revoked", "Όχι.")
    assert Referral.objects.get(pk=sent.pk).status == "sent"


def test_a_double_click_makes_one_move(partner, sent):
    first = move(partner, sent, "accepted")
    second = move(partner, sent, "accepted")  # the same page's version, sent again
    assert first.status_code == second.status_code == 302
    assert ReferralStatusChange.objects.filter(referral=sent, to_status="accepted").count() == 1
    page = partner.get(detail(sent)).content.decode()
    assert "είχε ήδη καταχωριστεί" in page


def test_a_stale_answer_is_told_and_overwrites_nothing(partner, sent, social_worker):
    opened_at = sent.updated_at
    referral_move(referral=sent, to_status="revoked", expected_version=opened_at,
                  note="Λάθος φορέας.", confirmed=True, actor=social_worker)  # fmt: skip
    response = move(partner, sent, "accepted", version=opened_at)
    assert response.status_code == 302
    assert Referral.objects.get(pk=sent.pk).status == "revoked"


def test_a_stale_answer_after_another_partner_answer_is_told(partner, sent, partner_body):
    opened_at = sent.updated_at
    Referral.objects.filter(pk=sent.pk).update(status="declined", outcome="Πλήρες.")
    move(partner, sent, "accepted", version=opened_at)
    page = partner.get(detail(sent)).content.decode()
    assert "άλλαξε στο μεταξύ" in page or "Απορρίφθηκε" in page
    assert Referral.objects.get(pk=sent.pk).status == "declined"


def test_the_partner_prints_the_slip_the_centre_printed(partner, sent, client, social_worker):
    pdf = partner.get(reverse("referrals:partner_slip", args=[sent.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    client.force_login(social_worker)
    assert client.get(reverse("referrals:slip", args=[sent.pk])).content == pdf.content
    assert AccessLog.objects.filter(action=AccessLog.Action.PRINT).count() == 2
