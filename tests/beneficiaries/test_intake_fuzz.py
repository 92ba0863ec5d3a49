"""No input to the intake form causes a server error, and invalid input saves nothing."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beneficiaries.models import Beneficiary, Consent, HouseholdMember

FIELDS = [
    "surname", "given_name", "father_name", "mother_name", "sex", "date_of_birth", "amka",
    "amka_active", "amka_mismatch_reason", "paaypa", "afm", "personal_number",
    "id_document_type", "id_document_number", "citizenship", "foreign_background", "minority",
    "address", "settlement", "postal_code", "phone_mobile", "phone_other", "email", "education",
    "labour_status", "disability", "disability_percentage", "disability_certified", "housing",
    "eee_beneficiary", "eps_number", "assigned_worker", "informed", "consents_to_processing",
    "consents_to_sharing", "not_a_duplicate",
]  # fmt: skip

# Text that stresses parsers: any unicode, digits, dates, numbers, SQL-ish and HTML-ish text.
values = st.one_of(
    st.text(max_size=40),
    st.from_regex(r"\d{1,14}", fullmatch=True),
    st.from_regex(r"\d{1,2}/\d{1,2}/\d{1,5}", fullmatch=True),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.sampled_from(
        ["' OR 1=1 --", "<script>x</script>", "\x00", "on", "female", "yes", "9" * 300]
    ),
)


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.dictionaries(st.sampled_from(FIELDS), values, max_size=len(FIELDS)))
def test_any_intake_input_answers_without_a_server_error(worker_client, data):
    before = (Beneficiary.objects.count(), HouseholdMember.objects.count(), Consent.objects.count())
    payload = {
        **data,
        "submission_token": str(uuid.uuid4()),
        "household-TOTAL_FORMS": "0",
        "household-INITIAL_FORMS": "0",
    }
    response = worker_client.post(reverse("beneficiaries:create"), payload)
    assert response.status_code in {200, 302}
    after = (Beneficiary.objects.count(), HouseholdMember.objects.count(), Consent.objects.count())
    if response.status_code == 200:
        assert after == before  # re-shown with errors: nothing saved half-way
    else:
        assert after[0] == before[0] + 1 and after[2] == before[2] + 1


@pytest.mark.django_db
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(token=st.text(max_size=50), total=st.text(max_size=6))
def test_broken_management_data_answers_without_a_server_error(worker_client, token, total):
    payload = {"submission_token": token, "household-TOTAL_FORMS": total, "surname": "Α"}
    response = worker_client.post(reverse("beneficiaries:create"), payload)
    assert response.status_code == 200
    assert not Beneficiary.objects.exists()
