"""A report as data: its tables of counts, and the JSON form every export and check reads.

One `Table` is either a list of counts, one per row (`columns is None`: `values` maps a row key
to its count), or a grid (`values` maps a row key to a dict of column key → count). The key
`TOTAL` ("total") is reserved for published totals: a row's total in a grid (`values[row]
["total"]`), a totals row (`values["total"]`), or the sum of a list's rows (`participants`).
A list without its own total adds up to another figure, named by `total_of`
("participants.total", "totals.requests"). A grid whose rows overlap (a person is in several)
has `partition=False` and no column totals.

In publication mode a suppressed count is None, written "<5". The JSON form is exactly
`Report.to_json_dict()`; docs/report_format.md describes each table and key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from reporting.period import ATHENS, Period

FORMAT = "kk-report"
FORMAT_VERSION = 1
TOTAL = "total"
SUPPRESSED_TEXT = "<5"

Count = int | None  # None: suppressed in publication mode


@dataclass
class Table:
    key: str
    title: str
    rows: list[tuple[str, str]]  # (key, label) in the order shown, totals row included
    values: dict  # {row: count} or {row: {column: count}}
    columns: list[tuple[str, str]] | None = None  # (key, label); None for a list of counts
    total_of: str | None = None  # "table.row" the rows of a list add up to
    partition: bool = True  # rows are disjoint (a person is counted in one row only)
    note: str = ""  # what is counted, one Greek sentence for the screen and the PDF

    @property
    def is_grid(self) -> bool:
        return self.columns is not None

    def cells(self) -> Iterator[tuple[str, str | None, Count]]:
        """(row key, column key or None, count) of every figure, totals included, in order."""
        for row, _label in self.rows:
            if self.columns is None:
                yield row, None, self.values[row]
            else:
                for column, _label in self.columns:
                    yield row, column, self.values[row][column]

    def get(self, row: str, column: str | None = None) -> Count:
        value = self.values[row]
        return value if column is None else value[column]

    def to_json(self) -> dict:
        if self.columns is None:
            return {row: self.values[row] for row, _label in self.rows}
        return {
            row: {column: self.values[row][column] for column, _label in self.columns}
            for row, _label in self.rows
        }


@dataclass
class Report:
    centre: dict  # {"name": …, "municipality": …}
    period: Period
    generated_at: datetime
    tables: dict[str, Table]
    signed_off: bool = False
    publication: bool = False
    # Records of the period changed after sign-off (None: not signed, or not checked).
    changed_after_sign_off: int | None = None
    extra: dict = field(default_factory=dict)  # e.g. roll-up: the centres merged
    # Who signed the month off and when, for the exports' particulars; not in the JSON form.
    signed_by: str = ""
    signed_at: datetime | None = None

    def figure(self, path: str) -> Count:
        """A figure by "table.row" or "table.row.column"."""
        table, *keys = path.split(".")
        return self.tables[table].get(*keys)

    def with_tables(self, tables: dict[str, Table], **changes) -> Report:
        return replace(self, tables=tables, **changes)

    def to_json_dict(self) -> dict:
        """The kk-report document; with `_json_value`, suppressed counts become "<5"."""
        document = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "centre": dict(self.centre),
            "period": self.period.as_dict(),
            "generated_at": self.generated_at.astimezone(ATHENS).isoformat(timespec="seconds"),
            "signed_off": self.signed_off,
            "publication": self.publication,
            "tables": {key: _json_value(table.to_json()) for key, table in self.tables.items()},
        }
        document.update(self.extra)
        return document

    @classmethod
    def from_json_dict(
        cls, document: dict, describe: Callable[[str, list[str], list[str] | None], Table]
    ) -> Report:
        """The report a kk-report document holds. `describe(table_key, row_keys, column_keys)`
        gives a Table with titles and labels (its values are replaced by the document's)."""
        tables = {}
        for key, values in document["tables"].items():
            rows = list(values)
            first = next(iter(values.values()), None)
            columns = list(first) if isinstance(first, dict) else None
            shell = describe(key, rows, columns)
            tables[key] = replace(shell, values=_from_json_value(values))
        return cls(
            centre=document["centre"],
            period=Period(
                date.fromisoformat(document["period"]["from"]),
                date.fromisoformat(document["period"]["to"]),
            ),
            generated_at=datetime.fromisoformat(document["generated_at"]),
            tables=tables,
            signed_off=document["signed_off"],
            publication=document["publication"],
        )


def _json_value(value):
    if isinstance(value, dict):
        return {key: _json_value(inner) for key, inner in value.items()}
    return SUPPRESSED_TEXT if value is None else value


def _from_json_value(value):
    if isinstance(value, dict):
        return {key: _from_json_value(inner) for key, inner in value.items()}
    return None if value == SUPPRESSED_TEXT else value


def display(value: Count) -> str:
    """A count as printed: "<5" when suppressed, else the number with Greek grouping."""
    if value is None:
        return SUPPRESSED_TEXT
    return f"{value:,}".replace(",", ".")
