"""The monthly report in `manage.py bench`: `reporting.figures.build_report` for the busiest
month of the bench data, beside one hand-written SQL statement that computes the participant
tables (the people served, by every breakdown) and nothing else — the least any report can do.

Both are run in turn, `runs` times after a few untimed warm-ups; the ratio is of the medians.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from demo.benchmark import Beside, Timing
from reporting.figures import build_report
from reporting.figures.participants import years_before
from reporting.period import ATHENS, Period
from requests.models import AssistanceRequest

REPORT_TARGET_MS = 2000
REPORT_GOAL = 3.0  # the report beside the participant tables alone
WARM_UP = 2
RUNS = 10  # a report takes about a second: fewer runs than the pages say enough

# Every contact of the period (as in reporting.figures.participants), then the people served
# counted by sex crossed with each breakdown, in one pass (GROUPING SETS).
PARTICIPANT_TABLES_SQL = """
WITH served AS (
    SELECT beneficiary_id AS id FROM requests_assistancerequest
     WHERE received_at >= %(start)s AND received_at < %(end)s
    UNION SELECT beneficiary_id FROM requests_informationrequest
     WHERE received_at >= %(start)s AND received_at < %(end)s
    UNION SELECT beneficiary_id FROM beneficiaries_casenote
     WHERE occurred_on BETWEEN %(first)s AND %(last)s
    UNION SELECT beneficiary_id FROM requests_appointment
     WHERE status = 'attended' AND starts_at >= %(start)s AND starts_at < %(end)s
    UNION SELECT beneficiary_id FROM services_counsellingsession
     WHERE status = 'held' AND date BETWEEN %(first)s AND %(last)s
    UNION SELECT a.beneficiary_id FROM services_eventattendance a
      JOIN services_event e ON e.id = a.event_id
     WHERE a.attended AND e.status = 'held' AND e.held_on BETWEEN %(first)s AND %(last)s
    UNION SELECT beneficiary_id FROM referrals_referral
     WHERE sent_at >= %(start)s AND sent_at < %(end)s
    UNION SELECT beneficiary_id FROM services_benefitapplication
     WHERE submitted_on BETWEEN %(first)s AND %(last)s
    UNION SELECT id FROM beneficiaries_beneficiary
     WHERE registered_on BETWEEN %(first)s AND %(last)s
), people AS (
    SELECT b.sex,
           b.registered_on BETWEEN %(first)s AND %(last)s AS new,
           CASE WHEN b.date_of_birth > %(born_18)s THEN 'under_18'
                WHEN b.date_of_birth > %(born_30)s THEN '18_29'
                WHEN b.date_of_birth > %(born_55)s THEN '30_54'
                ELSE '55_plus' END AS age,
           b.citizenship, b.education, b.labour_status, b.disability, b.foreign_background,
           b.minority,
           CASE WHEN b.housing IN ('homeless', 'insecure', 'institution') THEN 'yes'
                WHEN b.housing = 'not_stated' THEN 'not_stated' ELSE 'no' END AS housing,
           CASE WHEN s.id IS NULL THEN 'not_stated' WHEN s.is_urban THEN 'no'
                ELSE 'yes' END AS rural,
           b.eee_beneficiary, COALESCE(s.code, 'not_stated') AS settlement
      FROM served
      JOIN beneficiaries_beneficiary b ON b.id = served.id
      LEFT JOIN community_centre_settlement s ON s.id = b.settlement_id
)
SELECT sex, new, age, citizenship, education, labour_status, disability, foreign_background,
       minority, housing, rural, eee_beneficiary, settlement, count(*)
  FROM people
 GROUP BY GROUPING SETS ((sex, new), (sex, age), (sex, citizenship), (sex, education),
          (sex, labour_status), (sex, disability), (sex, foreign_background), (sex, minority),
          (sex, housing), (sex, rural), (sex, eee_beneficiary), (settlement))
"""


def busiest_month() -> Period | None:
    """The ended month with most requests received (Athens months), or None without data."""
    first = (
        AssistanceRequest.objects.annotate(month=TruncMonth("received_at", tzinfo=ATHENS))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("-n", "-month")
        .values_list("month", flat=True)
        .first()
    )
    if first is None:
        return None
    return Period.month(first.year, first.month)


def participant_tables(period: Period) -> list[tuple]:
    """The hand-written pass: one statement, its grouped rows."""
    start, end = period.bounds()
    params = {
        "start": start,
        "end": end,
        "first": period.first,
        "last": period.last,
        **{f"born_{n}": years_before(period.first, n) for n in (18, 30, 55)},
    }
    with connection.cursor() as cursor:
        cursor.execute(PARTICIPANT_TABLES_SQL, params)
        return cursor.fetchall()


def time_report(runs: int) -> tuple[list[Timing], Beside | None]:
    """(timings, the report beside the participant tables alone), at most RUNS runs each."""
    runs = min(runs, RUNS)
    period = busiest_month()
    report = Timing(_("μηνιαία αναφορά Ε.Π.Σ. (όλοι οι πίνακες)"), REPORT_TARGET_MS)
    alone = Timing(_("μόνο μία εντολή SQL: οι πίνακες ωφελουμένων"))
    if period is None:
        report.errors.append(_("κανένα αίτημα στη βάση"))
        return [report], None
    report.label += f" — {period.label}"
    _in_turn(
        [(report, lambda: build_report(period)), (alone, lambda: participant_tables(period))],
        runs,
    )
    return [report, alone], Beside(report, alone, REPORT_GOAL)


def _in_turn(pairs: list[tuple[Timing, Callable[[], object]]], runs: int) -> None:
    """Each operation in turn, the order swapped every other run; the first WARM_UP untimed."""
    for index in range(WARM_UP + runs):
        ordered = pairs if index % 2 == 0 else list(reversed(pairs))
        for timing, operation in ordered:
            if index < WARM_UP:
                operation()
            else:
                timing.measure(operation)
