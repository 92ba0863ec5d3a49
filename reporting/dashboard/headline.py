"""This month to date against the same days of last month and of the same month last year.

Like is compared with like: on the 15th, the 1st–15th of this month against the 1st–15th of last
month and of the same month a year ago (a shorter month is taken whole). Each source is read in
one query, with one FILTER clause per period; participants served are counted by the report's
own rule (`reporting.figures.participants.participant_ids`), one query per period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from beneficiaries.models import Beneficiary
from referrals.models import Referral
from reporting.figures.participants import participant_ids
from reporting.period import Period
from reporting.tables import display
from requests.models import AssistanceRequest, InformationRequest
from services.models import BenefitApplication, CounsellingSession, Event, EventAttendance


@dataclass(frozen=True)
class Comparison:
    """The three spans of days compared: this month to date, and the same days before."""

    current: Period
    last_month: Period
    last_year: Period

    @property
    def periods(self) -> tuple[Period, Period, Period]:
        return self.current, self.last_month, self.last_year


def _same_days(month: Period, days: int) -> Period:
    return Period(month.first, min(month.first + timedelta(days=days - 1), month.last))


def comparison(today: date) -> Comparison:
    current = Period(today.replace(day=1), today)
    month = Period.month(today.year, today.month)
    return Comparison(
        current,
        _same_days(month.previous_month(), current.days),
        _same_days(month.same_month_last_year(), current.days),
    )


def change(current: int, before: int) -> str:
    """«+12 (+8%)», «−3 (−20%)», «0»; without a percentage when there was nothing before."""
    difference = current - before
    if difference == 0:
        return "0"
    sign = "+" if difference > 0 else "\u2212"
    text = f"{sign}{display(abs(difference))}"
    if before:
        text += f" ({sign}{display(round(abs(difference) * 100 / before))}%)"
    return text


@dataclass(frozen=True)
class HeadlineRow:
    key: str
    label: str
    current: int
    last_month: int
    last_year: int

    @property
    def change_from_last_month(self) -> str:
        return change(self.current, self.last_month)

    @property
    def change_from_last_year(self) -> str:
        return change(self.current, self.last_year)


def _within_time(field: str, period: Period) -> Q:
    start, end = period.bounds()
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def _within_days(field: str, period: Period) -> Q:
    return Q(**{f"{field}__gte": period.first, f"{field}__lte": period.last})


def _three(queryset: QuerySet, within, field: str, periods, total=None) -> list[int]:
    """One query: per period, the count of rows (or the Sum of `total`) whose `field` falls in
    it. The rows of none of the periods are left out first, so that an index on `field` serves."""
    conditions = [within(field, period) for period in periods]
    either = conditions[0] | conditions[1] | conditions[2]
    aggregate = (lambda q: Sum(total, filter=q)) if total else (lambda q: Count("pk", filter=q))
    values = queryset.filter(either).aggregate(
        **{f"p{i}": aggregate(q) for i, q in enumerate(conditions)}
    )
    return [values[f"p{i}"] or 0 for i in range(3)]


def headline(*, user, today: date) -> tuple[Comparison, list[HeadlineRow]]:
    """The rows of the comparison table, as `user` may see them (the coordinator: all)."""
    spans = comparison(today)
    periods = spans.periods
    held_events = Event.objects.visible_to(user).filter(status=Event.Status.HELD)
    attended = EventAttendance.objects.visible_to(user).filter(
        attended=True, event__status=Event.Status.HELD
    )
    figures = [
        ("participants", _("Ωφελούμενοι που εξυπηρετήθηκαν"), _participants(user, periods)),
        ("new", _("Νέες εγγραφές"), _three(
            Beneficiary.objects.visible_to(user), _within_days, "registered_on", periods)),
        ("requests", _("Αιτήματα που παραλήφθηκαν"), _three(
            AssistanceRequest.objects.visible_to(user), _within_time, "received_at", periods)),
        ("information_requests", _("Αιτήματα ενημέρωσης"), _three(
            InformationRequest.objects.visible_to(user), _within_time, "received_at", periods)),
        ("referrals", _("Παραπομπές που στάλθηκαν"), _three(
            Referral.objects.visible_to(user), _within_time, "sent_at", periods)),
        ("applications", _("Αιτήσεις παροχών που υποβλήθηκαν"), _three(
            BenefitApplication.objects.visible_to(user), _within_days, "submitted_on", periods)),
        ("sessions", _("Ατομικές συνεδρίες"), _three(
            CounsellingSession.objects.visible_to(user).held(), _within_days, "date", periods)),
        ("attendance", _("Συμμετοχές σε δράσεις"), _sum(
            _three(attended, _within_days, "event__held_on", periods),
            _three(held_events, _within_days, "held_on", periods, total="other_attendees"))),
    ]  # fmt: skip
    return spans, [HeadlineRow(key, str(label), *values) for key, label, values in figures]


def _participants(user, periods) -> list[int]:
    people = Beneficiary.objects.visible_to(user)
    return [people.filter(pk__in=participant_ids(period)).count() for period in periods]


def _sum(first: list[int], second: list[int]) -> list[int]:
    return [a + b for a, b in zip(first, second, strict=True)]
