"""Small-cell and complementary suppression on any linear system of counts.

`Counts` holds the true values of a set of non-negative integer counts and what a reader knows
ties them together: equations (Σ coef·x = 0) and inequalities (Σ coef·x ≤ 0). `protect()`
hides every count from 1 to threshold−1 (primary suppression), then audits what a reader can
still work out and hides more (complements) until no hidden small count is pinned to one value.

The reader's knowledge in the audit: every shown value, every relation, that a hidden count is
≥ 0, and that a hidden *total* that was hidden for being small lies in 1..threshold−1. The
unknowns split into groups that no relation connects, audited apart. In each, a few LPs (scipy's
`linprog`, HiGHS) find the bounds and inequalities that hold with equality on every real
solution, and a null space then gives the counts those equations determine: pinned over the
reals, so over the integers too. Where the relations are not totally unimodular (across the
tables of a report), a count free over the reals is confirmed free over the integers by integer
programs (`milp`): each solution is a complete alternative set of counts, a witness for every
count it changes, so most counts need no solve of their own.

A pinned count is freed by the cheapest perturbation: an integer change `d` of the counts with
`d[target] = ±1` that keeps every relation and every bound, touching shown counts only where
they are hidden as well (a binary choice per shown count, at `cost[i]`), sought first among the
counts one or two relations away. Hiding more never pins a count that was free, so every pinned
count is freed in turn and one audit at the end confirms it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

import numpy as np
from scipy.linalg import null_space
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import coo_array

Relation = dict[int, int]  # variable index → coefficient


@dataclass
class Counts:
    values: list[int]
    equations: list[Relation] = field(default_factory=list)  # Σ coef·x = 0
    inequalities: list[Relation] = field(default_factory=list)  # Σ coef·x ≤ 0
    totals: frozenset[int] = frozenset()  # hidden when small, a reader knows 1..threshold−1
    cost: list[float | None] = field(default_factory=list)  # of hiding; None: never hidden
    sensitive: frozenset[int] | None = None  # counts under the small-cell rule (None: all)
    step: int = 1  # the largest change of one count a minimal perturbation needs
    unimodular: bool = False  # a real range of two values or more holds two integers
    seen: dict = field(default_factory=dict, repr=False, compare=False)  # audits of groups


class _Problem:
    """The relations restricted to some variables; the others are constants at their values."""

    def __init__(self, counts: Counts, variables: list[int]) -> None:
        self.variables = variables
        self.position = {v: i for i, v in enumerate(variables)}
        values = counts.values
        self.eq = self._rows(counts.equations, values)
        self.ub = self._rows(counts.inequalities, values)

    def _rows(self, relations: list[Relation], values: list[int]):
        rows, cols, data, rhs = [], [], [], []
        for relation in relations:
            inside = [(self.position[v], c) for v, c in relation.items() if v in self.position]
            if not inside:
                continue
            for col, coef in inside:
                rows.append(len(rhs))
                cols.append(col)
                data.append(coef)
            rhs.append(-sum(c * values[v] for v, c in relation.items() if v not in self.position))
        return rows, cols, data, rhs

    def constraints(self, width: int, extra: list | None = None) -> list[LinearConstraint]:
        found = []
        for (rows, cols, data, rhs), equality in ((self.eq, True), (self.ub, False)):
            if rhs:
                matrix = coo_array((data, (rows, cols)), shape=(len(rhs), width)).tocsr()
                low = np.array(rhs, dtype=float) if equality else -np.inf
                found.append(LinearConstraint(matrix, low, np.array(rhs, dtype=float)))
        return found + (extra or [])


def _components(variables: set[int], relations: Iterable[Relation]) -> list[list[int]]:
    """The variables grouped by the relations that join them (union-find)."""
    parent = {v: v for v in variables}

    def root(v: int) -> int:
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    for relation in relations:
        inside = [v for v in relation if v in parent]
        for other in inside[1:]:
            parent[root(other)] = root(inside[0])
    groups: dict[int, list[int]] = {}
    for v in sorted(variables):
        groups.setdefault(root(v), []).append(v)
    return list(groups.values())


def _reader_bounds(counts: Counts, variables: list[int], threshold: int):
    low, high = [], []
    for v in variables:
        small_total = v in counts.totals and 0 < counts.values[v] < threshold
        low.append(1 if small_total else 0)
        high.append(threshold - 1 if small_total else np.inf)
    return np.array(low, dtype=float), np.array(high, dtype=float)


def pinned(
    counts: Counts, hidden: set[int], candidates: Iterable[int], threshold: int
) -> list[int]:
    """The candidates (hidden counts) a reader can work out exactly from what is shown."""
    relations = counts.equations + counts.inequalities
    wanted = set(candidates)
    found = []
    for group in _components(hidden, relations):
        targets = [v for v in group if v in wanted]
        if targets:
            key = (tuple(group), tuple(targets))
            if key not in counts.seen:  # a group hiding no more than before: same answer
                counts.seen[key] = _pinned_in(counts, group, targets, threshold)
            found += counts.seen[key]
    return sorted(found)


def _pinned_in(counts: Counts, group: list[int], targets: list[int], threshold: int) -> list[int]:
    problem = _Problem(counts, group)
    low, high = _reader_bounds(counts, group, threshold)
    constraints = problem.constraints(len(group))
    fixed = _fixed_over_reals(problem, low, high)
    free = [v for v in targets if problem.position[v] not in fixed]
    stuck = [v for v in targets if problem.position[v] in fixed]
    if counts.unimodular or not free:
        return stuck
    return stuck + _fixed_over_integers(counts, group, free, low, high, constraints)


def _fixed_over_reals(problem: _Problem, low: np.ndarray, high: np.ndarray) -> set[int]:
    """The positions every real solution agrees on: the bounds and inequalities that hold with
    equality everywhere (found by pushing every slack open at once, a few LPs), then the
    positions the equations and those tight rows determine (a null space)."""
    n = len(problem.variables)
    eq = _dense(problem.eq, n)
    ub = _dense(problem.ub, n)
    # Each slack: a row a, bound β with a·x ≤ β; the lower bounds, finite upper bounds, rows.
    slack_rows = [-np.eye(n)[i] for i in range(n)]
    slack_bounds = [-low[i] for i in range(n)]
    for i in np.flatnonzero(np.isfinite(high)):
        slack_rows.append(np.eye(n)[i])
        slack_bounds.append(high[i])
    slack_rows += list(ub[0])
    slack_bounds += list(ub[1])
    a, beta = np.array(slack_rows).reshape(-1, n), np.array(slack_bounds)
    tight = set(range(len(beta)))
    while tight:
        opened = _open_slacks(a, beta, sorted(tight), eq, n)
        if not opened:
            break
        tight -= opened
    system = np.vstack([eq[0], a[sorted(tight)]]) if tight else eq[0]
    if system.shape[0] == 0:
        return set()
    basis = null_space(system)
    if basis.shape[1] == 0:
        return set(range(n))
    return {i for i in range(n) if np.max(np.abs(basis[i])) < 1e-9}


def _open_slacks(a, beta, items: list[int], eq, n: int) -> set[int]:
    """Maximise Σ z over `items`, z ≤ β − a·x, 0 ≤ z ≤ 1: the items that open (z > 0)."""
    k = len(items)
    objective = np.concatenate([np.zeros(n), -np.ones(k)])
    a_ub = np.hstack([a, np.zeros((len(beta), k))])
    for column, item in enumerate(items):
        a_ub[item, n + column] = 1.0
    a_eq = np.hstack([eq[0], np.zeros((eq[0].shape[0], k))]) if eq[0].shape[0] else None
    result = linprog(
        objective,
        A_ub=a_ub,
        b_ub=beta,
        A_eq=a_eq,
        b_eq=eq[1] if a_eq is not None else None,
        bounds=[(None, None)] * n + [(0, 1)] * k,
        method="highs",
    )
    if result.x is None:
        return set()
    return {item for column, item in enumerate(items) if result.x[n + column] > 1e-7}


def _dense(rows_cols_data_rhs, n: int) -> tuple[np.ndarray, np.ndarray]:
    rows, cols, data, rhs = rows_cols_data_rhs
    matrix = np.zeros((len(rhs), n))
    for row, col, value in zip(rows, cols, data, strict=True):
        matrix[row, col] += value
    return matrix, np.array(rhs, dtype=float)


def _fixed_over_integers(counts, group, free, low, high, constraints) -> list[int]:
    """Of the counts free over the reals, those every integer solution still agrees on:
    a witness solution that moves a count frees it; each solve moves many at once."""
    position = {v: i for i, v in enumerate(group)}
    truth = np.array([counts.values[v] for v in group], dtype=float)
    open_ = {position[v] for v in free}

    def solve(objective: np.ndarray) -> None:
        result = milp(
            objective, integrality=np.ones(len(group)), bounds=Bounds(low, high),
            constraints=constraints,
        )  # fmt: skip
        if result.x is not None:
            open_.difference_update(np.flatnonzero(np.abs(result.x - truth) > 0.5).tolist())

    together = np.zeros(len(group))
    together[sorted(open_)] = 1.0
    for sign in (-1.0, 1.0):
        if open_:
            solve(sign * together)
    stuck = []
    for at in sorted(open_):
        for sign in (-1.0, 1.0):
            if at in open_:
                objective = np.zeros(len(group))
                objective[at] = sign
                solve(objective)
        if at in open_:
            stuck.append(group[at])
            open_.discard(at)
    return stuck


def complements(counts: Counts, hidden: set[int], target: int, threshold: int) -> set[int] | None:
    """The cheapest set of shown counts whose hiding frees `target`; None if none can."""
    hideable = {v for v, c in enumerate(counts.cost) if c is not None} | hidden
    relations = counts.equations + counts.inequalities
    group = next(g for g in _components(hideable, relations) if target in g)
    # First among the counts near the target (one relation away, then two; the others stay as
    # they are), where a complement usually is; only if none frees it there, the whole group.
    tried: set[int] = set()
    for steps in (1, 2, len(group)):
        near = _near(target, set(group), relations, steps)
        if near == tried:
            continue
        tried = near
        variables = [v for v in group if v in near]
        best: tuple[float, set[int]] | None = None
        for direction in (1, -1):
            found = _perturbation(counts, hidden, variables, target, direction, threshold)
            if found is not None and (best is None or found[0] < best[0]):
                best = found
        if best is not None:
            return best[1]
    return None


def _near(target: int, group: set[int], relations: list[Relation], steps: int) -> set[int]:
    found = {target}
    for _step in range(steps):
        grown = found | {v for r in relations if found.intersection(r) for v in r if v in group}
        if grown == found:
            break
        found = grown
    return found


def _perturbation(counts, hidden, group, target, direction, threshold):
    problem = _Problem(counts, group)
    n = len(group)
    shown = [i for i, v in enumerate(group) if v not in hidden]
    low, high = _reader_bounds(counts, group, threshold)
    truth = np.array([counts.values[v] for v in group], dtype=float)
    # Variables: the change d of each count of the group, then one choice y per shown count.
    d_low, d_high = low - truth, np.minimum(high - truth, counts.step)
    t = problem.position[target]
    if not d_low[t] <= direction <= d_high[t]:  # the target itself cannot move this way
        return None
    d_low[t] = d_high[t] = direction
    width = n + len(shown)
    rows, cols, data = [], [], []
    for k, i in enumerate(shown):  # |d| ≤ step·y: a shown count moves only if hidden as well
        rows += [2 * k, 2 * k, 2 * k + 1, 2 * k + 1]
        cols += [i, n + k, i, n + k]
        data += [1.0, -float(counts.step), -1.0, -float(counts.step)]
    link = LinearConstraint(
        coo_array((data, (rows, cols)), shape=(2 * len(shown), width)).tocsr(), -np.inf, 0.0
    )
    problem_constraints = []
    for constraint in problem.constraints(n):
        matrix = coo_array(constraint.A)
        padded = coo_array((matrix.data, (matrix.row, matrix.col)), shape=(matrix.shape[0], width))
        # The changes keep equations at zero; inequalities keep their slack.
        problem_constraints.append(_shifted(constraint, padded.tocsr(), truth))
    cost = np.concatenate([np.zeros(n), [counts.cost[group[i]] for i in shown]])
    result = milp(
        cost,
        integrality=np.ones(width),
        bounds=Bounds(
            np.concatenate([d_low, np.zeros(len(shown))]),
            np.concatenate([d_high, np.ones(len(shown))]),
        ),
        constraints=problem_constraints + [link],
    )
    if result.x is None:
        return None
    chosen = {group[shown[k]] for k in range(len(shown)) if result.x[n + k] > 0.5}
    return float(result.fun), chosen


def _shifted(constraint: LinearConstraint, matrix, truth: np.ndarray) -> LinearConstraint:
    """The constraint on the values, rewritten for the change d: A·(truth + d) within bounds."""
    base = constraint.A @ truth
    return LinearConstraint(matrix, constraint.lb - base, constraint.ub - base)


def protect(counts: Counts, threshold: int) -> tuple[set[int], list[int]]:
    """(The counts to hide, the small hidden counts no choice of complements could free)."""
    sensitive = counts.sensitive
    hidden = {
        v
        for v, value in enumerate(counts.values)
        if 0 < value < threshold and (sensitive is None or v in sensitive)
    }
    exposed: list[int] = []
    todo = pinned(counts, hidden, hidden, threshold)
    while todo:  # each target freed (or found exposed) in turn, then one audit to confirm
        for target in todo:
            extra = complements(counts, hidden, target, threshold)
            if extra is None and counts.step < sum(counts.values):  # a perturbation needs more
                wide = replace(counts, step=sum(counts.values))
                extra = complements(wide, hidden, target, threshold)
            if extra is None:
                exposed.append(target)
            else:
                hidden |= extra
        todo = [v for v in pinned(counts, hidden, todo, threshold) if v not in exposed]
    return hidden, exposed
