"""The regional roll-up: signed-off reports of several Centres summed, then published."""

from __future__ import annotations

import json
import os
from dataclasses import replace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from reporting.management.commands.rollup import Command
from reporting.rollup import REGION, RollupError, rollup
from tests.reporting.synthetic import synthetic_report
from tests.reporting.test_publication import assert_published_safely

pytestmark = pytest.mark.django_db


def signed(report) -> dict:
    return replace(report, signed_off=True).to_json_dict()


@pytest.fixture
def documents():
    return [
        signed(synthetic_report(people=300, seed=1, settlements=12, name="ΚΚ Α", prefix="11")),
        signed(synthetic_report(people=80, seed=2, settlements=9, name="ΚΚ Β", prefix="22")),
    ]


def summed(documents: list[dict]) -> dict:
    """Written anew for the test: each key's sum, 0 where a Centre lacks it."""
    total: dict = {}
    for document in documents:
        for key, values in document["tables"].items():
            table = total.setdefault(key, {})
            for row, value in values.items():
                if isinstance(value, dict):
                    for column, count in value.items():
                        cells = table.setdefault(row, {})
                        cells[column] = cells.get(column, 0) + count
                else:
                    table[row] = table.get(row, 0) + value
    return total


def test_it_adds_the_centres_up_key_by_key_and_publishes_the_sum(documents):
    report = rollup(documents)
    expected = summed(documents)
    assert report.publication is True and report.signed_off is True
    assert report.centre == {"name": REGION, "centres": ["ΚΚ Α", "ΚΚ Β"]}
    assert report.period.as_dict() == documents[0]["period"]
    shown = 0
    for key, table in report.tables.items():
        for row, column, value in table.cells():
            want = expected[key][row] if column is None else expected[key][row].get(column, 0)
            assert value is None or value == want, (key, row, column)
            shown += value is not None
    assert shown > 100
    # The settlements of both municipalities, each once, "not stated" summed.
    settlements = [row for row, _label in report.tables["participants_by_settlement"].rows]
    assert len(settlements) == 12 + 9 + 1 and settlements.count("not_stated") == 1


def test_the_sum_is_published_safely_across_its_tables(documents):
    report = rollup(documents)
    exact = replace(report, publication=False, tables={
        key: replace(table, values=summed(documents)[key]) for key, table in report.tables.items()
    })  # fmt: skip
    for table in exact.tables.values():  # every grid cell, 0 where a Centre had none
        if table.is_grid:
            for row, _label in table.rows:
                for column, _l in table.columns:
                    table.values[row].setdefault(column, 0)
    assert_published_safely(exact, report)


def test_a_key_missing_in_one_centre_counts_as_zero(documents):
    del documents[1]["tables"]["requests_by_category"]["eee"]
    documents[1]["tables"]["requests_by_category"]["only_here"] = 0
    documents[1]["tables"]["requests_by_category"]["other"] += documents[0]["tables"][
        "requests_by_category"
    ]["eee"]  # keep the sum to totals.requests
    report = rollup(documents)
    rows = [row for row, _label in report.tables["requests_by_category"].rows]
    assert "eee" in rows and "only_here" in rows


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d.update(format="hmis"), "δεν είναι αναφορά kk-report"),
        (lambda d: d.update(format_version=2), "έκδοσης μορφής 2"),
        (lambda d: d.update(signed_off=False), "δεν έχει υπογραφεί"),
        (lambda d: d.update(publication=True), "για δημοσίευση"),
        (lambda d: d.update(period={"from": "2026-03-01", "to": "2026-03-31"}), "άλλη περίοδο"),
        (lambda d: d.update(period={"from": "τότε", "to": "2026-03-31"}), "δεν έχει τη δομή"),
        (lambda d: d["tables"]["totals"].update(requests="<5"), "δεν έχει τη δομή"),
        (lambda d: d["tables"]["totals"].update(requests=-2), "δεν έχει τη δομή"),
        (lambda d: d.update(tables=[]), "δεν έχει τη δομή"),
        (lambda d: d.update(centre={"name": "ΚΚ Α"}), "του ίδιου κέντρου"),
        (lambda d: d.pop("centre"), "δεν έχει τη δομή"),
    ],
)
def test_it_refuses_a_file_it_cannot_add_up_naming_it(documents, change, words):
    change(documents[1])
    with pytest.raises(RollupError) as refused:
        rollup(documents, names=["a.json", "b.json"])
    assert words in str(refused.value) and "b.json" in str(refused.value)


def test_it_refuses_what_is_not_a_document_and_an_empty_list():
    with pytest.raises(RollupError, match="x.json"):
        rollup([["not", "a", "report"]], names=["x.json"])
    with pytest.raises(RollupError):
        rollup([])


def write(tmp_path, name: str, content) -> str:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("{not json", "δεν είναι JSON"),
        ({"format": "kk-report", "format_version": 1}, "υπογραφεί"),
        ([1, 2], "δεν είναι αναφορά kk-report"),
    ],
)
def test_the_command_refuses_a_bad_file_in_one_line_and_writes_nothing(
    tmp_path, capsys, documents, content, words
):
    good = write(tmp_path, "a.json", documents[0])
    bad = write(tmp_path, "bad.json", content)
    output = tmp_path / "region.json"
    with pytest.raises(SystemExit) as exited:
        Command().run_from_argv(["manage.py", "rollup", good, bad, "--output", str(output)])
    assert exited.value.code == 1
    error = capsys.readouterr().err.strip()
    assert "\n" not in error and words in error and "bad.json" in error
    assert not output.exists() and sorted(p.name for p in tmp_path.iterdir()) == [
        "a.json", "bad.json",
    ]  # fmt: skip


def test_the_command_refuses_an_unreadable_file_a_folder_and_a_format(tmp_path, documents):
    good = write(tmp_path, "a.json", documents[0])
    with pytest.raises(CommandError, match="missing.json"):
        call_command("rollup", good, str(tmp_path / "missing.json"))
    with pytest.raises(CommandError, match="φάκελος"):
        call_command("rollup", good, "--output", str(tmp_path))
    with pytest.raises(CommandError, match="--format"):
        call_command("rollup", good, "--format", "docx")
    with pytest.raises(CommandError, match="δεν υπάρχει"):
        call_command("rollup", good, "--output", str(tmp_path / "no" / "r.json"))


def test_the_command_writes_the_roll_up(tmp_path, documents):
    pytest.importorskip("reporting.exports")  # the exports' render(), merged by the lead
    files = [write(tmp_path, f"{n}.json", d) for n, d in enumerate(documents)]
    output = tmp_path / "region.json"
    call_command("rollup", *files, "--format", "json", "--output", str(output))
    written = json.loads(output.read_text("utf-8"))
    mask = os.umask(0)
    os.umask(mask)
    assert output.stat().st_mode & 0o777 == 0o666 & ~mask  # as any new file, not mkstemp's 0600
    assert written["publication"] is True and written["centre"]["name"] == REGION
