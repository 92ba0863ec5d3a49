"""Suppression of a two-way table with its margins, as a network: fast and exact.

A table of m rows and n columns with its row totals T, column totals C and grand total G is the
augmented (m+1)×(n+1) table of cells x, −T, −C and +G whose every row and column adds up to 0.
Each entry is an edge of the bipartite graph of its row and its column. A change of the hidden
counts that keeps every sum is a circulation on those edges, and, the matrix being totally
unimodular, a hidden count can take another integer value iff some simple cycle through its
edge can carry one unit: along the cycle entries go up and down in turn, and each must stay
within what a reader knows of it (≥ 0; a total hidden for being small: 1..threshold−1).

So a count is pinned iff its edge closes no directed cycle of the residual graph (an entry that
can grow is an arc row→column, one that can shrink an arc column→row), and the cheapest set of
shown counts to hide that frees it is the cheapest such cycle: a shortest path (Dijkstra) where
hidden entries cost nothing and shown ones their cost of hiding.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

PRUNE_UP_TO = 150  # entries: above it, showing needless complements again costs seconds


@dataclass(frozen=True)
class Edge:
    row: int  # 0..m−1, m for the column totals' row
    column: int  # 0..n−1, n for the row totals' column
    sign: int  # +1 for a cell or the grand total, −1 for a row or column total


class Network:
    def __init__(self, edges: list[Edge], values: list[int], low: list[int], high: list[float]):
        self.edges, self.values, self.low, self.high = edges, values, low, high
        self.by_node: dict[tuple[str, int], list[int]] = {}
        for v, edge in enumerate(edges):
            self.by_node.setdefault(("r", edge.row), []).append(v)
            self.by_node.setdefault(("c", edge.column), []).append(v)

    def can_move(self, v: int, up: bool) -> bool:
        """Can entry v's edge carry one unit up (row→column) or down, within its bounds?"""
        change = self.edges[v].sign if up else -self.edges[v].sign
        return self.low[v] <= self.values[v] + change <= self.high[v]

    def _arcs(self, node: tuple[str, int], usable, skip: int):
        from_row = node[0] == "r"
        for v in self.by_node.get(node, ()):
            if v != skip and v in usable and self.can_move(v, up=from_row):
                edge = self.edges[v]
                yield v, ("c", edge.column) if from_row else ("r", edge.row)

    def cheapest_cycle(self, target: int, cost: dict[int, float]) -> tuple[float, set[int]] | None:
        """The cheapest cycle through `target` over the edges in `cost` (hidden ones cost 0)."""
        edge = self.edges[target]
        best = None
        for up in (True, False):
            if not self.can_move(target, up):
                continue
            start, goal = (("c", edge.column), ("r", edge.row))
            if not up:
                start, goal = goal, start
            found = self._shortest(start, goal, cost, target)
            if found is not None and (best is None or found[0] < best[0]):
                best = found
        return best

    def _shortest(self, start, goal, cost: dict[int, float], skip: int):
        distance = {start: 0.0}
        through: dict = {}
        queue = [(0.0, start)]
        while queue:
            far, node = heapq.heappop(queue)
            if node == goal:
                used = set()
                while node != start:
                    v, node = through[node]
                    used.add(v)
                return far, used
            if far > distance[node]:
                continue
            for v, following in self._arcs(node, cost, skip):
                candidate = far + cost[v]
                if candidate < distance.get(following, float("inf")):
                    distance[following] = candidate
                    through[following] = (v, node)
                    heapq.heappush(queue, (candidate, following))
        return None


def protect(network: Network, cost: list[float], threshold: int) -> tuple[set[int], list[int]]:
    """(The entries to hide, the small hidden entries no complements could free)."""
    hidden = {v for v, value in enumerate(network.values) if 0 < value < threshold}
    exposed = []
    todo = sorted(hidden)
    while todo:
        free = dict.fromkeys(hidden, 0.0)
        todo = [v for v in todo if network.cheapest_cycle(v, free) is None]
        if not todo:
            break
        target = todo.pop(0)
        found = network.cheapest_cycle(target, {**dict(enumerate(cost)), **free})
        if found is None:
            exposed.append(target)
        else:
            hidden |= found[1]
    if len(network.edges) <= PRUNE_UP_TO:
        hidden = _prune(network, hidden, exposed, cost, threshold)
    return hidden, exposed


def _prune(network: Network, hidden: set[int], exposed: list[int], cost, threshold) -> set[int]:
    """Show again each complement that a later choice made needless, dearest first."""
    small = [v for v in hidden if 0 < network.values[v] < threshold and v not in exposed]
    for complement in sorted(hidden - set(small), key=lambda v: -cost[v]):
        trial = dict.fromkeys(hidden - {complement}, 0.0)
        if all(network.cheapest_cycle(v, trial) is not None for v in small):
            hidden = hidden - {complement}
    return hidden
