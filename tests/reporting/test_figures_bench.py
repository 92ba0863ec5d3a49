"""The benchmark's hand-written SQL pass counts the same participant figures as the report, so
the two timings `make bench` prints beside each other are of the same work."""

from __future__ import annotations

from collections import Counter

from demo.bench_reporting import busiest_month, participant_tables
from reporting.figures import build_report
from reporting.period import Period
from tests.reporting.figures_data import April
from tests.reporting.test_figures import APRIL, values

# The columns of the statement's rows, before the count.
COLUMNS = ["sex", "new", "age", "citizenship", "education", "labour_status", "disability",
           "foreign_background", "minority", "housing", "rural", "eee_beneficiary",
           "settlement"]  # fmt: skip


def totals_by(rows: list[tuple], column: str, grouping: set[str]) -> dict:
    """The counts of the grouping set `grouping`, added up by `column`."""
    index = COLUMNS.index(column)
    counted = Counter()
    for row in rows:
        if {
            name for name, value in zip(COLUMNS, row, strict=False) if value is not None
        } == grouping:
            counted[row[index]] += row[-1]
    return dict(counted)


def by(rows: list[tuple], column: str) -> dict:
    return totals_by(rows, column, {"sex", column})


def test_the_hand_written_pass_counts_what_the_report_counts(db):
    April()
    rows = participant_tables(APRIL)
    report = build_report(APRIL)
    assert totals_by(rows, "sex", {"sex", "new"}) == values(report, "participants_by_gender")
    assert by(rows, "age") == values(report, "participants_by_age")
    assert by(rows, "new") == {True: 2, False: 13}
    labour = values(report, "participants_by_labour_status")
    assert by(rows, "labour_status") == labour
    assert totals_by(rows, "settlement", {"settlement"}) == values(
        report, "participants_by_settlement"
    )
    groups = values(report, "participants_by_group")
    for column, group in [("housing", "homeless_or_housing_exclusion"), ("rural", "rural_area")]:
        assert by(rows, column) == {k: v for k, v in groups[group].items() if k != "total"}


def test_the_busiest_month_is_the_one_with_most_requests(db):
    April()
    assert busiest_month() == APRIL
    assert isinstance(busiest_month(), Period)
