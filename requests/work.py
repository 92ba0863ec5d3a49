"""The lists of «My work»: what is overdue, due soon or idle, and today's appointments, and the
sections other apps add (`register_work_section`).

As `beneficiaries.sections` does for the case file: an app above this one (referrals, services)
registers, in its AppConfig.ready(), a template and a function that returns that template's
context for one worker (None: everyone's) as one user sees it (keywords user, worker, today and
calendar, the page's WorkingCalendar), and the ids of the people it shows (for the access log).
«My work» renders them after its own lists, in registration order, so the requests app imports
no app above it. Each function reads its lists in a fixed number of queries, whatever the
number of rows, and at most LIST_LIMIT rows each.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date, datetime, time

from django.db.models import Q, QuerySet
from django.utils import timezone

from community_centre.calendar import WorkingCalendar
from requests.due import due_soon_until
from requests.models import Appointment, AssistanceRequest, DocumentRequest, InformationRequest

IDLE_WORKING_DAYS = 20
# Rows per list of «My work», its own and the sections': the most urgent first, the rest on the
# list pages (a desk screen of eleven lists, and a page that stays fast for the coordinator).
LIST_LIMIT = 25
# The one permission behind "sees everyone's work": «My work» and the agenda of any worker.
VIEW_ALL_WORK = "requests.view_all_work"


def sees_everyones_work(user) -> bool:
    """Whether `user` may see the lists and agenda of every worker (the coordinator)."""
    return user.has_perm(VIEW_ALL_WORK)


@dataclass(frozen=True)
class WorkSectionContent:
    """What a registered section gives «My work»: its template's context and the people shown."""

    context: dict
    people: set[int]


@dataclass(frozen=True)
class WorkSection:
    template: str
    # (user=, worker=, today=) -> WorkSectionContent; worker None means everyone's
    content: Callable[..., WorkSectionContent]


_sections: list[WorkSection] = []


def register_work_section(template: str, content: Callable[..., WorkSectionContent]) -> None:
    section = WorkSection(template, content)
    if section not in _sections:
        _sections.append(section)


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
    # The registered sections: their templates, their merged context, the people they show.
    section_templates: list[str] = dataclass_field(default_factory=list)
    section_context: dict = dataclass_field(default_factory=dict)
    section_people: set[int] = dataclass_field(default_factory=set)

    def people(self) -> set[int]:
        """Ids of the people the lists show (for the access log)."""
        lists = (
            self.information_overdue, self.information_due_soon, self.documents_overdue,
            self.documents_due_soon, self.idle_requests, self.appointments,
        )  # fmt: skip
        return {item.beneficiary_id for items in lists for item in items} | self.section_people

    def add_sections(self, *, user, worker, calendar: WorkingCalendar | None = None) -> None:
        """Read every registered section for `worker` as `user` sees it; `calendar` is the
        page's working calendar (its holidays read once), for the sections that count days."""
        for section in _sections:
            content = section.content(
                user=user, worker=worker, today=self.today, calendar=calendar or WorkingCalendar()
            )
            self.section_templates.append(section.template)
            self.section_context.update(content.context)
            self.section_people |= content.people


# What the lists show of the people: their name (and whose they are). A case file row is wide
# (search columns included): reading only these keeps the five lists' rows small.
PERSON_FIELDS = ("beneficiary__surname", "beneficiary__given_name", "beneficiary__assigned_worker")


def _with_person(queryset: QuerySet, *related: str) -> QuerySet:
    """`queryset` with its own fields, all fields of the `related` relations and the person's
    PERSON_FIELDS, all in the one query."""
    own = [field.name for field in queryset.model._meta.concrete_fields]
    return queryset.select_related("beneficiary", *related).only(*own, *PERSON_FIELDS)


def owned_by(queryset: QuerySet, worker, *fields: str) -> QuerySet:
    """The items of `queryset` that are `worker`'s by any of `fields` (the one rule of whose an
    item is, for «My work» and the coordinator's dashboard); None: everyone's."""
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

    information = owned_by(
        InformationRequest.objects.visible_to(user),
        worker,
        "beneficiary__assigned_worker",
        "recorded_by",
    )
    information = _with_person(information)
    documents = owned_by(
        DocumentRequest.objects.visible_to(user),
        worker,
        "beneficiary__assigned_worker",
        "created_by",
    )
    documents = _with_person(documents)
    idle = owned_by(
        AssistanceRequest.objects.visible_to(user)
        .open()
        .filter(last_action_at__lt=timezone.make_aware(datetime.combine(idle_since, time.min))),
        worker,
        "assigned_worker",
    )
    idle = _with_person(idle, "category", "assigned_worker")
    start_of_day = timezone.make_aware(datetime.combine(today, time.min))
    end_of_day = timezone.make_aware(datetime.combine(today, time.max))
    appointments = owned_by(
        Appointment.objects.visible_to(user).filter(starts_at__range=(start_of_day, end_of_day)),
        worker,
        "worker",
    )
    appointments = _with_person(appointments, "worker")

    def head(queryset: QuerySet, *order: str) -> list:
        return list(queryset.order_by(*order)[:LIST_LIMIT])

    work = WorkLists(
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
    work.add_sections(user=user, worker=worker, calendar=calendar)
    return work
