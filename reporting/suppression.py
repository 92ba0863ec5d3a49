"""Small-cell suppression of one table of counts with its row, column and grand totals.

`suppress(table, threshold=5)` is the public contract: the cells of a table (a list of rows of
non-negative integers) with None for every cell to hide. Cells from 1 to threshold−1 are hidden;
then complements, until no hidden small cell can be worked out from the shown cells and the
totals a caller shows beside the table — every row total, column total and the grand total that
is 0 or at least the threshold; a total from 1 to threshold−1 is shown as "<5". Zeros stay
visible unless one is needed as a complement. Complements are chosen to hide as few cells as
possible, then the smallest values (see `reporting.suppression_lp`).

A table of one row or one column is a list: its cells and the total they add up to (the totals
of the other direction would be the cells themselves, so a caller does not show them twice).

`suppress_table()` gives the totals to hide as well. In a few shapes no choice of cells is
enough — a table [[3, 5], [0, 0]] shows column totals 3 ("<5") and 5, the latter reveals the 5,
and the grand total 8 then reveals the 3 — and it hides a total that is 0 or at least the
threshold, which `suppress()` cannot tell its caller; `publish()` uses the same engine with the
totals in reach.
"""

from __future__ import annotations

from dataclasses import dataclass

from reporting import suppression_lp
from reporting.suppression_network import Edge, Network
from reporting.suppression_network import protect as protect_network

TOTAL_COST = 1000.0  # hide a total only when no choice of cells frees a count


@dataclass
class Suppressed:
    """A table as published: cells and totals, None where hidden."""

    cells: list[list[int | None]]
    row_totals: list[int | None]  # [] for a table of one column (the cells are the totals)
    column_totals: list[int | None]  # [] for a table of one row
    grand_total: int | None


def suppress(table: list[list[int]], threshold: int = 5) -> list[list[int | None]]:
    """The cells to publish, None where hidden; safe beside every total 0 or ≥ threshold."""
    return suppress_table(table, threshold).cells


def suppress_table(table: list[list[int]], threshold: int = 5) -> Suppressed:
    rows = [list(row) for row in table]
    _check(rows, threshold)
    if not rows or not rows[0]:
        return Suppressed([[] for _ in rows], [], [], 0)
    layout = _Layout(len(rows), len(rows[0]))
    counts = layout.counts([value for row in rows for value in row])
    if layout.is_list:
        hidden, _exposed = suppression_lp.protect(counts, threshold)
    else:
        hidden, _exposed = protect_network(
            layout.network(counts, threshold), counts.cost, threshold
        )
    shown = [None if i in hidden else value for i, value in enumerate(counts.values)]
    return layout.read(shown)


def _check(rows: list[list[int]], threshold: int) -> None:
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1:
        raise ValueError("threshold must be a positive integer")
    if any(len(row) != len(rows[0]) for row in rows):
        raise ValueError("every row of the table must have the same number of cells")
    for row in rows:
        for value in row:
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError("cells must be non-negative integers")


class _Layout:
    """Where each cell and total sits among the variables, and the sums that join them."""

    def __init__(self, m: int, n: int) -> None:
        self.m, self.n = m, n
        self.is_list = m == 1 or n == 1
        self.size = m * n
        self.row_total = [] if self.is_list else [self.size + i for i in range(m)]
        self.column_total = [] if self.is_list else [self.size + m + j for j in range(n)]
        self.grand = self.size if self.is_list else self.size + m + n

    def network(self, counts: suppression_lp.Counts, threshold: int) -> Network:
        m, n = self.m, self.n
        edges = [Edge(i, j, 1) for i in range(m) for j in range(n)]
        edges += [Edge(i, n, -1) for i in range(m)] + [Edge(m, j, -1) for j in range(n)]
        edges.append(Edge(m, n, 1))
        small = [
            v in counts.totals and 0 < value < threshold for v, value in enumerate(counts.values)
        ]
        low = [1 if is_small else 0 for is_small in small]
        high = [threshold - 1 if is_small else float("inf") for is_small in small]
        return Network(edges, counts.values, low, high)

    def counts(self, cells: list[int]) -> suppression_lp.Counts:
        m, n = self.m, self.n
        cell = [[i * n + j for j in range(n)] for i in range(m)]
        if self.is_list:
            equations = [{**dict.fromkeys(range(self.size), 1), self.grand: -1}]
        else:
            equations = [{**dict.fromkeys(cell[i], 1), self.row_total[i]: -1} for i in range(m)]
            equations += [
                {**{cell[i][j]: 1 for i in range(m)}, self.column_total[j]: -1} for j in range(n)
            ]
            equations.append({**dict.fromkeys(self.row_total, 1), self.grand: -1})
        values = list(cells)
        if not self.is_list:
            values += [sum(cells[i * n : (i + 1) * n]) for i in range(m)]
            values += [sum(cells[j::n]) for j in range(n)]
        values.append(sum(cells))
        scale = sum(values) + 1
        totals = frozenset(range(self.size, len(values)))
        # Fewest cells first, then the smallest values.
        cost = [
            (TOTAL_COST if v in totals else 1.0) + value / scale for v, value in enumerate(values)
        ]
        return suppression_lp.Counts(values, equations, totals=totals, cost=cost, unimodular=True)

    def read(self, shown: list[int | None]) -> Suppressed:
        n = self.n
        cells = [shown[i * n : (i + 1) * n] for i in range(self.m)]
        return Suppressed(
            cells,
            [shown[v] for v in self.row_total],
            [shown[v] for v in self.column_total],
            shown[self.grand],
        )
