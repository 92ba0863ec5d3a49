"""The version mechanism of the base app: exact round trip, and the row lock of check and save."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django import forms
from django.db import connection, transaction

from beneficiaries.models import Beneficiary
from community_centre.versions import (
    StaleVersion,
    VersionedForm,
    format_version,
    lock_unchanged,
    parse_version,
)
from tests.beneficiaries.factories import BeneficiaryFactory

EXACT = dt.datetime(2026, 11, 2, 9, 30, 0, 1, dt.UTC)


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("2026-11-02T09:30:00.000001+00:00", EXACT),
        ("2026-11-02T11:30:00.000001+02:00", EXACT),  # the same moment, in Athens time
        ("", None),
        ("garbage", None),
        ("2026-11-02 09:30", None),  # naive: no time zone, so no exact moment
        ("02/11/2026 09:30", None),  # what a DateTimeField would have rendered
        ("0001-01-01T00:00:00+14:00", None),  # before year 1 once in UTC
        ("9999-12-31T23:59:59-14:00", None),  # after year 9999 once in UTC
        ("2026-13-45T99:99:99+00:00", None),
        ("\x00", None),
        (None, None),
    ],
)
def test_a_version_is_parsed_exactly_or_not_at_all(text, parsed):
    assert parse_version(text) == parsed


def test_a_version_keeps_its_microseconds_even_when_they_are_zero():
    assert format_version(EXACT.replace(microsecond=0)) == "2026-11-02T09:30:00.000000+00:00"
    assert parse_version(format_version(EXACT)) == EXACT


class _Form(VersionedForm, forms.Form):
    """A plain form editing `record`, as RequestMoveForm does."""

    def __init__(self, *args, record, **kwargs) -> None:
        self.record = record
        super().__init__(*args, **kwargs)

    def versioned_record(self):
        return self.record


class _Record:
    pk = 1
    updated_at = EXACT


class _NewRecord:
    pk = None
    updated_at = None


def test_the_hidden_field_renders_the_exact_version_and_cleans_back_to_it():
    html = str(_Form(record=_Record())["version"])
    expected = '<input type="hidden" name="version" value="2026-11-02T09:30:00.000001+00:00"'
    assert html == f'{expected} id="id_version">'
    form = _Form({"version": "2026-11-02T09:30:00.000001+00:00"}, record=_Record())
    assert form.is_valid() and form.expected_version == EXACT


@pytest.mark.parametrize("value", ["", "garbage", "2026-11-02 09:30", "9" * 5000])
def test_a_bad_version_is_no_form_error_but_no_version(value):
    form = _Form({"version": value}, record=_Record())
    assert form.is_valid() and form.expected_version is None


def test_a_form_that_creates_has_no_version():
    assert "version" not in _Form(record=_NewRecord()).fields


def test_carrying_a_version_keeps_what_was_typed():
    form = _Form({"version": "garbage", "other": "typed"}, record=_Record())
    form.carry_version(EXACT)
    assert form.data == {"version": format_version(EXACT), "other": "typed"}
    assert f'value="{format_version(EXACT)}"' in str(form["version"])


@pytest.mark.django_db
def test_lock_unchanged_returns_the_row_or_refuses_with_it():
    person = BeneficiaryFactory()
    with transaction.atomic():
        assert lock_unchanged(Beneficiary, person.pk, person.updated_at) == person
    for expected in (None, person.updated_at - dt.timedelta(microseconds=1)):
        with pytest.raises(StaleVersion) as refused, transaction.atomic():
            lock_unchanged(Beneficiary.objects.all(), person.pk, expected)
        assert refused.value.current == person and refused.value.version == person.updated_at
    assert refused.value.since == expected
    later = person.updated_at + dt.timedelta(days=1)
    with pytest.raises(StaleVersion) as refused, transaction.atomic():
        lock_unchanged(Beneficiary, person.pk, later)
    assert refused.value.since is None  # a version from the future was never real


@pytest.mark.django_db(transaction=True)
def test_a_second_save_from_the_same_version_waits_for_the_first_and_is_refused():
    """Check and save hold the row lock: the second check runs only after the first commit."""
    person = BeneficiaryFactory(father_name="Ιωάννης")
    opened = person.updated_at
    checked, release = threading.Event(), threading.Event()

    def first_save() -> None:
        try:
            with transaction.atomic():
                mine = lock_unchanged(Beneficiary, person.pk, opened)
                checked.set()
                release.wait(10)
                mine.father_name = "Δημήτριος"
                mine.save()
        finally:
            connection.close()

    thread = threading.Thread(target=first_save)
    thread.start()
    assert checked.wait(10)
    threading.Timer(0.5, release.set).start()
    with pytest.raises(StaleVersion) as second, transaction.atomic():
        lock_unchanged(Beneficiary, person.pk, opened)
    thread.join(10)
    assert second.value.current.father_name == "Δημήτριος"  # it saw the first save, committed
    assert second.value.since == opened
