"""Referrals sent in the period by body and by status at its end, and benefit applications
submitted in it by programme and by status at its end.

A referral sent in the period was at least sent by its end, and an application submitted in it
at least submitted: a history that still says "draft" or "preparing" at the end (the move was
recorded after the end, the date typed back) counts as sent or submitted.
"""

from __future__ import annotations

from django.db.models import Case, Count, F, Q, Value, When

from referrals.models import PartnerBody, Referral, ReferralStatusChange
from reporting.figures.labels import APPLICATION_STATUSES, REFERRAL_STATUSES, TOTAL
from reporting.figures.status import status_at
from reporting.period import Period
from services.models import ApplicationStatusChange, BenefitApplication, Programme


def grid(pairs: dict[tuple[str, str], int], rows: list[str], columns: list[str]) -> dict:
    """The grid of `pairs` (counted by SQL) with its row and column totals added."""
    values = {row: {column: pairs.get((row, column), 0) for column in columns} for row in rows}
    for cells in values.values():
        cells[TOTAL] = sum(cells.values())
    values[TOTAL] = {
        column: sum(values[row][column] for row in rows) for column in [*columns, TOTAL]
    }
    return values


def _pairs(queryset, row_field: str) -> dict[tuple[str, str], int]:
    return {
        (row, status): n
        for row, status, n in queryset.values(row_field, "end_status")
        .annotate(n=Count("pk"))
        .values_list(row_field, "end_status", "n")
    }


def referrals_by_body(period: Period) -> tuple[dict, list[tuple[str, str]]]:
    """(grid values, [(body code, name)] in the order shown)."""
    start, end = period.bounds()
    sent = Referral.objects.order_by().filter(sent_at__gte=start, sent_at__lt=end)
    sent = sent.annotate(end_status_raw=status_at(ReferralStatusChange, "referral", end))
    sent = sent.annotate(end_status=_floor("end_status_raw", Referral.Status.DRAFT, "sent"))
    pairs = _pairs(sent, "body__code")
    codes = {row for row, _status in pairs}
    bodies = list(
        PartnerBody.objects.filter(Q(is_helpline=False, is_active=True) | Q(code__in=codes))
        .order_by("name")
        .values_list("code", "name")
    )
    return grid(pairs, [code for code, _name in bodies], REFERRAL_STATUSES), bodies


def applications_by_programme(period: Period) -> tuple[dict, list[tuple[str, str]]]:
    """(grid values, [(programme code, name)] in the order shown)."""
    _start, end = period.bounds()
    submitted = BenefitApplication.objects.order_by().filter(
        submitted_on__range=(period.first, period.last)
    )
    submitted = submitted.annotate(
        end_status_raw=status_at(ApplicationStatusChange, "application", end)
    )
    submitted = submitted.annotate(
        end_status=_floor("end_status_raw", BenefitApplication.Status.PREPARING, "submitted")
    )
    pairs = _pairs(submitted, "programme__code")
    codes = {row for row, _status in pairs}
    programmes = list(
        Programme.objects.filter(Q(is_active=True) | Q(code__in=codes))
        .order_by("name")
        .values_list("code", "name")
    )
    return grid(pairs, [code for code, _name in programmes], APPLICATION_STATUSES), programmes


def _floor(field: str, before: str, floor: str) -> Case:
    return Case(When(**{field: before}, then=Value(floor)), default=F(field))
