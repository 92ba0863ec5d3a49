"""seed_demo signs one past month off for the demo coordinator, once."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from demo.users import create_demo_users
from reporting.forms import last_ended_month
from reporting.models import SignedReport

pytestmark = pytest.mark.django_db


def test_seed_demo_signs_the_month_before_the_last_ended_one_once(db):
    call_command("load_reference_data", verbosity=0)
    create_demo_users()
    for _ in range(2):
        call_command("seed_demo", beneficiaries=20, requests=60, events=4, verbosity=0)
    row = SignedReport.objects.get()
    month = last_ended_month().previous_month()
    assert (row.period, row.signed_by.username, row.in_force) == (month, "syntonistria", True)
    assert json.loads(row.document)["signed_off"] is True
