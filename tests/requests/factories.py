"""Factories of the requests app. Protocol numbers come from a high sequence so that they never
meet the numbers that actions take from the protocol book in the same test."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from requests.models import (
    Appointment,
    AssistanceRequest,
    DocumentRequest,
    DocumentRequestItem,
    InformationRequest,
    RequestCategory,
)
from tests.beneficiaries.factories import BeneficiaryFactory, DocumentTypeFactory
from tests.community_centre.factories import UserFactory

RECEIVED = timezone.make_aware(dt.datetime(2026, 11, 2, 9, 30))


class RequestCategoryFactory(DjangoModelFactory):
    class Meta:
        model = RequestCategory
        django_get_or_create = ["code"]

    code = "housing"
    name = "Στέγαση"
    due_working_days = 20


class AssistanceRequestFactory(DjangoModelFactory):
    class Meta:
        model = AssistanceRequest

    beneficiary = factory.SubFactory(BeneficiaryFactory)
    protocol_year = 2026
    protocol_number = factory.Sequence(lambda n: 900_000 + n)
    received_at = RECEIVED
    channel = "in_person"
    category = factory.SubFactory(RequestCategoryFactory)
    description = "Αίτημα για επίδομα στέγασης."
    assigned_worker = factory.SubFactory(UserFactory)
    created_by = factory.SelfAttribute("assigned_worker")
    last_action_at = RECEIVED
    due_working_days = 20
    due_date = dt.date(2026, 11, 30)


class InformationRequestFactory(DjangoModelFactory):
    class Meta:
        model = InformationRequest

    beneficiary = factory.SubFactory(BeneficiaryFactory)
    protocol_year = 2026
    protocol_number = factory.Sequence(lambda n: 950_000 + n)
    received_at = RECEIVED
    channel = "in_person"
    recorded_by = factory.SubFactory(UserFactory)
    due_working_days = 10
    due_date = dt.date(2026, 11, 16)


class DocumentRequestFactory(DjangoModelFactory):
    class Meta:
        model = DocumentRequest

    beneficiary = factory.SubFactory(BeneficiaryFactory)
    requested_on = dt.date(2026, 11, 2)
    created_by = factory.SubFactory(UserFactory)
    due_working_days = 10
    due_date = dt.date(2026, 11, 16)


class DocumentRequestItemFactory(DjangoModelFactory):
    class Meta:
        model = DocumentRequestItem

    document_request = factory.SubFactory(DocumentRequestFactory)
    document_type = factory.SubFactory(DocumentTypeFactory)


class AppointmentFactory(DjangoModelFactory):
    class Meta:
        model = Appointment

    beneficiary = factory.SubFactory(BeneficiaryFactory)
    worker = factory.SubFactory(UserFactory)
    starts_at = timezone.make_aware(dt.datetime(2026, 11, 30, 10, 0))
    ends_at = timezone.make_aware(dt.datetime(2026, 11, 30, 10, 30))
    purpose = "Συμπλήρωση αίτησης ΕΕΕ"
    created_by = factory.SelfAttribute("worker")
