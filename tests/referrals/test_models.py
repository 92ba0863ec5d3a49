"""The referral's status rules, the access gate for partners, the follow-up rule and the
directory's search, and the seeded directory."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from community_centre.reference import load_reference_data
from referrals.models import PartnerBody, Referral
from tests.beneficiaries.factories import NeedCategoryFactory
from tests.referrals.factories import PartnerBodyFactory, PartnerServiceFactory, ReferralFactory

pytestmark = pytest.mark.django_db
Status = Referral.Status


def test_the_statuses_are_the_public_contract():
    assert Status.values == [
        "draft", "sent", "accepted", "declined", "completed", "did_not_attend", "revoked",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("start", "allowed"),
    [
        ("draft", {"sent", "revoked"}),
        ("sent", {"accepted", "declined", "revoked"}),
        ("accepted", {"completed", "did_not_attend", "revoked"}),
        ("declined", set()),
        ("completed", set()),
        ("did_not_attend", set()),
        ("revoked", set()),
    ],
)
def test_only_the_allowed_moves(start, allowed):
    referral = Referral(status=start)
    assert {s for s in Status.values if referral.can_move_to(s)} == allowed


def test_every_status_has_a_badge_colour():
    assert all(Status.color_of(value) for value in Status.values)


def test_the_database_refuses_a_sent_referral_without_consent_or_basis():
    with pytest.raises(IntegrityError), transaction.atomic():
        ReferralFactory(sent=True, basis="")


def test_the_database_refuses_a_decline_without_its_reason():
    with pytest.raises(IntegrityError), transaction.atomic():
        ReferralFactory(sent=True, status="declined", outcome="")


def test_a_partner_sees_exactly_the_referrals_sent_to_its_body(partner_user, partner_body):
    sent = ReferralFactory(sent=True, body=partner_body)
    ReferralFactory(body=partner_body)  # a draft: never
    ReferralFactory(sent=True)  # another body's
    assert list(Referral.objects.visible_to(partner_user)) == [sent]


def test_another_bodys_partner_sees_none_of_them(other_partner_user, partner_body):
    ReferralFactory(sent=True, body=partner_body)
    assert not Referral.objects.visible_to(other_partner_user).exists()


def test_caseworkers_see_every_referral_and_administrators_none(social_worker, administrator):
    ReferralFactory(), ReferralFactory(sent=True)
    assert Referral.objects.visible_to(social_worker).count() == 2
    assert not Referral.objects.visible_to(administrator).exists()


def test_a_revoked_referral_stays_for_the_partner_as_a_stub(partner_user, partner_body):
    ReferralFactory(sent=True, body=partner_body, status="revoked")
    (stub,) = Referral.objects.visible_to(partner_user)
    assert not stub.body_sees_snapshot


def test_a_draft_revoked_before_sending_never_reaches_the_partner(partner_user, partner_body):
    ReferralFactory(body=partner_body, status="revoked")
    assert not Referral.objects.visible_to(partner_user).exists()
    assert not Referral.objects.for_body(partner_body).exists()


def test_partner_accounts_do_not_read_case_files(partner_user):
    from community_centre.roles import can_read_case_files, is_partner

    assert is_partner(partner_user) and not can_read_case_files(partner_user)


def test_overdue_are_the_followed_ones_past_their_follow_up_date():
    late = ReferralFactory(sent=True, follow_up_on=dt.date(2026, 11, 10))
    ReferralFactory(sent=True, follow_up_on=dt.date(2026, 11, 30))
    ReferralFactory(sent=True, status="completed", outcome="Έγινε.",
                    follow_up_on=dt.date(2026, 11, 10))  # fmt: skip
    assert list(Referral.objects.overdue_on(dt.date(2026, 11, 20))) == [late]
    assert late.is_overdue_on(dt.date(2026, 11, 20))


def test_the_directory_is_searched_without_accents_or_case():
    body = PartnerBodyFactory(name="Κοινωνικό Παντοπωλείο Καρπενησίου")
    club = PartnerBodyFactory(name="Σύλλογος Γονέων")
    assert list(PartnerBody.objects.search("παντοπωλειο")) == [body]
    assert list(PartnerBody.objects.search("ΚΑΡΠΕΝΗΣΙΟΥ")) == [body]
    assert list(PartnerBody.objects.search("συλλογοσ γονεων")) == [club]


def test_the_directory_is_searched_by_need_and_service_name():
    food = NeedCategoryFactory(code="food", name="Επισιτισμός")
    service = PartnerServiceFactory(name="Γεύματα αγάπης")
    service.need_categories.add(food)
    PartnerServiceFactory()
    assert list(PartnerBody.objects.search(need=food)) == [service.body]
    assert list(PartnerBody.objects.search("γευματα")) == [service.body]


def test_the_seeded_directory_loads_once_with_the_helplines_apart():
    load_reference_data()
    count = PartnerBody.objects.count()
    summary = load_reference_data()["partner_directory"]
    assert PartnerBody.objects.count() == count and summary.created == 0
    helplines = set(PartnerBody.objects.helplines().values_list("code", flat=True))
    assert {"ekka-197", "grammi-15900"} <= helplines
    assert not PartnerBody.objects.referral_targets().filter(code__in=helplines).exists()
    grocery = PartnerBody.objects.get(code="koinoniko-pantopoleio")
    assert grocery.services.get().need_categories.filter(code="food").exists()
