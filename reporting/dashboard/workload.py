"""Workload per worker: for each active caseworker (a confirmed social worker or coordinator),
the active case files assigned to them, their open requests and information requests, their
overdue items and the sessions they held this month — in one query, one correlated count per
column, whatever the number of workers or records.

Whose an item is follows «Η εργασία μου» (requests.work): an information or document request is
the person's assigned worker's and its recorder's; a request its assigned worker's; a referral
its sender's; a renewal, a session the worker's on it. «Overdue» is each kind's own rule
(requests.due, Referral.objects.overdue_on, a renewal past its date).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import F, Func, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from beneficiaries.choices import CaseStatus
from beneficiaries.models import Beneficiary
from community_centre.calendar import WorkingCalendar
from community_centre.models import User
from referrals.models import Referral
from reporting.period import Period
from requests.models import AssistanceRequest, DocumentRequest, InformationRequest
from requests.work import owned_by
from services.checklist import renewals_due_until
from services.models import BenefitApplication, CounsellingSession

WORKER = OuterRef("pk")
COLUMNS = ("case_files", "open_requests", "open_information", "overdue", "sessions_held")


@dataclass(frozen=True)
class WorkerLoad:
    worker: User
    case_files: int
    open_requests: int
    open_information: int
    overdue: int
    sessions_held: int


def _count(queryset: QuerySet):
    """The number of rows of `queryset` (correlated with the worker), as a column: 0 if none."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def workload(
    *, user, today: date, calendar: WorkingCalendar, workers: QuerySet | None = None
) -> list[WorkerLoad]:
    """The rows of the table, the workers by surname (one query)."""
    month = Period(today.replace(day=1), today)
    information = InformationRequest.objects.visible_to(user)
    documents = DocumentRequest.objects.visible_to(user)
    requests = AssistanceRequest.objects.visible_to(user)
    renewals = BenefitApplication.objects.visible_to(user).renewals_due(
        renewals_due_until(today, calendar)
    )
    by_person_or_recorder = ("beneficiary__assigned_worker",)
    overdue = (
        _count(owned_by(information.overdue(on=today), WORKER, *by_person_or_recorder,
                        "recorded_by"))
        + _count(owned_by(documents.overdue(on=today), WORKER, *by_person_or_recorder,
                          "created_by"))
        + _count(requests.overdue(on=today).filter(assigned_worker=WORKER))
        + _count(Referral.objects.visible_to(user).overdue_on(today).filter(referred_by=WORKER))
        + _count(renewals.filter(renewal_on__lt=today, worker=WORKER))
    )  # fmt: skip
    rows = (workers if workers is not None else User.objects.caseworkers()).annotate(
        case_files=_count(
            Beneficiary.objects.visible_to(user).filter(
                status=CaseStatus.ACTIVE, assigned_worker=WORKER
            )
        ),
        open_requests=_count(requests.open().filter(assigned_worker=WORKER)),
        open_information=_count(
            owned_by(information.open(), WORKER, *by_person_or_recorder, "recorded_by")
        ),
        overdue=overdue,
        sessions_held=_count(
            CounsellingSession.objects.visible_to(user)
            .held_between(month.first, month.last)
            .filter(worker=WORKER)
        ),
    )
    return [
        WorkerLoad(worker, *(getattr(worker, column) for column in COLUMNS))
        for worker in rows.order_by("last_name", "first_name", "pk")
    ]
