"""Factories of the services app: the ΕΕΕ amounts of programmes.md, in force from 01/12/2023;
programmes (an ΕΕΕ with a short checklist), bare application rows, sessions and events."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from beneficiaries.models import DocumentType
from community_centre.calendar import is_working_day
from services.models import (
    BenefitApplication,
    CounsellingSession,
    EeeRate,
    Event,
    EventAttendance,
    Programme,
    ProgrammeDocument,
    SessionKind,
)
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.community_centre.factories import UserFactory


class EeeRateFactory(DjangoModelFactory):
    class Meta:
        model = EeeRate

    valid_from = dt.date(2023, 12, 1)
    valid_to = None
    first_adult = Decimal("216.00")
    additional_adult = Decimal("108.00")
    minor = Decimal("54.00")
    real_estate_first = Decimal("90000.00")
    real_estate_per_member = Decimal("15000.00")
    real_estate_max = Decimal("150000.00")
    vehicles_max = Decimal("6000.00")
    deposit_cap = None
    deposit_cap_confirmed = False


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"programma-{n}")
    name = factory.Sequence(lambda n: f"Επίδομα {n}")
    deciding_body = "ΟΠΕΚΑ"
    submitted_via = "Πλατφόρμα ΟΠΕΚΑ"
    centre_files = True
    renewal_months = None


def document_type(code: str, name: str = "", has_expiry: bool = False) -> DocumentType:
    return DocumentType.objects.get_or_create(
        code=code, defaults={"name": name or code, "has_expiry": has_expiry}
    )[0]


def eee_programme() -> Programme:
    """ΕΕΕ with a short checklist: identity per adult, tax assessment per member, IBAN of the
    applicant, school certificate where relevant per member."""
    programme = ProgrammeFactory(code=Programme.EEE, name="ΕΕΕ (πρώην ΚΕΑ)", renewal_months=6,
                                 submitted_via="Πλατφόρμα ΕΕΕ")  # fmt: skip
    if not programme.checklist.exists():
        lines = [
            ("identity", "required", "adult_member", ""),
            ("tax-assessment", "required", "every_member", ""),
            ("iban", "required", "applicant", ""),
            ("school-certificate", "where_relevant", "every_member", "Για τα παιδιά που φοιτούν"),
        ]
        names = {"identity": "Αστυνομική ταυτότητα ή διαβατήριο",
                 "tax-assessment": "Εκκαθαριστικό σημείωμα φόρου εισοδήματος",
                 "iban": "Βεβαίωση IBAN τραπεζικού λογαριασμού",
                 "school-certificate": "Βεβαίωση φοίτησης"}  # fmt: skip
        for position, (code, requirement, scope, note) in enumerate(lines):
            ProgrammeDocument.objects.create(
                programme=programme,
                document_type=document_type(code, names[code], has_expiry=code == "identity"),
                requirement=requirement, scope=scope, note=note, position=position,
            )  # fmt: skip
    return programme


class ApplicationFactory(DjangoModelFactory):
    """A bare application row (no checklist): use services.actions for a real one."""

    class Meta:
        model = BenefitApplication

    beneficiary = factory.SubFactory(BeneficiaryFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    worker = factory.SubFactory(UserFactory)
    status_changed_at = factory.LazyFunction(timezone.now)
    prepared_from = dt.date(2026, 1, 5)


class CounsellingSessionFactory(DjangoModelFactory):
    """A planned session next Monday at 10:00, 45 minutes, by its own worker."""

    class Meta:
        model = CounsellingSession

    beneficiary = factory.SubFactory(BeneficiaryFactory)
    worker = factory.SubFactory(UserFactory)
    kind = SessionKind.PSYCHOSOCIAL_ADULT
    date = factory.LazyFunction(lambda: next_working_day(dt.date.today() + dt.timedelta(days=7)))
    start_time = dt.time(10, 0)
    duration_minutes = 45
    created_by = factory.SelfAttribute("worker")


def next_working_day(day: dt.date) -> dt.date:
    """`day`, or the first working day after it."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


class EventFactory(DjangoModelFactory):
    """A planned information day at the Centre, organised by a new worker, one week ahead."""

    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Ενημέρωση για το ΕΕΕ {n}")
    kind = "information_day"
    held_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=7))
    starts_at = dt.time(10, 0)
    ends_at = dt.time(12, 0)
    place = "Αίθουσα του Κέντρου Κοινότητας"
    organiser = factory.SubFactory(UserFactory)


class EventAttendanceFactory(DjangoModelFactory):
    class Meta:
        model = EventAttendance

    event = factory.SubFactory(EventFactory)
    beneficiary = factory.SubFactory(BeneficiaryFactory)
    added_by = factory.SelfAttribute("event.organiser")
