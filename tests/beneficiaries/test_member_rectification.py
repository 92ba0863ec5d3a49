"""Rectifying a household member (art. 16, the member being a data subject of their own): the
member's form with a reason, only what changed saved and recorded, and a task for each body
that was given the household in a referral (art. 19)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from beneficiaries.models import HouseholdMember, Rectification
from beneficiaries.rectification import RectificationError, member_rectify
from community_centre.models import AccessLog
from referrals.models import RectificationTask
from tests.beneficiaries.factories import BeneficiaryFactory, HouseholdMemberFactory
from tests.referrals.test_rectification_tasks import sent

pytestmark = pytest.mark.django_db

REASON = "Λάθος στο όνομα του παιδιού· προσκόμισε πιστοποιητικό γέννησης."


@pytest.fixture
def member(social_worker):
    person = BeneficiaryFactory(surname="Λαμπράκη", given_name="Δέσποινα",
                                assigned_worker=social_worker)  # fmt: skip
    return HouseholdMemberFactory(beneficiary=person, surname="Λαμπράκη", given_name="Ελευθέρια",
                                  date_of_birth=dt.date(2016, 3, 9))  # fmt: skip


def _rectify(member, actor, **changes):
    member.refresh_from_db()
    return member_rectify(
        member=member, changes=changes, reason=REASON, requested_on=dt.date(2026, 12, 1),
        requested_how="in_person", expected_version=member.updated_at, actor=actor,
    )  # fmt: skip


def _url(member) -> str:
    return reverse("beneficiaries:member_rectify", args=[member.beneficiary_id, member.pk])


def test_only_what_changed_is_saved_and_recorded_with_the_member(member, social_worker):
    rectification = _rectify(member, social_worker, given_name="Ελευθερία", surname="Λαμπράκη")
    member.refresh_from_db()
    assert member.given_name == "Ελευθερία"
    assert rectification.member == member and rectification.beneficiary == member.beneficiary
    assert rectification.changes == {"given_name": ["Ελευθέρια", "Ελευθερία"]}


def test_nothing_changed_records_nothing(member, social_worker):
    with pytest.raises(RectificationError):
        _rectify(member, social_worker, given_name="Ελευθέρια")
    assert not Rectification.objects.exists()


def test_a_body_given_the_household_gets_a_task_with_the_old_and_new_line(member, social_worker):
    person = member.beneficiary
    with_household = sent(person, social_worker, "name", "household")
    sent(person, social_worker, "name", "phone")  # the household was not disclosed: no task
    _rectify(member, social_worker, given_name="Ελευθερία")
    task = RectificationTask.objects.get()
    assert task.referral == with_household
    (item,) = task.items
    assert item["field"] == "household"
    assert item["old"] == ["Λαμπράκη Ελευθέρια (Τέκνο, 09/03/2016)"]
    assert item["new"] == ["Λαμπράκη Ελευθερία (Τέκνο, 09/03/2016)"]


def test_an_amka_the_household_line_does_not_show_gives_no_task(member, social_worker):
    sent(member.beneficiary, social_worker, "household")
    _rectify(member, social_worker, amka="09031612345")
    assert not RectificationTask.objects.exists()
    assert Rectification.objects.get().changes == {"amka": ["", "09031612345"]}


def test_the_page_saves_it_and_the_file_and_history_show_it(
    worker_client, member, coordinator, client
):
    page = worker_client.get(_url(member))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Διόρθωση στοιχείων μέλους νοικοκυριού" in html and 'name="reason"' in html
    form = page.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data |= {"given_name": "Ελευθερία", "reason": REASON, "requested_on": "01/12/2026",
             "date_of_birth": "09/03/2016"}  # fmt: skip
    response = worker_client.post(_url(member), data)
    assert response.status_code == 302
    assert HouseholdMember.objects.get(pk=member.pk).given_name == "Ελευθερία"
    assert AccessLog.objects.filter(beneficiary_id=member.beneficiary_id).exists()
    person_url = reverse("beneficiaries:detail", args=[member.beneficiary_id])
    assert _url(member) in worker_client.get(person_url).content.decode()
    rectify_page = worker_client.get(reverse("beneficiaries:rectify", args=[member.beneficiary_id]))
    assert "μέλος νοικοκυριού Λαμπράκη Ελευθερία" in rectify_page.content.decode()
    client.force_login(coordinator)
    history = client.get(reverse("beneficiaries:history", args=[member.beneficiary_id]))
    text = history.content.decode()
    assert "μέλος νοικοκυριού Λαμπράκη Ελευθερία" in text and "Ελευθέρια" in text


def test_the_reason_is_required_and_what_was_typed_is_kept(worker_client, member):
    form = worker_client.get(_url(member)).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data |= {"given_name": "Ελευθερία", "reason": "", "requested_on": "01/12/2026",
             "date_of_birth": "09/03/2016"}  # fmt: skip
    response = worker_client.post(_url(member), data)
    assert response.status_code == 200
    assert "Γράψτε την αιτιολογία της διόρθωσης." in response.content.decode()
    assert response.context["form"]["given_name"].value() == "Ελευθερία"
    assert HouseholdMember.objects.get(pk=member.pk).given_name == "Ελευθέρια"


def test_another_files_member_is_not_found(worker_client, member):
    other = BeneficiaryFactory()
    url = reverse("beneficiaries:member_rectify", args=[other.pk, member.pk])
    assert worker_client.get(url).status_code == 404


def test_a_page_opened_before_another_save_is_refused_and_saves_nothing(
    worker_client, member, social_worker
):
    form = worker_client.get(_url(member)).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    _rectify(member, social_worker, date_of_birth=dt.date(2016, 3, 10))  # someone else, meanwhile
    data |= {"given_name": "Ελευθερία", "reason": REASON, "requested_on": "01/12/2026",
             "date_of_birth": "09/03/2016"}  # fmt: skip
    response = worker_client.post(_url(member), data)
    assert response.status_code == 200
    assert "Η εγγραφή άλλαξε από άλλο χρήστη" in response.content.decode()
    assert HouseholdMember.objects.get(pk=member.pk).given_name == "Ελευθέρια"
    assert Rectification.objects.count() == 1


def test_retention_leaves_neither_the_old_nor_the_new_name_of_a_rectified_member(social_worker):
    from beneficiaries.retention.run import apply_retention
    from tests.beneficiaries.retention_data import rich_case_file, rows_containing
    from tests.beneficiaries.test_retention import LATER

    closed = rich_case_file(social_worker)
    member = closed["person"].household.get()
    old_name = member.given_name
    _rectify(member, social_worker, given_name="Φιλαρέτη")
    assert rows_containing("Φιλαρέτη") and rows_containing(old_name)

    apply_retention(dry_run=False, command_line="test", today=LATER)

    assert rows_containing("Φιλαρέτη") == {} and rows_containing(old_name) == {}
