"""factory-boy factories for the models tests need; fictional Greek people from Faker el_GR."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from beneficiaries.choices import NoteKind, Relationship, Sex
from beneficiaries.models import (
    Beneficiary,
    CaseNote,
    Document,
    DocumentType,
    HouseholdMember,
    NeedCategory,
)
from community_centre.models import User
from demo.identifiers import make_afm, make_amka


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="el_GR")
    last_name = factory.Faker("last_name", locale="el_GR")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "Demo-pass-2026!")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class BeneficiaryFactory(DjangoModelFactory):
    class Meta:
        model = Beneficiary

    surname = factory.Faker("last_name_male", locale="el_GR")
    given_name = factory.Faker("first_name_male", locale="el_GR")
    father_name = factory.Faker("first_name_male", locale="el_GR")
    sex = Sex.MALE
    date_of_birth = factory.Faker("date_of_birth", minimum_age=18, maximum_age=90)
    amka = factory.LazyAttributeSequence(lambda o, n: make_amka(o.date_of_birth, n))
    afm = factory.Sequence(lambda n: make_afm(10_000_000 + n))


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
