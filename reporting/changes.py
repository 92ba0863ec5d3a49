"""What changed since a month was signed off: the records of the period that the audit trail
shows changed after the signature, and (by counting again) which figures differ now.

A record bears on the period when the report counts it there: a request received in it, a case
note, session, appointment, need, event dated in it, an attendance of such an event, a referral
sent or an application submitted in it (and their status changes), a person served in it. The
count is one SQL statement over django-auditlog's LogEntry, never a loop over rows: each kind of
record is a subquery of the ids that bear on the period. A record changed several times counts
once; one created after the signature but dated in the period counts too. A deleted record is
read from its deletion's old values (attendances, the one kind the screens delete).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q, QuerySet
from django.db.models.fields.json import KT
from django.db.models.functions import Cast

from beneficiaries.models import Beneficiary, CaseNote, Need
from referrals.models import Referral, ReferralStatusChange
from reporting.figures.participants import participant_ids
from reporting.period import Period
from reporting.tables import Report, display
from requests.models import (
    Appointment,
    AssistanceRequest,
    InformationRequest,
    RequestStatusChange,
)
from services.models import (
    ApplicationStatusChange,
    BenefitApplication,
    CounsellingSession,
    Event,
    EventAttendance,
)


def _bearing_on(period: Period) -> list[tuple[type, QuerySet]]:
    """(model, a subquery of the ids of its records that the period's report counts)."""
    start, end = period.bounds()
    days = (period.first, period.last)
    requests = AssistanceRequest.objects.filter(received_at__gte=start, received_at__lt=end)
    information = InformationRequest.objects.filter(received_at__gte=start, received_at__lt=end)
    referrals = Referral.objects.filter(sent_at__gte=start, sent_at__lt=end)
    applications = BenefitApplication.objects.filter(submitted_on__range=days)
    events = Event.objects.filter(held_on__range=days)
    records = [
        RequestStatusChange.objects.filter(request__in=requests),
        CaseNote.objects.filter(occurred_on__range=days),
        Appointment.objects.filter(starts_at__gte=start, starts_at__lt=end),
        CounsellingSession.objects.filter(date__range=days),
        EventAttendance.objects.filter(event__in=events),
        ReferralStatusChange.objects.filter(referral__in=referrals),
        ApplicationStatusChange.objects.filter(application__in=applications),
        Need.objects.filter(identified_on__range=days),
        requests, information, events, referrals, applications,
    ]  # fmt: skip
    return [
        (Beneficiary, participant_ids(period)),
        *((queryset.model, queryset.values("pk")) for queryset in records),
    ]


def changed_records(period: Period, since: datetime) -> int:
    """How many records that bear on `period` were created, changed or deleted after `since`."""
    bearing = _bearing_on(period)
    types = ContentType.objects.get_for_models(*(model for model, _ids in bearing))
    condition = Q(pk__in=[])
    for model, ids in bearing:
        condition |= Q(content_type=types[model], object_id__in=ids)
    condition |= Q(pk__in=_removed_attendances(period, types[EventAttendance]))
    entries = LogEntry.objects.filter(condition, timestamp__gt=since)
    return entries.values("content_type", "object_id").distinct().count()


def _removed_attendances(period: Period, content_type: ContentType) -> QuerySet:
    """The deletions of attendances at the period's events (the one kind of counted record the
    screens delete): the row is gone, so its event is read from the deletion's old values."""
    events = Event.objects.filter(held_on__range=(period.first, period.last))
    return (
        LogEntry.objects.filter(content_type=content_type, action=LogEntry.Action.DELETE)
        .annotate(event=KT("changes__event__0"))
        .filter(event__in=events.annotate(text=Cast("pk", CharField())).values("text"))
        .values("pk")
    )


@dataclass(frozen=True)
class Difference:
    """One figure that reads differently now than when the month was signed off."""

    table: str
    row: str
    column: str
    signed: str
    now: str


def differing_figures(signed: Report, now: Report) -> list[Difference]:
    """The figures of `signed` whose count differs in `now` (same period, counted again)."""
    differences = []
    for key, table in signed.tables.items():
        fresh = now.tables.get(key)
        rows = dict(table.rows)
        columns = dict(table.columns or ())
        for row, column, value in table.cells():
            current = _cell(fresh, row, column)
            if current != value:
                differences.append(
                    Difference(
                        table.title,
                        rows[row],
                        columns.get(column, ""),
                        display(value),
                        "—" if current is _MISSING else display(current),
                    )
                )
    return differences


_MISSING = object()


def _cell(table, row: str, column: str | None):
    try:
        return table.get(row, column) if table is not None else _MISSING
    except (KeyError, TypeError):
        return _MISSING
