"""Query counts of the busy pages do not grow with the data."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.beneficiaries.factories import (
    BeneficiaryFactory,
    CaseNoteFactory,
    DocumentFactory,
    HouseholdMemberFactory,
)
from tests.helpers import query_count

pytestmark = pytest.mark.django_db


def _grow_case_file(beneficiary, author, n: int) -> None:
    for _ in range(n):
        HouseholdMemberFactory(beneficiary=beneficiary)
        CaseNoteFactory(beneficiary=beneficiary, author=author)
        DocumentFactory(beneficiary=beneficiary, uploaded_by=author)


def test_the_list_page_makes_the_same_queries_for_5_and_40_people(worker_client):
    BeneficiaryFactory.create_batch(5)
    few = query_count(worker_client, reverse("beneficiaries:list"))
    BeneficiaryFactory.create_batch(35)
    many = query_count(worker_client, reverse("beneficiaries:list"))
    assert many == few
    assert many <= 12


def test_the_search_pages_make_the_same_queries_for_few_and_many_matches(worker_client):
    BeneficiaryFactory(surname="Παπαδόπουλος", given_name="Γιώργος")
    searched = worker_client.post(reverse("beneficiaries:list"), {"q": "papadopoulos"})
    url = searched["Location"]
    quick = reverse("beneficiaries:quick_search")

    def counts():
        shown = query_count(worker_client, url)
        return (shown, query_count(worker_client, quick, {"q": "papadopoulos"}, method="post"))

    few = counts()
    BeneficiaryFactory.create_batch(20, surname="Παπαδόπουλος")
    many = counts()
    assert many == few
    assert max(many) <= 12


def test_the_case_file_page_makes_the_same_queries_however_full_the_file(
    worker_client, social_worker
):
    beneficiary = BeneficiaryFactory(assigned_worker=social_worker)
    url = reverse("beneficiaries:detail", args=[beneficiary.pk])
    _grow_case_file(beneficiary, social_worker, 1)
    few = query_count(worker_client, url)
    _grow_case_file(beneficiary, social_worker, 8)
    many = query_count(worker_client, url)
    assert many == few
    # 25, one for the referrals section (referrals.case_file), one for the benefit applications
    # (services.case_file; two more for the holidays when one of them has a renewal date), two
    # for the sessions section (services.session_case_file), one for the events section
    assert many <= 31  # one loads the second factor's device (django-otp, every page)
