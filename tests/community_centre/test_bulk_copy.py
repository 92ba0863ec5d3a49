"""`community_centre.bulk_copy.copy_insert`: rows written by COPY are the rows bulk_create
would write — ids from the sequence, auto dates, JSON and nulls intact."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from beneficiaries.models import Beneficiary
from community_centre.bulk_copy import copy_insert

pytestmark = pytest.mark.django_db


def test_people_get_ids_from_the_sequence_and_read_back_as_written():
    people = [
        Beneficiary(surname="Ζαχαρίου", given_name="Ελένη", sex="female",
                    date_of_birth=dt.date(1930, 1, 1), amka=None),
        Beneficiary(surname="Κατσαρός", given_name="Νίκος", sex="male",
                    date_of_birth=dt.date(1985, 5, 15), amka="15058512318"),
    ]  # fmt: skip
    for person in people:
        person.fill_search_fields()
    copy_insert(people)
    later = Beneficiary.objects.create(
        surname="Βλάχου", given_name="Σοφία", sex="female", date_of_birth=dt.date(1970, 4, 3)
    )
    assert people[0].pk < people[1].pk < later.pk
    stored = Beneficiary.objects.get(pk=people[1].pk)
    assert (stored.surname, stored.amka, stored.date_of_birth) == (
        "Κατσαρός",
        "15058512318",
        dt.date(1985, 5, 15),
    )
    assert Beneficiary.objects.get(pk=people[0].pk).amka is None
    assert stored.created_at is not None and stored.search_fields_are_current()
    assert not people[0]._state.adding


def test_rows_without_ids_take_the_default_and_keep_their_json():
    kind = ContentType.objects.get_for_model(Beneficiary)
    entry = LogEntry(content_type=kind, object_pk="1", object_id=1, object_repr="copied entry",
                     action=LogEntry.Action.CREATE, changes={"surname": ["None", "Ζ"]},
                     changes_text="", additional_data={"beneficiary_id": 1})  # fmt: skip
    copy_insert([entry], with_ids=False)
    stored = LogEntry.objects.get(object_repr="copied entry")
    assert stored.changes == {"surname": ["None", "Ζ"]}
    assert stored.additional_data == {"beneficiary_id": 1}
    assert stored.timestamp is not None


def test_nothing_to_write_writes_nothing():
    copy_insert([])
    assert not Beneficiary.objects.exists()
