"""Everything the dashboard page shows, read for one user on one day, with its charts drawn."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from community_centre.calendar import WorkingCalendar
from reporting.charts import bar_chart, line_chart
from reporting.dashboard.deadlines import DeadlineRow, deadlines
from reporting.dashboard.headline import Comparison, HeadlineRow, headline
from reporting.dashboard.trends import Trend, requests_by_category
from reporting.dashboard.workload import WorkerLoad, workload


@dataclass(frozen=True)
class Dashboard:
    today: date
    comparison: Comparison
    headline: list[HeadlineRow]
    deadlines: list[DeadlineRow]
    workload: list[WorkerLoad]
    workload_chart: SafeString | None
    trend: Trend
    trend_chart: SafeString


def _workload_chart(rows: list[WorkerLoad]) -> SafeString | None:
    if not rows:
        return None
    series = [
        (_("Ενεργοί φάκελοι"), [r.case_files for r in rows]),
        (_("Ανοικτά αιτήματα"), [r.open_requests for r in rows]),
        (_("Ανοικτά αιτήματα ενημέρωσης"), [r.open_information for r in rows]),
        (_("Εκπρόθεσμα"), [r.overdue for r in rows]),
        (_("Συνεδρίες του μήνα"), [r.sessions_held for r in rows]),
    ]
    names = [str(r.worker) for r in rows]
    return bar_chart(_("Φόρτος ανά λειτουργό"), names, series, height=360)


def build_dashboard(*, user, today: date) -> Dashboard:
    calendar = WorkingCalendar()  # the holidays read once for the page
    spans, rows = headline(user=user, today=today)
    loads = workload(user=user, today=today, calendar=calendar)
    trend = requests_by_category(user=user, today=today)
    chart = line_chart(_("Αιτήματα ανά κατηγορία, τελευταίοι 12 μήνες"), trend.labels,
                       trend.chart_series() or [(_("Αιτήματα"), trend.month_totals)])  # fmt: skip
    return Dashboard(
        today=today,
        comparison=spans,
        headline=rows,
        deadlines=deadlines(user=user, today=today, calendar=calendar),
        workload=loads,
        workload_chart=_workload_chart(loads),
        trend=trend,
        trend_chart=chart,
    )
