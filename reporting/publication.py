"""A whole report in publication mode: small counts hidden, safe across its tables.

`publish(report)` builds one linear system over every count of every table — each table's own
sums (from its `Table`: a totals row, `total_of`, a grid's row and column totals) and the
identities between tables that a reader knows from the definitions (`IDENTITIES` below) — and
applies the same primary and complementary suppression as a single table
(`reporting.suppression_lp`), so that no hidden count can be worked out from another table of
the same report either. A hidden count is None, written "<5".

What is not suppressed: the number of events held (`events_by_kind` column `events`, and
`totals.events`) — events are public activities of the Centre and the count names no person.
Every other figure counts people or records about a person (a request, a referral, a note) and
follows the small-cell rule. A total is hidden only when it is small, or, at a high cost, when
no choice of cells can protect a small count (the totals alone reveal it).

The rural and urban participants are also the sums of the rural and the urban settlements
(read from the Settlement list, so publish() reads the database when the report has a
settlement table). An identity is used only where it holds on the report's own figures (one
that does not is logged: it means a table is counted differently from its definition).
"""

from __future__ import annotations

import logging
from dataclasses import replace

from community_centre.models import Settlement
from reporting.suppression_lp import Counts, protect
from reporting.tables import TOTAL, Report

log = logging.getLogger(__name__)

TOTAL_COST = 1000.0
EXEMPT = {("events_by_kind", "events"), ("totals", "events")}  # (table, row or column)

GENDERS = ("female", "male", "non_binary", "not_stated")
ESF_GROUPS = (
    "disability", "third_country_national", "foreign_background", "minority",
    "homeless_or_housing_exclusion", "rural_area",
)  # fmt: skip
LABOUR = "participants_by_labour_status"
ESF = "esf_indicators"
GROUP = "participants_by_group"
SETTLEMENTS = "participants_by_settlement"


def _same(left: str | tuple, right: str | tuple) -> tuple:
    return (_tuple(left), "=", _tuple(right))


def _at_most(left: str | tuple, right: str | tuple) -> tuple:
    return (_tuple(left), "<=", _tuple(right))


def _tuple(paths: str | tuple) -> tuple[str, ...]:
    return (paths,) if isinstance(paths, str) else tuple(paths)


def _esf_parts(*rows: str) -> list[tuple]:
    """Disjoint ESF rows add up to no more than all participants, per gender and in total."""
    return [
        _at_most(tuple(f"{ESF}.{row}.{column}" for row in rows), f"{ESF}.total.{column}")
        for column in (*GENDERS, TOTAL)
    ]


# Σ left (= or ≤) Σ right, by "table.row" or "table.row.column" (THE TABLES, issue 11).
IDENTITIES: list[tuple] = [
    *[
        _same(f"{GROUP}.{group}.total", "participants.total")
        for group in (*ESF_GROUPS, "eee_beneficiary")
    ],
    *[_same(f"{ESF}.total.{gender}", f"participants_by_gender.{gender}") for gender in GENDERS],
    _same(f"{ESF}.total.total", "participants.total"),
    *[
        _same(f"{ESF}.{band}.total", f"participants_by_age.{band}")
        for band in ("under_18", "18_29", "55_plus")
    ],
    *[
        _same(f"{ESF}.{band}.total", f"participants_by_education.{band}")
        for band in ("isced_0_2", "isced_3_4", "isced_5_8")
    ],
    *[_same(f"{ESF}.{group}.total", f"{GROUP}.{group}.yes") for group in ESF_GROUPS],
    _same(f"{ESF}.unemployed.total", (f"{LABOUR}.unemployed", f"{LABOUR}.long_term_unemployed")),
    _same(f"{ESF}.long_term_unemployed.total", f"{LABOUR}.long_term_unemployed"),
    _same(f"{ESF}.employed.total", (f"{LABOUR}.employed", f"{LABOUR}.self_employed")),
    _same(
        f"{ESF}.inactive.total", (f"{LABOUR}.inactive", f"{LABOUR}.student", f"{LABOUR}.retired")
    ),
    _same(
        f"{GROUP}.third_country_national.yes",
        ("participants_by_citizenship.third_country", "participants_by_citizenship.stateless"),
    ),
    _same(
        f"{GROUP}.third_country_national.no",
        ("participants_by_citizenship.greek", "participants_by_citizenship.eu"),
    ),
    _same(f"{GROUP}.rural_area.not_stated", "participants_by_settlement.not_stated"),
    *[
        _at_most(f"{ESF}.long_term_unemployed.{c}", f"{ESF}.unemployed.{c}")
        for c in (*GENDERS, TOTAL)
    ],
    *_esf_parts("unemployed", "inactive", "employed"),
    *_esf_parts("under_18", "18_29", "55_plus"),
    *_esf_parts("isced_0_2", "isced_3_4", "isced_5_8"),
    *[part for group in ESF_GROUPS for part in _esf_parts(group)],
    _same("totals.referrals", "referrals_by_body.total.total"),
    _same("totals.applications", "applications_by_programme.total.total"),
]
# Within each row of a table: Σ left columns = Σ right columns.
ROW_IDENTITIES = [("events_by_kind", ("attendance",), ("registered", "head_count"))]


class _Figures:
    """Every count of a report as a variable of one system."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.index: dict[tuple[str, str, str | None], int] = {}
        self.values: list[int] = []
        for key, table in report.tables.items():
            for row, column, value in table.cells():
                if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                    raise ValueError(f"{key}.{row}.{column}: not a count ({value!r})")
                self.index[(key, row, column)] = len(self.values)
                self.values.append(value)

    def at(self, path: str) -> int:
        table, row, *column = path.split(".", 2)
        return self.index[(table, row, column[0] if column else None)]

    def totals(self) -> set[int]:
        found = {v for (table, row, column), v in self.index.items() if TOTAL in (row, column)}
        found |= {v for (table, _row, _column), v in self.index.items() if table == "totals"}
        for table in self.report.tables.values():
            if table.total_of and _has(self, table.total_of):
                found.add(self.at(table.total_of))
        return found

    def exempt(self) -> set[int]:
        return {
            v
            for (table, row, column), v in self.index.items()
            if (table, row) in EXEMPT or (table, column) in EXEMPT
        }


def _has(figures: _Figures, path: str) -> bool:
    try:
        figures.at(path)
    except (KeyError, ValueError):
        return False
    return True


def _table_sums(figures: _Figures) -> list[dict[int, int]]:
    """Each table's own sums as relations Σ coef·x = 0."""
    found = []
    for key, table in figures.report.tables.items():
        rows = [row for row, _label in table.rows if row != TOTAL]
        if not table.is_grid:
            cells = [figures.index[(key, row, None)] for row in rows]
            if any(row == TOTAL for row, _ in table.rows):
                found.append(_sum(cells, [figures.index[(key, TOTAL, None)]]))
            elif table.total_of and _has(figures, table.total_of):
                found.append(_sum(cells, [figures.at(table.total_of)]))
            continue
        columns = [column for column, _label in table.columns if column != TOTAL]
        every_row = [row for row, _label in table.rows]
        if any(column == TOTAL for column, _ in table.columns):
            for row in every_row:
                cells = [figures.index[(key, row, column)] for column in columns]
                found.append(_sum(cells, [figures.index[(key, row, TOTAL)]]))
        if table.partition and TOTAL in every_row:
            for column, _label in table.columns:
                cells = [figures.index[(key, row, column)] for row in rows]
                found.append(_sum(cells, [figures.index[(key, TOTAL, column)]]))
    return found


def _sum(left: list[int], right: list[int]) -> dict[int, int]:
    relation: dict[int, int] = {}
    for v in left:
        relation[v] = relation.get(v, 0) + 1
    for v in right:
        relation[v] = relation.get(v, 0) - 1
    return {v: c for v, c in relation.items() if c}


def _identities(figures: _Figures) -> tuple[list[dict[int, int]], list[dict[int, int]]]:
    """The identities of IDENTITIES and ROW_IDENTITIES this report has and keeps."""
    equations, inequalities = [], []
    for left, relation, right in _concrete(figures):
        if not all(_has(figures, path) for path in (*left, *right)):
            continue
        lhs = [figures.at(path) for path in left]
        rhs = [figures.at(path) for path in right]
        difference = sum(figures.values[v] for v in lhs) - sum(figures.values[v] for v in rhs)
        if difference > 0 or (relation == "=" and difference < 0):
            log.warning("Report identity does not hold: %s %s %s", left, relation, right)
            continue
        (equations if relation == "=" else inequalities).append(_sum(lhs, rhs))
    return equations, inequalities


def _concrete(figures: _Figures):
    yield from IDENTITIES
    yield from _settlement_identities(figures.report)
    for key, left, right in ROW_IDENTITIES:
        table = figures.report.tables.get(key)
        for row, _label in table.rows if table is not None else ():
            yield (
                tuple(f"{key}.{row}.{c}" for c in left),
                "=",
                tuple(f"{key}.{row}.{c}" for c in right),
            )


def _settlement_identities(report: Report) -> list[tuple]:
    """Rural and urban participants are the sums of the rural and the urban settlements (public
    ELSTAT facts), when every settlement of the table is one of this municipality's."""
    table = report.tables.get(SETTLEMENTS)
    if table is None or GROUP not in report.tables:
        return []
    codes = [row for row, _label in table.rows if row not in ("not_stated", TOTAL)]
    urban = dict(Settlement.objects.filter(code__in=codes).values_list("code", "is_urban"))
    if not codes or len(urban) != len(codes):  # e.g. a roll-up of several municipalities
        return []
    return [
        _same(f"{GROUP}.rural_area.{answer}",
              tuple(f"{SETTLEMENTS}.{code}" for code in codes if urban[code] is is_urban))
        for answer, is_urban in (("yes", False), ("no", True))
    ]  # fmt: skip


def counts_of(report: Report) -> tuple[_Figures, Counts]:
    """The report as one system of counts (also what tests audit independently)."""
    figures = _Figures(report)
    totals = figures.totals()
    exempt = figures.exempt()
    scale = sum(figures.values) + 1
    cost = [
        None if v in exempt else (TOTAL_COST if v in totals else 1.0) + value / scale
        for v, value in enumerate(figures.values)
    ]
    equations, inequalities = _identities(figures)
    counts = Counts(
        figures.values,
        equations=_table_sums(figures) + equations,
        inequalities=inequalities,
        totals=frozenset(totals),
        cost=cost,
        sensitive=frozenset(range(len(figures.values))) - exempt,
        step=2,
    )
    return figures, counts


def publish(report: Report, threshold: int = 5) -> Report:
    """The report for publication: publication=True, every hidden count None ("<5")."""
    if report.publication:
        raise ValueError("the report is already in publication mode")
    figures, counts = counts_of(report)
    hidden, exposed = protect(counts, threshold)
    if exposed:
        log.error("Suppression left %d small counts that the totals alone reveal", len(exposed))
    tables = {}
    for key, table in report.tables.items():
        values = {}
        for row, column, value in table.cells():
            shown = None if figures.index[(key, row, column)] in hidden else value
            if column is None:
                values[row] = shown
            else:
                values.setdefault(row, {})[column] = shown
        tables[key] = replace(table, values=values)
    return report.with_tables(tables, publication=True)
