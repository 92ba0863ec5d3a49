"""Factories of the services app: the ΕΕΕ amounts of programmes.md, in force from 01/12/2023."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from services.models import EeeRate, Event, EventAttendance
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


class EventFactory(DjangoModelFactory):
    """A planned information day at the Centre, organised by a new worker, one week ahead."""

    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Ενημέρωση για το ΕΕΕ {n}")
    kind = "information_day"
    held_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=7))
    starts_at = dt.time(10, 0)
    ends_at = dt.time(12, 0)
    place = "Αίθουσα του Κέντρου Κοινότητας"
    organiser = factory.SubFactory(UserFactory)


class EventAttendanceFactory(DjangoModelFactory):
    class Meta:
        model = EventAttendance

    event = factory.SubFactory(EventFactory)
    beneficiary = factory.SubFactory(BeneficiaryFactory)
    added_by = factory.SelfAttribute("event.organiser")
