"""The monthly (or any period's) Ε.Π.Σ. report: every table of counts, by SQL aggregates.

`build_report(period)` counts (participants.py, requests.py, outcomes.py, activities.py) and
labels (labels.py) every table; `describe(table_key, row_keys, column_keys)` gives the same
tables' titles and labels for a report read back from its JSON (`Report.from_json_dict`). The
number of queries is fixed: it does not grow with the data.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from community_centre.models import CentreProfile, Settlement
from referrals.models import PartnerBody
from reporting.figures import activities, assistance, outcomes, participants
from reporting.figures.labels import (
    APPLICATION_STATUSES,
    EVENT_COLUMNS,
    REFERRAL_STATUSES,
    TOTAL,
    TOTALS,
    fixed_labels,
    status_labels,
    titles,
)
from reporting.period import Period
from reporting.tables import Report, Table
from requests.models import RequestCategory
from services.models import Programme

OF_PARTICIPANTS = "participants.total"
# table key → what a list's rows add up to; grids whose rows overlap (no column totals).
TOTAL_OF = {
    "participants_by_gender": OF_PARTICIPANTS,
    "participants_by_age": OF_PARTICIPANTS,
    "participants_by_citizenship": OF_PARTICIPANTS,
    "participants_by_education": OF_PARTICIPANTS,
    "participants_by_labour_status": OF_PARTICIPANTS,
    "participants_by_settlement": OF_PARTICIPANTS,
    "requests_by_category": "totals.requests",
    "requests_by_status": "totals.requests",
    "information_requests": "totals.information_requests",
    "sessions_by_type": "totals.sessions",
    "needs_by_category": "totals.needs",
}
OVERLAPPING = {"participants_by_group", "esf_indicators"}
# The Centre's own lists, whose keys are labelled by name from the database.
NAMED_BY = {
    "requests_by_category": RequestCategory,
    "needs_by_category": activities.NeedCategory,
    "referrals_by_body": PartnerBody,
    "applications_by_programme": Programme,
}


def describe(table_key: str, row_keys: list[str], column_keys: list[str] | None) -> Table:
    """The table `table_key` with these rows and columns, titled and labelled, without values."""
    return _table(table_key, row_keys, column_keys, {}, _names(table_key, row_keys))


def _names(table_key: str, keys: list[str]) -> dict[str, str]:
    if table_key == "participants_by_settlement":
        return _settlement_names(Settlement.objects.filter(code__in=keys))
    model = NAMED_BY.get(table_key)
    if model is None:
        return {}
    return dict(model.objects.filter(code__in=keys).values_list("code", "name"))


def _settlement_names(settlements) -> dict[str, str]:
    return {
        s.code: s.name if s.name == s.community else f"{s.name} ({s.community})"
        for s in settlements
    }


def _table(key: str, rows: list[str], columns: list[str] | None, values: dict, names: dict):
    title, note = titles().get(key, (key, ""))
    labels = {**fixed_labels(), **status_labels().get(key, {}), **names}
    return Table(
        key=key,
        title=title,
        rows=[(row, labels.get(row, row)) for row in rows],
        values=values,
        columns=None if columns is None else [(c, labels.get(c, c)) for c in columns],
        total_of=TOTAL_OF.get(key),
        partition=key not in OVERLAPPING,
        note=note,
    )


def build_report(period: Period, *, generated_at: datetime | None = None) -> Report:
    """The report of `period`, counted now: not signed off, not for publication."""
    settlements = list(Settlement.objects.all())
    counted = participants.participant_counts(period, settlements)
    names = {"participants_by_settlement": _settlement_names(settlements)}
    tables = {
        key: _table(key, list(values), _columns(values), values, names.get(key, {}))
        for key, values in counted.items()
    }
    tables.update(_request_tables(period))
    tables.update(_outcome_tables(period))
    tables.update(_activity_tables(period))
    tables["totals"] = _totals(period, tables)
    profile = CentreProfile.current()
    return Report(
        centre={"name": profile.name, "municipality": profile.municipality},
        period=period,
        generated_at=generated_at or timezone.now(),
        tables=tables,
    )


def _columns(values: dict) -> list[str] | None:
    first = next(iter(values.values()))
    return list(first) if isinstance(first, dict) else None


def _request_tables(period: Period) -> dict[str, Table]:
    categories = assistance.request_categories()
    by_category = assistance.requests_by_category(period, categories)
    by_status = assistance.requests_by_status(period)
    information = assistance.information_requests(period)
    return {
        "requests_by_category": _table(
            "requests_by_category", list(by_category), None, by_category, dict(categories)
        ),
        "requests_by_status": _table("requests_by_status", list(by_status), None, by_status, {}),
        "information_requests": _table(
            "information_requests", list(information), None, information, {}
        ),
    }


def _outcome_tables(period: Period) -> dict[str, Table]:
    referrals, bodies = outcomes.referrals_by_body(period)
    applications, programmes = outcomes.applications_by_programme(period)
    return {
        "referrals_by_body": _table(
            "referrals_by_body",
            list(referrals),
            [*REFERRAL_STATUSES, TOTAL],
            referrals,
            dict(bodies),
        ),
        "applications_by_programme": _table(
            "applications_by_programme",
            list(applications),
            [*APPLICATION_STATUSES, TOTAL],
            applications,
            dict(programmes),
        ),
    }


def _activity_tables(period: Period) -> dict[str, Table]:
    sessions = activities.sessions_by_type(period)
    events = activities.events_by_kind(period)
    categories = activities.need_categories()
    needs = activities.needs_by_category(period, categories)
    return {
        "sessions_by_type": _table("sessions_by_type", list(sessions), None, sessions, {}),
        "events_by_kind": _table("events_by_kind", list(events), EVENT_COLUMNS, events, {}),
        "needs_by_category": _table(
            "needs_by_category", list(needs), None, needs, dict(categories)
        ),
    }


def _totals(period: Period, tables: dict[str, Table]) -> Table:
    """The period's totals; those that are a table's sum are taken from it (counted by SQL)."""
    values = {
        "requests": sum(tables["requests_by_category"].values.values()),
        "information_requests": sum(tables["information_requests"].values.values()),
        "referrals": tables["referrals_by_body"].values[TOTAL][TOTAL],
        "applications": tables["applications_by_programme"].values[TOTAL][TOTAL],
        "sessions": sum(tables["sessions_by_type"].values.values()),
        "events": tables["events_by_kind"].values[TOTAL]["events"],
        "needs": sum(tables["needs_by_category"].values.values()),
        "appointments_attended": activities.appointments_attended(period),
        "case_notes": activities.case_notes(period),
    }
    return _table("totals", TOTALS, None, {key: values[key] for key in TOTALS}, {})
