"""factory-boy factories of the beneficiaries app; fictional Greek people from Faker el_GR, with
AMKA and ΑΦΜ numbers whose check digits are right."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory
from stdnum import luhn
from stdnum.gr import vat

from beneficiaries.choices import NoteKind, Relationship, Sex
from beneficiaries.models import (
    Beneficiary,
    CaseNote,
    Document,
    DocumentType,
    HouseholdMember,
    NeedCategory,
)
from tests.community_centre.factories import UserFactory


def _amka(date_of_birth: dt.date, serial: int) -> str:
    """An AMKA whose date part is the date of birth and whose Luhn digit is right (the same
    numbers as demo.identifiers, which a factory of this layer may not import)."""
    body = f"{date_of_birth:%d%m%y}{serial % 10_000:04d}"
    return body + luhn.calc_check_digit(body)


def _afm(serial: int) -> str:
    """A valid 9-digit ΑΦΜ from a serial of up to 8 digits."""
    body = f"{(serial % 99_999_999) + 1:08d}"
    return body + vat.calc_check_digit(body)


class BeneficiaryFactory(DjangoModelFactory):
    class Meta:
        model = Beneficiary

    surname = factory.Faker("last_name_male", locale="el_GR")
    given_name = factory.Faker("first_name_male", locale="el_GR")
    father_name = factory.Faker("first_name_male", locale="el_GR")
    sex = Sex.MALE
    date_of_birth = factory.Faker("date_of_birth", minimum_age=18, maximum_age=90)
    amka = factory.LazyAttributeSequence(lambda o, n: _amka(o.date_of_birth, n))
    afm = factory.Sequence(lambda n: _afm(10_000_000 + n))


class HouseholdMemberFactory(DjangoModelFactory):
    class Meta:
        model = HouseholdMember

    beneficiary = factory.SubFactory(BeneficiaryFactory)
    surname = factory.LazyAttribute(lambda o: o.beneficiary.surname)
    given_name = factory.Faker("first_name", locale="el_GR")
    relationship = Relationship.CHILD
    date_of_birth = dt.date(2015, 5, 5)


class DocumentTypeFactory(DjangoModelFactory):
    class Meta:
        model = DocumentType
        django_get_or_create = ["code"]

    code = "identity"
    name = "Ταυτότητα ή διαβατήριο"


class NeedCategoryFactory(DjangoModelFactory):
    class Meta:
        model = NeedCategory
        django_get_or_create = ["code"]

    code = "income"
    name = "Οικονομική ενίσχυση"


class CaseNoteFactory(DjangoModelFactory):
    class Meta:
        model = CaseNote

    beneficiary = factory.SubFactory(BeneficiaryFactory)
    occurred_on = dt.date(2026, 11, 2)
    kind = NoteKind.IN_PERSON
    text = "Προσήλθε για ενημέρωση."
    author = factory.SubFactory(UserFactory)


class DocumentFactory(DjangoModelFactory):
    class Meta:
        model = Document

    beneficiary = factory.SubFactory(BeneficiaryFactory)
    document_type = factory.SubFactory(DocumentTypeFactory)
    file = factory.django.FileField(filename="doc.pdf", data=b"%PDF-1.4\n%%EOF\n")
    original_name = "doc.pdf"
    content_type = "application/pdf"
    size = 15
    sha256 = "0" * 64
    uploaded_by = factory.SubFactory(UserFactory)
