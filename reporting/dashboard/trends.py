"""Requests received by category over the last twelve calendar months, this one included, by
the Athens date of receipt (one query for the counts, one for the categories).

The table has every category in use or with requests in those months, its total per month and
per category; the chart draws the CHART_CATEGORIES busiest categories and the rest together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, DateField, Q
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from reporting.period import ATHENS, Period
from requests.models import AssistanceRequest, RequestCategory

MONTHS = 12
CHART_CATEGORIES = 5
SHORT_MONTH_NAMES = (
    _("Ιαν"), _("Φεβ"), _("Μάρ"), _("Απρ"), _("Μάι"), _("Ιούν"),
    _("Ιούλ"), _("Αύγ"), _("Σεπ"), _("Οκτ"), _("Νοέ"), _("Δεκ"),
)  # fmt: skip


def short_label(month: Period) -> str:
    """«Απρ 2026»."""
    return f"{SHORT_MONTH_NAMES[month.first.month - 1]} {month.first.year}"


def last_months(today: date, count: int = MONTHS) -> list[Period]:
    """The `count` calendar months up to today's, the oldest first."""
    months = [Period.month(today.year, today.month)]
    while len(months) < count:
        months.insert(0, months[0].previous_month())
    return months


@dataclass(frozen=True)
class CategoryRow:
    code: str
    name: str
    counts: list[int]  # one per month, the oldest first

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class Trend:
    months: list[Period]
    rows: list[CategoryRow]

    @property
    def labels(self) -> list[str]:
        return [short_label(month) for month in self.months]

    @property
    def month_totals(self) -> list[int]:
        return [sum(row.counts[i] for row in self.rows) for i in range(len(self.months))]

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows)

    def table(self) -> list[tuple[str, str, list[tuple[str, int]], int]]:
        """(key, name, [(month label, count)], total) per category, then the totals row."""
        labels = self.labels
        rows = [
            (r.code, r.name, list(zip(labels, r.counts, strict=True)), r.total) for r in self.rows
        ]
        totals = list(zip(labels, self.month_totals, strict=True))
        return [*rows, ("total", str(_("Σύνολο")), totals, self.total)]

    def chart_series(self) -> list[tuple[str, list[int]]]:
        """The busiest categories one by one, the others added up as «Λοιπές κατηγορίες»."""
        busiest = sorted((r for r in self.rows if r.total), key=lambda r: -r.total)
        series = [(row.name, row.counts) for row in busiest[:CHART_CATEGORIES]]
        rest = busiest[CHART_CATEGORIES:]
        if rest:
            counts = [sum(column) for column in zip(*(r.counts for r in rest), strict=True)]
            series.append((str(_("Λοιπές κατηγορίες")), counts))
        return series


def requests_by_category(*, user, today: date) -> Trend:
    months = last_months(today)
    start, _end = months[0].bounds()
    _start, end = months[-1].bounds()
    counts = (
        AssistanceRequest.objects.visible_to(user)
        .filter(received_at__gte=start, received_at__lt=end)
        .annotate(month=TruncMonth("received_at", tzinfo=ATHENS, output_field=DateField()))
        .values("category_id", "month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    found = {(row["category_id"], row["month"]): row["n"] for row in counts}
    used = {category for category, _month in found}
    categories = RequestCategory.objects.filter(Q(is_active=True) | Q(pk__in=used))
    rows = [
        CategoryRow(
            category.code,
            category.name,
            [found.get((category.pk, month.first), 0) for month in months],
        )
        for category in categories.order_by("order", "name")
    ]
    return Trend(months, rows)
