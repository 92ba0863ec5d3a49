"""The staff referral list: its filters (status, body, worker, overdue), the days since the last
status change, pagination, the access log, and a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from community_centre.models import AccessLog
from referrals.models import Referral
from tests.helpers import query_count
from tests.referrals.factories import PartnerBodyFactory, ReferralFactory
from tests.requests.factories import AssistanceRequestFactory

pytestmark = pytest.mark.django_db
URL = reverse("referrals:list")


def referral(worker, *, status="sent", days_ago=3, follow_up_in=5, body=None) -> Referral:
    today = timezone.localdate()
    extra = {"body": body} if body else {}
    return ReferralFactory(
        sent=True,
        assistance_request=AssistanceRequestFactory(assigned_worker=worker),
        status=status,
        status_changed_at=timezone.now() - dt.timedelta(days=days_ago),
        follow_up_on=today + dt.timedelta(days=follow_up_in),
        outcome="Έγινε." if status in ("declined", "completed") else "",
        **extra,
    )


def shown(response) -> list[Referral]:
    return list(response.context["page"].object_list)


def test_without_filters_it_lists_every_referral_latest_change_first(worker_client, social_worker):
    old = referral(social_worker, days_ago=10)
    new = referral(social_worker, status="accepted", days_ago=1)
    draft = ReferralFactory(assistance_request=AssistanceRequestFactory(), status_changed_at=(
        timezone.now() - dt.timedelta(days=5)))  # fmt: skip
    response = worker_client.get(URL)
    assert shown(response) == [new, draft, old]
    assert [r.days_in_status for r in shown(response)] == [1, 5, 10]


def test_it_filters_by_status_and_followed(worker_client, social_worker):
    sent = referral(social_worker, status="sent")
    accepted = referral(social_worker, status="accepted")
    done = referral(social_worker, status="completed")
    assert shown(worker_client.get(URL, {"status": "completed"})) == [done]
    assert set(shown(worker_client.get(URL, {"status": "followed"}))) == {sent, accepted}


def test_it_filters_by_body_and_worker(worker_client, social_worker, other_social_worker):
    grocery = PartnerBodyFactory(name="Κοινωνικό Παντοπωλείο")
    at_grocery = referral(social_worker, body=grocery)
    theirs = referral(other_social_worker)
    assert shown(worker_client.get(URL, {"body": grocery.pk})) == [at_grocery]
    assert shown(worker_client.get(URL, {"worker": other_social_worker.pk})) == [theirs]


def test_overdue_follows_the_model_s_rule_most_overdue_first(worker_client, social_worker):
    late = referral(social_worker, follow_up_in=-2)
    later = referral(social_worker, status="accepted", follow_up_in=-9)
    referral(social_worker, follow_up_in=0)  # due today
    referral(social_worker, status="completed", follow_up_in=-30)  # closed
    response = worker_client.get(URL, {"overdue": "on"})
    assert shown(response) == [later, late]
    assert all(r.overdue for r in shown(response))
    assert list(Referral.objects.overdue_on(timezone.localdate()).order_by("follow_up_on")) == [
        later, late,
    ]  # fmt: skip
    assert "Εκπρόθεσμη" in response.content.decode()


def test_invalid_filters_are_ignored(worker_client, social_worker):
    one = referral(social_worker)
    assert shown(worker_client.get(URL, {"status": "nonsense", "body": "x", "worker": "999"}))
    assert shown(worker_client.get(URL, {"status": "nonsense"})) == [one]


def test_it_shows_the_days_since_the_last_status_change(worker_client, social_worker):
    referral(social_worker, days_ago=12)
    html = worker_client.get(URL).content.decode()
    assert "Ημέρες στην κατάσταση" in html
    assert '<td data-label="Ημέρες στην κατάσταση">12</td>' in html


def test_it_pages_by_25(worker_client, social_worker):
    for days in range(27):
        referral(social_worker, days_ago=days)
    first = worker_client.get(URL)
    assert len(shown(first)) == 25 and first.context["page"].paginator.num_pages == 2
    assert len(shown(worker_client.get(URL, {"page": 2}))) == 2


def test_the_list_logs_the_people_it_shows(worker_client, social_worker):
    one = referral(social_worker)
    worker_client.get(URL)
    row = AccessLog.objects.latest("pk")
    assert row.action == AccessLog.Action.VIEW_LIST and one.beneficiary_id in row.shown


def test_the_list_makes_the_same_queries_for_few_and_many(worker_client, social_worker):
    referral(social_worker, follow_up_in=-1)  # one row on each of the pages
    few = {params: query_count(worker_client, URL, dict(params)) for params in FILTERS}
    for days in range(30):
        referral(social_worker, days_ago=days, follow_up_in=-days)
    assert {params: query_count(worker_client, URL, dict(params)) for params in FILTERS} == few


FILTERS = [(), (("overdue", "on"),), (("status", "followed"),)]


def test_the_navbar_links_the_list(worker_client):
    assert f'href="{URL}"' in worker_client.get(reverse("requests:my_work")).content.decode()


def test_a_partner_account_is_refused_the_list(client, partner_user):
    client.force_login(partner_user)
    assert client.get(URL).status_code == 403
