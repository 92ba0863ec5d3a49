"""`X-Forwarded-For` is believed only from a configured proxy, everywhere an address is kept."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.test import RequestFactory
from django.urls import reverse

from beneficiaries.models import Beneficiary
from community_centre.client_ip import client_ip, trusted_proxies
from community_centre.models import AccessLog
from tests.beneficiaries.factories import BeneficiaryFactory


@pytest.fixture
def proxies(settings):
    def configure(*networks: str) -> None:
        settings.TRUSTED_PROXIES = list(networks)
        trusted_proxies.cache_clear()

    yield configure
    trusted_proxies.cache_clear()


def ip(remote: str, forwarded: str | None = None) -> str | None:
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote, **extra))


def test_without_trusted_proxies_the_header_is_ignored(proxies):
    proxies()
    assert ip("10.0.0.5", "6.6.6.6") == "10.0.0.5"


def test_from_a_trusted_proxy_the_last_untrusted_hop_is_the_client(proxies):
    proxies("127.0.0.1", "10.1.0.0/16")
    assert ip("127.0.0.1", "192.0.2.7") == "192.0.2.7"
    # The client wrote a fake first hop; the proxies appended the real one.
    assert ip("127.0.0.1", "6.6.6.6, 192.0.2.7, 10.1.2.3") == "192.0.2.7"
    assert ip("127.0.0.1", "[2001:db8::1]:443") == "2001:db8::1"
    assert ip("127.0.0.1", "192.0.2.7:51234") == "192.0.2.7"


def test_a_malformed_header_stops_the_walk(proxies):
    proxies("127.0.0.1")
    assert ip("127.0.0.1", "not-an-ip") == "127.0.0.1"
    assert ip("127.0.0.1", "") == "127.0.0.1"


def test_a_request_from_elsewhere_keeps_its_own_address(proxies):
    proxies("127.0.0.1")
    assert ip("203.0.113.9", "6.6.6.6") == "203.0.113.9"


@pytest.mark.django_db
def test_a_forged_header_reaches_neither_the_access_log_nor_the_audit_trail(worker_client, proxies):
    proxies()
    person = BeneficiaryFactory()
    worker_client.get(
        reverse("beneficiaries:detail", args=[person.pk]), HTTP_X_FORWARDED_FOR="6.6.6.6"
    )
    assert AccessLog.objects.get(beneficiary_id=person.pk).ip_address == "127.0.0.1"
    worker_client.post(
        reverse("beneficiaries:note_create", args=[person.pk]),
        {"occurred_on": "02/11/2026", "kind": "phone", "text": "Τηλεφώνησε."},
        HTTP_X_FORWARDED_FOR="6.6.6.6",
    )
    entry = LogEntry.objects.filter(additional_data__beneficiary_id=person.pk).latest("timestamp")
    assert entry.remote_addr == "127.0.0.1"
    assert Beneficiary.objects.count() == 1
