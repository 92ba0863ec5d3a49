"""`manage.py seed_demo` and `demo.people.seed_beneficiaries`: fictional demo people."""

from __future__ import annotations

import re
from io import StringIO

import phonenumbers
import pytest
from django.core.management import call_command

from beneficiaries.choices import Relationship, Sex
from beneficiaries.models import Beneficiary, CaseNote, Consent, HouseholdMember, Need
from beneficiaries.validators import amka_matches_birth_date, validate_afm, validate_amka
from community_centre.reference import load_reference_data
from demo.people import EPS_PREFIX, female_surname, seed_beneficiaries
from demo.users import create_demo_users

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference():
    load_reference_data()


@pytest.fixture
def demo_users(reference):
    return create_demo_users()


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def fingerprint() -> list[tuple]:
    people = Beneficiary.objects.order_by("pk").values_list(
        "surname", "given_name", "sex", "date_of_birth", "amka", "afm", "phone_mobile",
        "settlement__code", "eps_number", "assigned_worker__username",
    )  # fmt: skip
    members = HouseholdMember.objects.order_by("pk").values_list("surname", "given_name", "amka")
    notes = CaseNote.objects.order_by("pk").values_list("occurred_on", "kind", "text")
    return [*people, *members, *notes]


def test_it_creates_the_requested_number_of_people_with_related_rows(demo_users):
    output = seed("--beneficiaries", "120", "--batch-size", "50")
    assert Beneficiary.objects.count() == 120
    assert Consent.objects.count() == 120
    assert HouseholdMember.objects.exists()
    assert Need.objects.exists()
    assert re.search(r"100%.*\b120/120\b", output)


def test_identifiers_are_valid_unique_and_agree_with_the_date_of_birth(demo_users):
    seed_beneficiaries(count=300, seed=3)
    people = list(Beneficiary.objects.all())
    amkas = [p.amka for p in people]
    afms = [p.afm for p in people if p.afm]
    assert None not in amkas and len(set(amkas)) == len(amkas)
    assert len(set(afms)) == len(afms)
    assert 0.03 < 1 - len(afms) / len(people) < 0.2  # about a tenth have no ΑΦΜ
    for person in people:
        validate_amka(person.amka)
        assert amka_matches_birth_date(person.amka, person.date_of_birth)
        if person.afm:
            validate_afm(person.afm)
        if person.phone_mobile:
            number = phonenumbers.parse(person.phone_mobile)
            assert phonenumbers.is_valid_number(number)
            assert person.phone_mobile.startswith("+3069")
    for member in HouseholdMember.objects.exclude(amka=""):
        validate_amka(member.amka)


def test_the_same_seed_gives_the_same_people(demo_users):
    seed_beneficiaries(count=40, seed=5, batch_size=15)
    first = fingerprint()
    Beneficiary.objects.all().delete()
    seed_beneficiaries(count=40, seed=5, batch_size=15)
    assert fingerprint() == first
    Beneficiary.objects.all().delete()
    seed_beneficiaries(count=40, seed=6)
    assert fingerprint() != first


def test_names_agree_with_sex_and_family(demo_users):
    seed_beneficiaries(count=200, seed=2)
    for person in Beneficiary.objects.filter(sex=Sex.FEMALE):
        assert not person.surname.endswith("ς"), person.surname
    for person in Beneficiary.objects.filter(sex=Sex.MALE):
        assert person.surname.endswith(("ς", "ου")), person.surname
    for spouse in HouseholdMember.objects.filter(relationship=Relationship.SPOUSE):
        person = spouse.beneficiary
        family = spouse.surname if person.sex == Sex.FEMALE else person.surname
        assert {person.surname, spouse.surname} == {family, female_surname(family)}


def test_search_key_and_terms_are_filled_so_search_finds_them(demo_users):
    seed_beneficiaries(count=30, seed=4)
    person = Beneficiary.objects.order_by("pk").first()
    assert all(p.search_fields_are_current() for p in Beneficiary.objects.all())
    assert person in Beneficiary.objects.search(f"{person.surname} {person.given_name}")


def test_the_data_is_marked_fictional_and_assigned_to_the_demo_caseworkers(demo_users):
    seed_beneficiaries(count=100, seed=1)
    numbers = list(Beneficiary.objects.exclude(eps_number="").values_list("eps_number", flat=True))
    assert 50 < len(numbers) < 90  # about 70 %
    assert all(number.startswith(EPS_PREFIX) for number in numbers)
    workers = set(Beneficiary.objects.values_list("assigned_worker__username", flat=True))
    assert workers == {"koinoniki", "syntonistria"}
    assert not CaseNote.objects.exclude(author__username__in=workers).exists()


def test_settlements_follow_population_and_the_town_has_its_postal_code(demo_users):
    seed_beneficiaries(count=300, seed=8)
    in_town = Beneficiary.objects.filter(settlement__is_urban=True)
    assert in_town.count() > 300 * 0.4  # the town has 55 % of the municipality
    assert not in_town.exclude(postal_code="36100").exists()
    assert not Beneficiary.objects.filter(settlement__is_urban=False).exclude(postal_code="")


def test_if_empty_does_nothing_when_people_exist(demo_users):
    seed("--beneficiaries", "10", "--if-empty")
    before = fingerprint()
    output = seed("--beneficiaries", "10", "--if-empty")
    assert Beneficiary.objects.count() == 10
    assert fingerprint() == before
    assert "Υπάρχουν ήδη ωφελούμενοι" in output


def test_a_second_seed_without_if_empty_adds_people_with_unique_identifiers(demo_users):
    seed_beneficiaries(count=50, seed=1)
    seed_beneficiaries(count=50, seed=1)
    assert Beneficiary.objects.count() == 100
    assert Beneficiary.objects.values("amka").distinct().count() == 100


def test_without_users_people_get_no_worker_and_no_records(reference):
    seed_beneficiaries(count=20, seed=1)
    assert Beneficiary.objects.filter(assigned_worker__isnull=True).count() == 20
    assert not CaseNote.objects.exists()
    assert not Consent.objects.exists()


def test_seed_beneficiaries_reports_progress_after_each_batch(demo_users):
    calls: list[int] = []
    created = seed_beneficiaries(count=25, seed=1, batch_size=10, progress=calls.append)
    assert created == 25
    assert calls == [10, 20, 25]


@pytest.mark.parametrize(
    ("male", "female"),
    [
        ("Παπαδόπουλος", "Παπαδοπούλου"),
        ("Αγγελάκος", "Αγγελάκου"),
        ("Γκανάτσιος", "Γκανάτσιου"),
        ("Αβαγιανός", "Αβαγιανού"),
        ("Αβραμίδης", "Αβραμίδου"),
        ("Βολικάκης", "Βολικάκη"),
        ("Καρανικόλας", "Καρανικόλα"),
        ("Πανταζής", "Πανταζή"),
        ("Αναστασίου", "Αναστασίου"),
    ],
)
def test_female_surname_is_the_genitive_of_the_family_name(male, female):
    assert female_surname(male) == female
