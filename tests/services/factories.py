"""Factories of the services app: the ΕΕΕ amounts of programmes.md, in force from 01/12/2023."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from factory.django import DjangoModelFactory

from services.models import EeeRate


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
