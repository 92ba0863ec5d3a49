"""What a reader of published counts can work out, computed apart from the suppression code.

A reader knows every shown count, how counts add up, that a hidden count is ≥ 0 and that a
total shown as "<5" is 1..4. `ranges()` gives each hidden count's least and greatest value by
linear programming (scipy's linprog); `completions()` lists every integer completion of a tiny
table by brute force.
"""

from __future__ import annotations

import itertools

import numpy as np
from scipy.optimize import linprog


def ranges(shown: dict, bounds: dict, equations: list[dict], inequalities=()) -> dict:
    """{name: (least, greatest)} of each hidden name (a key of `bounds`) given the shown values,
    equations Σ coef·name = 0 and inequalities Σ coef·name ≤ 0 over names."""
    names = sorted(bounds, key=repr)
    at = {name: i for i, name in enumerate(names)}

    def rows(relations):
        matrix, rhs = [], []
        for relation in relations:
            row = np.zeros(len(names))
            constant = 0.0
            for name, coef in relation.items():
                if name in at:
                    row[at[name]] += coef
                else:
                    constant += coef * shown[name]
            if row.any():
                matrix.append(row)
                rhs.append(-constant)
            else:
                assert constant == 0 or relations is not equations, relation
        return (np.array(matrix) if matrix else None), (np.array(rhs) if rhs else None)

    a_eq, b_eq = rows(equations)
    a_ub, b_ub = rows(inequalities)
    found = {}
    for name in names:
        objective = np.zeros(len(names))
        objective[at[name]] = 1.0
        ends = []
        for sign in (1.0, -1.0):
            result = linprog(
                sign * objective, A_eq=a_eq, b_eq=b_eq, A_ub=a_ub, b_ub=b_ub,
                bounds=[bounds[n] for n in names], method="highs",
            )  # fmt: skip
            assert result.status in (0, 3), result.message  # 3: unbounded above
            ends.append(np.inf if result.status == 3 else sign * result.fun)
        found[name] = (ends[0], ends[1])
    return found


def table_view(cells: list[list[int]], published, threshold: int = 5):
    """(shown, bounds, equations) of a table published by `suppress_table`, written out anew."""
    m, n = len(cells), len(cells[0])
    as_list = m == 1 or n == 1
    true = {("cell", i, j): cells[i][j] for i in range(m) for j in range(n)}
    true["grand"] = sum(map(sum, cells))
    out = {("cell", i, j): published.cells[i][j] for i in range(m) for j in range(n)}
    out["grand"] = published.grand_total
    equations = []
    if as_list:
        equations.append({**{key: 1 for key in true if key != "grand"}, "grand": -1})
    else:
        for i in range(m):
            true[("row", i)] = sum(cells[i])
            out[("row", i)] = published.row_totals[i]
            equations.append({**{("cell", i, j): 1 for j in range(n)}, ("row", i): -1})
        for j in range(n):
            true[("col", j)] = sum(row[j] for row in cells)
            out[("col", j)] = published.column_totals[j]
            equations.append({**{("cell", i, j): 1 for i in range(m)}, ("col", j): -1})
        equations.append({**{("row", i): 1 for i in range(m)}, "grand": -1})
    shown = {key: value for key, value in out.items() if value is not None}
    bounds = {}
    for key, value in out.items():
        if value is None:
            small_total = key[0] != "cell" and 0 < true[key] < threshold
            bounds[key] = (1, threshold - 1) if small_total else (0, None)
    return true, shown, bounds, equations


def completions(cells: list[list[int | None]], limit: int, check) -> list[tuple[int, ...]]:
    """Every filling of the hidden cells with 0..limit that `check(filled table)` accepts."""
    holes = [(i, j) for i, row in enumerate(cells) for j, value in enumerate(row) if value is None]
    found = []
    for choice in itertools.product(range(limit + 1), repeat=len(holes)):
        table = [list(row) for row in cells]
        for (i, j), value in zip(holes, choice, strict=True):
            table[i][j] = value
        if check(table):
            found.append(choice)
    return found
