"""The lists of «My work»: what is overdue, due soon or idle, and today's appointments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Q, QuerySet
from django.utils import timezone

from community_centre.calendar import WorkingCalendar
from requests.due import due_soon_until
from requests.models import Appointment, AssistanceRequest, DocumentRequest, InformationRequest

IDLE_WORKING_DAYS = 20
LIST_LIMIT = 50
# The one permission behind "sees everyone's work": «My work» and the agenda of any worker.
VIEW_ALL_WORK = "requests.view_all_work"


def sees_everyones_work(user) -> bool:
    """Whether `user` may see the lists and agenda of every worker (the coordinator)."""
    return user.has_perm(VIEW_ALL_WORK)


@dataclass
class WorkLists:
    """Everything «My work» shows, each list already limited and with its related rows."""

    today: date
    due_soon_until: date
    information_overdue: list
    information_due_soon: list
    documents_overdue: list
    documents_due_soon: list
    idle_requests: list
    idle_since: date
    appointments: list

    def people(self) -> set[int]:
        """Ids of the people the lists show (for the access log)."""
        lists = (
            self.information_overdue, self.information_due_soon, self.documents_overdue,
            self.documents_due_soon, self.idle_requests, self.appointments,
        )  # fmt: skip
        return {item.beneficiary_id for items in lists for item in items}


# What the lists show of the people: their name (and whose they are). A case file row is wide
# (search columns included): reading only these keeps the five lists' rows small.
PERSON_FIELDS = ("beneficiary__surname", "beneficiary__given_name", "beneficiary__assigned_worker")


def _with_person(queryset: QuerySet, *related: str) -> QuerySet:
    """`queryset` with its own fields, all fields of the `related` relations and the person's
    PERSON_FIELDS, all in the one query."""
    own = [field.name for field in queryset.model._meta.concrete_fields]
    return queryset.select_related("beneficiary", *related).only(*own, *PERSON_FIELDS)


def _mine(queryset: QuerySet, worker, *fields: str) -> QuerySet:
    if worker is None:
        return queryset
    condition = Q()
    for field in fields:
        condition |= Q(**{field: worker})
    return queryset.filter(condition)


def work_lists(*, user, worker=None, today: date | None = None) -> WorkLists:
    """The lists for `worker` (None: everyone's, for the coordinator), as seen by `user`."""
    today = today or timezone.localdate()
    calendar = WorkingCalendar()
    soon = due_soon_until(today, calendar)
    idle_since = calendar.add_working_days(today, -IDLE_WORKING_DAYS)

    information = _mine(
        InformationRequest.objects.visible_to(user),
        worker,
        "beneficiary__assigned_worker",
        "recorded_by",
    )
    information = _with_person(information)
    documents = _mine(
        DocumentRequest.objects.visible_to(user),
        worker,
        "beneficiary__assigned_worker",
        "created_by",
    )
    documents = _with_person(documents)
    idle = _mine(
        AssistanceRequest.objects.visible_to(user)
        .open()
        .filter(last_action_at__lt=timezone.make_aware(datetime.combine(idle_since, time.min))),
        worker,
        "assigned_worker",
    )
    idle = _with_person(idle, "category", "assigned_worker")
    start_of_day = timezone.make_aware(datetime.combine(today, time.min))
    end_of_day = timezone.make_aware(datetime.combine(today, time.max))
    appointments = _mine(
        Appointment.objects.visible_to(user).filter(starts_at__range=(start_of_day, end_of_day)),
        worker,
        "worker",
    )
    appointments = _with_person(appointments, "worker")

    def head(queryset: QuerySet, *order: str) -> list:
        return list(queryset.order_by(*order)[:LIST_LIMIT])

    return WorkLists(
        today=today,
        due_soon_until=soon,
        information_overdue=head(information.overdue(on=today), "due_date", "pk"),
        information_due_soon=head(information.due_soon(on=today, until=soon), "due_date", "pk"),
        documents_overdue=head(documents.overdue(on=today), "due_date", "pk"),
        documents_due_soon=head(documents.due_soon(on=today, until=soon), "due_date", "pk"),
        idle_requests=head(idle, "last_action_at", "pk"),
        idle_since=idle_since,
        appointments=head(appointments, "starts_at", "pk"),
    )
