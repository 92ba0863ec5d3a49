"""docs/report_format.md describes every table and every fixed row and column key that the
report counts (rows from the Centre's own lists — categories, bodies, programmes, settlements —
are described as a kind, not one by one)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reporting.figures import build_report
from reporting.period import Period

DOC = Path(__file__).resolve().parents[2] / "docs" / "report_format.md"
# Tables whose rows are the codes of the Centre's own lists (and their total).
LISTED_ROWS = {"requests_by_category", "needs_by_category", "referrals_by_body",
               "applications_by_programme", "participants_by_settlement"}  # fmt: skip


@pytest.mark.django_db
def test_the_format_document_names_every_table_and_key():
    text = DOC.read_text()
    report = build_report(Period.month(2026, 4))
    missing = []
    for key, table in report.tables.items():
        keys = [key] + [column for column, _label in table.columns or []]
        if key not in LISTED_ROWS:
            keys += [row for row, _label in table.rows]
        missing += [f"{key}: {name}" for name in keys if f"`{name}`" not in text]
    assert missing == []
    assert len(report.tables) == 18
    assert "## Ελληνικά" in text and "## English" in text
