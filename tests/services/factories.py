"""Factories of the services app: the ΕΕΕ amounts of programmes.md, in force from 01/12/2023,
and individual sessions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from community_centre.calendar import is_working_day
from services.models import CounsellingSession, EeeRate, SessionKind
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.community_centre.factories import UserFactory


class EeeRateFactory(DjangoModelFactory):
    class Meta:
        model = EeeRate

    valid_from = dt.date(2023, 12, 1)
    valid_to = None
    first_adult = Decimal("216.00")
    additional_adult = Decimal("108.00")
    minor = Decimal("54.00")
    real_estate_first = Decimal("90000.00")
    real_estate_per_member = Decimal("15000.00")
    real_estate_max = Decimal("150000.00")
    vehicles_max = Decimal("6000.00")
    deposit_cap = None
    deposit_cap_confirmed = False


class CounsellingSessionFactory(DjangoModelFactory):
    """A planned session next Monday at 10:00, 45 minutes, by its own worker."""

    class Meta:
        model = CounsellingSession

    beneficiary = factory.SubFactory(BeneficiaryFactory)
    worker = factory.SubFactory(UserFactory)
    kind = SessionKind.PSYCHOSOCIAL_ADULT
    date = factory.LazyFunction(lambda: next_working_day(dt.date.today() + dt.timedelta(days=7)))
    start_time = dt.time(10, 0)
    duration_minutes = 45
    created_by = factory.SelfAttribute("worker")


def next_working_day(day: dt.date) -> dt.date:
    """`day`, or the first working day after it."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day
