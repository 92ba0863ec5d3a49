"""Factories of the referrals app: bodies, services, partner accounts and referrals. A sent
referral takes its protocol number from a high sequence, apart from the protocol book's."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from community_centre.models import Role
from community_centre.role_actions import role_grant_from_server
from referrals.models import PartnerBody, PartnerMembership, PartnerService, Referral
from tests.community_centre.factories import UserFactory
from tests.requests.factories import AssistanceRequestFactory

SENT = timezone.make_aware(dt.datetime(2026, 11, 3, 10, 0))


class PartnerBodyFactory(DjangoModelFactory):
    class Meta:
        model = PartnerBody

    code = factory.Sequence(lambda n: f"foreas-{n}")
    name = factory.Sequence(lambda n: f"Κοινωνικό Παντοπωλείο {n}")
    kind = "municipal"
    phones = "2237 0 21000"
    uses_system = True


class PartnerServiceFactory(DjangoModelFactory):
    class Meta:
        model = PartnerService

    body = factory.SubFactory(PartnerBodyFactory)
    name = factory.Sequence(lambda n: f"Διάθεση τροφίμων {n}")
    answer_working_days = 10


class ReferralFactory(DjangoModelFactory):
    """A draft referral of a request; `sent=True` (a trait) makes it sent with consent."""

    class Meta:
        model = Referral

    assistance_request = factory.SubFactory(AssistanceRequestFactory)
    beneficiary = factory.SelfAttribute("assistance_request.beneficiary")
    body = factory.SubFactory(PartnerBodyFactory)
    reason = "Χρειάζεται τρόφιμα για την οικογένεια."
    status_changed_at = SENT
    referred_by = factory.SelfAttribute("assistance_request.assigned_worker")

    class Params:
        sent = factory.Trait(
            status="sent",
            basis="consent",
            consent_on=dt.date(2026, 11, 3),
            consent_how="in_person",
            disclosed_fields=["name", "reason"],
            snapshot=factory.LazyAttribute(
                lambda r: {
                    "values": {"name": r.beneficiary.full_name, "reason": r.reason},
                    "documents": [],
                }  # fmt: skip
            ),
            protocol_year=2026,
            protocol_number=factory.Sequence(lambda n: 970_000 + n),
            sent_at=SENT,
            follow_up_working_days=10,
            follow_up_on=dt.date(2026, 11, 17),
        )


def partner_user(body: PartnerBody, username: str, **fields):
    """A partner body's account, its role in force, belonging to `body`."""
    user = UserFactory(username=username, **fields)
    role_grant_from_server(user=user, role=Role.PARTNER)
    PartnerMembership.objects.create(user=user, body=body)
    return user
