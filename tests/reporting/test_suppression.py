"""Small-cell and complementary suppression of one table: properties checked by a reader that
works apart from the code under test (tests/reporting/reader.py)."""

from __future__ import annotations

import random
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reporting.suppression import suppress, suppress_table
from tests.reporting.reader import completions, ranges, table_view

count = st.one_of(st.just(0), st.integers(1, 4), st.integers(5, 40))
tables = st.integers(1, 5).flatmap(
    lambda n: st.lists(st.lists(count, min_size=n, max_size=n), min_size=1, max_size=5)
)
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def hidden_small(true: dict, bounds: dict) -> list:
    return [key for key in bounds if 0 < true[key] < 5]


@PROPERTY
@given(tables)
def test_it_hides_every_small_cell_and_shows_the_others_as_they_are(table):
    published = suppress(table)
    assert [len(row) for row in published] == [len(row) for row in table]
    for row, shown in zip(table, published, strict=True):
        for value, out in zip(row, shown, strict=True):
            assert out is None or out == value
            if 0 < value < 5:
                assert out is None


@PROPERTY
@given(tables)
def test_no_hidden_small_count_can_be_worked_out_from_what_is_shown(table):
    published = suppress_table(table)
    assert published.cells == suppress(table)
    true, shown, bounds, equations = table_view(table, published)
    for key, value in shown.items():
        assert value == true[key] and not 0 < value < 5, key
    found = ranges(shown, bounds, equations)
    for key in hidden_small(true, bounds):
        least, greatest = found[key]
        assert greatest - least >= 1 - 1e-6, (key, true[key], found[key])


@PROPERTY
@given(tables)
def test_a_large_total_is_hidden_only_when_no_choice_of_cells_can_protect(table):
    published = suppress_table(table)
    true, _shown, bounds, _equations = table_view(table, published)
    if any(key[0] != "cell" and not 0 < true[key] < 5 for key in bounds):
        # Even hiding every cell, with the large totals shown, leaves a small count pinned.
        def shown_if_large(value):
            return None if 0 < value < 5 else value

        published.cells = [[None] * len(row) for row in table]
        published.row_totals = [shown_if_large(sum(row)) for row in table][
            : len(published.row_totals)
        ]
        published.column_totals = [
            shown_if_large(sum(column)) for column in zip(*table, strict=True)
        ][: len(published.column_totals)]
        published.grand_total = shown_if_large(sum(map(sum, table)))
        true, shown, bounds, equations = table_view(table, published)
        found = ranges(shown, bounds, equations)
        assert any(found[k][1] - found[k][0] < 0.5 for k in hidden_small(true, bounds))


@PROPERTY
@given(st.integers(1, 5).flatmap(
    lambda n: st.lists(
        st.lists(st.one_of(st.just(0), st.integers(5, 60)), min_size=n, max_size=n),
        min_size=1, max_size=5,
    )
))  # fmt: skip
def test_a_table_without_small_cells_hides_nothing(table):
    assert suppress(table) == table
    published = suppress_table(table)
    assert None not in published.row_totals + published.column_totals
    assert published.grand_total == sum(map(sum, table))


@PROPERTY
@given(tables)
def test_every_complement_is_needed(table):
    published = suppress_table(table)
    complements = [
        (i, j)
        for i, row in enumerate(published.cells)
        for j, value in enumerate(row)
        if value is None and not 0 < table[i][j] < 5
    ]
    for i, j in complements:
        published.cells[i][j] = table[i][j]
        true, shown, bounds, equations = table_view(table, published)
        found = ranges(shown, bounds, equations)
        assert any(found[k][1] - found[k][0] < 0.5 for k in hidden_small(true, bounds)), (i, j)
        published.cells[i][j] = None


tiny = st.one_of(  # at most four cells, so that 8⁴ fillings are few
    st.lists(st.lists(st.integers(0, 6), min_size=1, max_size=4), min_size=1, max_size=1),
    st.lists(st.lists(st.integers(0, 6), min_size=2, max_size=2), min_size=2, max_size=2),
)


@settings(max_examples=40, deadline=None)
@given(tiny)
def test_every_hidden_small_cell_has_two_integer_completions(table):
    """Brute force: every filling of the hidden cells that agrees with what is shown."""
    published = suppress_table(table)
    m, n = len(table), len(table[0])
    as_list = m == 1 or n == 1

    def shown_as(value, published_value, true_value):
        if published_value is not None:
            return value == published_value
        return 0 < value < 5 if 0 < true_value < 5 else True

    def agrees(filled):
        grand = sum(map(sum, filled))
        if not shown_as(grand, published.grand_total, sum(map(sum, table))):
            return False
        if as_list:
            return True
        rows = all(
            shown_as(sum(filled[i]), published.row_totals[i], sum(table[i])) for i in range(m)
        )
        columns = all(
            shown_as(
                sum(r[j] for r in filled), published.column_totals[j], sum(r[j] for r in table)
            )
            for j in range(n)
        )
        return rows and columns

    holes = [(i, j) for i in range(m) for j in range(n) if published.cells[i][j] is None]
    found = completions(published.cells, max(map(max, table)) + 1, agrees)  # one unit up
    assert tuple(table[i][j] for i, j in holes) in found
    for position, (i, j) in enumerate(holes):
        if 0 < table[i][j] < 5:
            assert len({choice[position] for choice in found}) >= 2, (i, j, found)


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ([], []),
        ([[]], [[]]),
        ([[0]], [[0]]),
        ([[3]], [[None]]),
        ([[12]], [[12]]),
        ([[0, 0], [0, 0]], [[0, 0], [0, 0]]),
        ([[1, 2], [3, 4]], [[None, None], [None, None]]),
        ([[3, 10, 0, 7]], [[None, 10, None, 7]]),  # a zero is the cheapest complement
        ([[3], [9], [12]], [[None], [None], [12]]),
        ([[3, 10], [7, 8]], [[None, None], [None, None]]),
        # The cheapest rectangle: 20, 7 and 9 (36) rather than 20, 6 and 40.
        ([[2, 20, 30], [6, 40, 50], [7, 9, 60]], [[None, None, 30], [6, 40, 50], [None, None, 60]]),
    ],
)
def test_it_handles_the_edge_cases(table, expected):
    assert suppress(table) == expected


def test_it_protects_a_small_total_with_a_small_one_beside_it():
    published = suppress_table([[3, 0], [0, 0]])
    assert published.cells == [[None, 0], [0, 0]]
    assert published.row_totals == [None, 0] and published.grand_total is None


def test_it_hides_a_large_total_only_where_the_totals_alone_reveal_a_small_one():
    # Column totals 3 ("<5") and 5; the 5 shows the second cell, the grand total 8 the first.
    published = suppress_table([[3, 5], [0, 0]])
    assert published.column_totals == [None, None]
    assert published.cells == [[None, None], [0, 0]]


@pytest.mark.parametrize("bad", [[[1, 2], [3]], [[-1]], [[1.5]], [[True]]])
def test_it_refuses_what_is_not_a_table_of_counts(bad):
    with pytest.raises(ValueError):
        suppress(bad)


def test_it_suppresses_a_table_of_seventy_rows_and_eight_columns_quickly():
    generator = random.Random(11)
    table = [
        [generator.choice([0, 0, 1, 2, 3, 4, 6, 9, 15, 40]) for _column in range(8)]
        for _row in range(70)
    ]
    started = time.perf_counter()
    published = suppress(table)
    elapsed = time.perf_counter() - started
    assert all(out is None for row, shown in zip(table, published, strict=True)
               for value, out in zip(row, shown, strict=True) if 0 < value < 5)  # fmt: skip
    assert elapsed < 2.0, elapsed  # about 0.3 s on one core; the bound guards a pathology
