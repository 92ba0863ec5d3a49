from io import StringIO

import pytest
from django.core.management import call_command

from beneficiaries.models import Beneficiary
from tests.beneficiaries.factories import BeneficiaryFactory

pytestmark = pytest.mark.django_db


def test_refresh_search_keys_mends_stale_keys_so_search_finds_the_person():
    person = BeneficiaryFactory(surname="Ζαχαρίου", given_name="Σοφία")
    # As a bulk insert that skips save() leaves them.
    Beneficiary.objects.filter(pk=person.pk).update(search_key="", search_terms="")
    assert not Beneficiary.objects.search("zaxariou").exists()

    out = StringIO()
    call_command("refresh_search_keys", stdout=out)

    assert "1" in out.getvalue()
    assert list(Beneficiary.objects.search("zaxariou")) == [person]


def test_refresh_search_keys_mends_stale_terms_so_a_typo_finds_the_person():
    person = BeneficiaryFactory(surname="Ζέρβα", given_name="Σοφία")
    Beneficiary.objects.filter(pk=person.pk).update(search_terms="")  # rules changed since
    assert not Beneficiary.objects.search("Ζέρβσ Σοφία").exists()

    call_command("refresh_search_keys", stdout=StringIO())

    assert list(Beneficiary.objects.search("Ζέρβσ Σοφία")) == [person]


def test_refresh_search_keys_changes_nothing_when_keys_are_current():
    BeneficiaryFactory.create_batch(3)
    out = StringIO()
    call_command("refresh_search_keys", stdout=out)
    assert "0" in out.getvalue()
