"""Assistance requests received in the period, by category and by status at its end, and the
information requests received in it, in the four states they were in at its end.

An information request is answered on time when answered by the end of the period on or before
its due date, late when answered by then after it; one answered after the period's end was open
at its end: overdue if its due date had passed (due on or before the last day: overdue on the
next — the rule of `DeadlineQuerySet.overdue`), else not yet due.
"""

from __future__ import annotations

from django.db.models import Count, F, Q

from reporting.figures.status import status_at
from reporting.period import Period
from requests.models import (
    AssistanceRequest,
    InformationRequest,
    RequestCategory,
    RequestStatusChange,
)


def received(model, period: Period):
    start, end = period.bounds()
    return model.objects.order_by().filter(received_at__gte=start, received_at__lt=end)


def request_categories() -> list[tuple[str, str]]:
    return list(RequestCategory.objects.order_by("order", "name", "pk").values_list("code", "name"))


def requests_by_category(period: Period, categories: list[tuple[str, str]]) -> dict[str, int]:
    counts = dict(
        received(AssistanceRequest, period)
        .values_list("category__code")
        .annotate(n=Count("pk"))
        .values_list("category__code", "n")
    )
    return {code: counts.get(code, 0) for code, _name in categories}


def requests_by_status(period: Period) -> dict[str, int]:
    _start, end = period.bounds()
    counts = dict(
        received(AssistanceRequest, period)
        .annotate(end_status=status_at(RequestStatusChange, "request", end))
        .values("end_status")
        .annotate(n=Count("pk"))
        .values_list("end_status", "n")
    )
    return {status: counts.get(status, 0) for status in AssistanceRequest.Status.values}


def information_requests(period: Period) -> dict[str, int]:
    answered = Q(answered_on__isnull=False, answered_on__lte=period.last)
    still_open = Q(answered_on__isnull=True) | Q(answered_on__gt=period.last)
    return received(InformationRequest, period).aggregate(
        answered_on_time=Count("pk", filter=answered & Q(answered_on__lte=F("due_date"))),
        answered_late=Count("pk", filter=answered & Q(answered_on__gt=F("due_date"))),
        open_overdue=Count("pk", filter=still_open & Q(due_date__lte=period.last)),
        open_not_due=Count("pk", filter=still_open & Q(due_date__gt=period.last)),
    )
