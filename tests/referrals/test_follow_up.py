"""Following referrals up: the overdue ones on «My work» (the worker's own, everyone's for the
coordinator) by the one rule of the model, and the case file's referral section; both with a
fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.context import disable_auditlog
from django.urls import reverse
from django.utils import timezone

from community_centre.models import AccessLog
from referrals.models import Referral
from referrals.work import overdue_referrals
from requests.work import work_lists
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.helpers import query_count
from tests.referrals.factories import PartnerServiceFactory, ReferralFactory
from tests.requests.factories import AssistanceRequestFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 26)
PAST = dt.date(2026, 11, 20)
LATER = dt.date(2026, 12, 10)


def referral(worker, *, status="sent", follow_up_on=PAST, **fields) -> Referral:
    request = AssistanceRequestFactory(assigned_worker=worker)
    return ReferralFactory(
        sent=True, assistance_request=request, status=status, follow_up_on=follow_up_on,
        outcome="Έγινε." if status in ("declined", "completed") else "", **fields,
    )  # fmt: skip


def test_sent_and_accepted_referrals_past_follow_up_are_overdue(social_worker):
    sent = referral(social_worker, status="sent")
    accepted = referral(social_worker, status="accepted", follow_up_on=dt.date(2026, 11, 10))
    referral(social_worker, status="sent", follow_up_on=LATER)  # not yet
    referral(social_worker, status="sent", follow_up_on=TODAY)  # due today: not overdue
    for closed in ("completed", "declined", "did_not_attend", "revoked"):
        referral(social_worker, status=closed)
    content = overdue_referrals(user=social_worker, worker=social_worker, today=TODAY)
    assert content.context["overdue_referrals"] == [accepted, sent]
    # The list and the model say the same (one rule).
    assert all(r.is_overdue_on(TODAY) for r in content.context["overdue_referrals"])
    assert content.people == {sent.beneficiary_id, accepted.beneficiary_id}


def test_a_worker_sees_their_own_overdue_referrals_the_coordinator_everyone_s(
    client, social_worker, other_social_worker, coordinator
):
    mine = referral(social_worker)
    theirs = referral(other_social_worker)
    client.force_login(social_worker)
    response = client.get(reverse("requests:my_work"))
    assert response.context["overdue_referrals"] == [mine]
    assert mine.protocol in response.content.decode()
    assert theirs.protocol not in response.content.decode()
    client.force_login(coordinator)
    everyone = client.get(reverse("requests:my_work"))
    assert set(everyone.context["overdue_referrals"]) == {mine, theirs}
    one = client.get(reverse("requests:my_work"), {"worker": other_social_worker.pk})
    assert one.context["overdue_referrals"] == [theirs]


def test_my_work_logs_the_people_of_overdue_referrals(worker_client, social_worker):
    late = referral(social_worker)
    worker_client.get(reverse("requests:my_work"))
    row = AccessLog.objects.latest("pk")
    assert late.beneficiary_id in row.shown


def test_the_work_lists_carry_the_registered_section(social_worker):
    late = referral(social_worker, follow_up_on=dt.date(2020, 1, 1))
    work = work_lists(user=social_worker, worker=social_worker)
    assert "referrals/includes/work_overdue_referrals.html" in work.section_templates
    assert work.section_context["overdue_referrals"] == [late]
    assert late.beneficiary_id in work.people()


def test_my_work_makes_the_same_queries_for_few_and_many_overdue_referrals(
    client, social_worker, coordinator
):
    referral(social_worker)
    client.force_login(social_worker)
    few = query_count(client, reverse("requests:my_work"))
    client.force_login(coordinator)
    few_all = query_count(client, reverse("requests:my_work"))
    service = PartnerServiceFactory()
    for _ in range(12):
        referral(social_worker, body=service.body, service=service)
    client.force_login(social_worker)
    assert query_count(client, reverse("requests:my_work")) == few
    client.force_login(coordinator)
    assert query_count(client, reverse("requests:my_work")) == few_all


# --- the case file ----------------------------------------------------------------------------


def test_the_case_file_shows_each_referral_with_status_outcome_and_link(
    worker_client, social_worker
):
    person = BeneficiaryFactory(assigned_worker=social_worker)
    request = AssistanceRequestFactory(beneficiary=person, assigned_worker=social_worker)
    done = ReferralFactory(
        sent=True, assistance_request=request, status="completed",
        outcome="Εντάχθηκε στο πρόγραμμα σίτισης.",
    )  # fmt: skip
    draft = ReferralFactory(assistance_request=request)
    html = worker_client.get(reverse("beneficiaries:detail", args=[person.pk])).content.decode()
    assert 'id="referrals"' in html
    assert "Εντάχθηκε στο πρόγραμμα σίτισης." in html
    assert reverse("referrals:detail", args=[done.pk]) in html
    assert reverse("referrals:detail", args=[draft.pk]) in html
    assert "text-bg-success" in html  # the completed badge, coloured by Referral.Status
    assert reverse("referrals:create_for_case_file", args=[person.pk]) in html
    assert "Νέα παραπομπή" in html


def test_the_case_file_makes_the_same_queries_for_few_and_many_referrals(
    worker_client, social_worker
):
    person = BeneficiaryFactory(assigned_worker=social_worker)
    request = AssistanceRequestFactory(beneficiary=person, assigned_worker=social_worker)
    ReferralFactory(sent=True, assistance_request=request)
    url = reverse("beneficiaries:detail", args=[person.pk])
    few = query_count(worker_client, url)
    # Without audit rows: the file's recent changes would show other records then.
    with disable_auditlog():
        for _ in range(10):
            ReferralFactory(sent=True, assistance_request=request)
    assert query_count(worker_client, url) == few


def test_the_request_page_shows_the_outcome(worker_client, social_worker):
    request = AssistanceRequestFactory(assigned_worker=social_worker)
    ReferralFactory(
        sent=True, assistance_request=request, status="declined", outcome="Εκτός ορίων εισοδήματος."
    )
    html = worker_client.get(reverse("requests:detail", args=[request.pk])).content.decode()
    assert "Εκτός ορίων εισοδήματος." in html


def test_days_in_status_count_from_the_local_date_of_the_change():
    moved = timezone.make_aware(dt.datetime(2026, 11, 20, 23, 30))
    assert Referral(status_changed_at=moved).days_in_status_on(TODAY) == 6
