"""`manage.py eps_report` end to end on counted figures: each format written to a file or to
standard output and read back (json, csv parse(), openpyxl, the PDF's text) to the numbers of
`build_report`; every export in the access log; every bad input refused with exit status 1,
one Greek line and no file."""

from __future__ import annotations

import io
import json
from datetime import datetime, time, timedelta

import pytest

from community_centre.models import AccessLog, Role
from community_centre.role_actions import role_grant_from_server
from reporting.exports import csv_format
from reporting.figures import build_report
from reporting.management.commands.eps_report import Command
from reporting.period import ATHENS, Period, athens_today
from tests.community_centre.factories import UserFactory
from tests.helpers import PASSWORD
from tests.pdf import read
from tests.pdf import text as pdf_text
from tests.reporting.test_exports import _figures_in_order, _read_workbook
from tests.requests.factories import AssistanceRequestFactory, RequestCategoryFactory

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://example.com","Στέγαση")'


def run(*args: str) -> tuple[int, bytes, str]:
    """The command as the shell runs it: (exit status, standard output, standard error)."""
    out, err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.StringIO()
    try:
        Command(stdout=out, stderr=err).run_from_argv(["manage.py", "eps_report", *args])
        status = 0
    except SystemExit as exit:
        status = exit.code
    out.flush()
    return status, out.buffer.getvalue(), err.getvalue()


@pytest.fixture
def period() -> Period:
    """Last month: ended, so it can be reported on whatever day the tests run."""
    today = athens_today()
    return Period.month(today.year, today.month).previous_month()


@pytest.fixture
def served(period, social_worker):
    """Three requests received in the period, one of them of a category named like a formula;
    one received the day after it ends (not counted)."""
    hostile = RequestCategoryFactory(code="hyperlink", name=HYPERLINK)
    housing = RequestCategoryFactory(code="housing", name="Στέγαση")
    start = datetime.combine(period.first, time(0, 30), tzinfo=ATHENS)
    for category in (hostile, housing, housing):
        AssistanceRequestFactory(
            category=category, received_at=start, assigned_worker=social_worker
        )
    _start, end = period.bounds()
    AssistanceRequestFactory(category=housing, received_at=end + timedelta(minutes=30))
    return period


@pytest.fixture
def exporter(coordinator):
    return coordinator.username


def _tables(period) -> dict:
    return build_report(period).to_json_dict()["tables"]


def test_it_writes_a_csv_file_that_parses_back_to_the_counted_figures(served, exporter, tmp_path):
    target = tmp_path / "απρίλιος.csv"
    status, out, err = run("--user", exporter, "--month", served.month_key, "--format", "csv",
                           "--output", str(target))  # fmt: skip
    assert (status, out, err) == (0, b"", "")
    document = csv_format.parse(target.read_bytes())
    assert document["tables"] == _tables(served)
    assert document["tables"]["requests_by_category"]["hyperlink"] == 1
    assert document["tables"]["totals"]["requests"] == 3  # not the one after the end
    assert document["period"] == served.as_dict() and document["signed_off"] is False
    assert [p.name for p in tmp_path.iterdir()] == ["απρίλιος.csv"]  # no temporary file left


def test_it_prints_json_to_standard_output(served, exporter):
    status, out, err = run("--user", exporter, "--month", served.month_key, "--format", "json")
    assert status == 0 and err == ""
    document = json.loads(out)
    assert document["format"] == "kk-report" and document["tables"] == _tables(served)
    assert out.endswith(b"}\n")


def test_it_writes_xlsx_to_standard_output_as_bytes(served, exporter):
    status, out, _err = run("--user", exporter, "--month", served.month_key, "--format", "xlsx")
    assert status == 0 and out.startswith(b"PK")
    workbook, tables = _read_workbook(out)
    report = build_report(served)
    titles = {table.title: key for key, table in report.tables.items()}
    assert {titles[title]: values for title, values in tables.items()} == _tables(served)
    texts = [
        c.value for s in workbook for r in s.iter_rows() for c in r if isinstance(c.value, str)
    ]
    assert "'" + HYPERLINK in texts and HYPERLINK not in texts


def test_it_writes_a_pdf_whose_text_gives_back_the_figures(served, exporter, tmp_path):
    target = tmp_path / "report.pdf"
    first, last = served.first.isoformat(), served.last.isoformat()
    status, _out, err = run(
        "--user", exporter, "--from", first, "--to", last, "--format", "pdf", "-o", str(target)
    )  # fmt: skip
    assert (status, err) == (0, "")
    text = pdf_text(read(target.read_bytes()))
    _figures_in_order(build_report(served), text)


def test_every_export_is_in_the_access_log_with_its_user_period_and_format(served, coordinator):
    run("--user", coordinator.username, "--month", served.month_key, "--format", "json")
    run("--user", coordinator.username, "--month", served.month_key, "--format", "csv")
    rows = list(AccessLog.objects.order_by("pk"))
    assert [(row.user, row.action) for row in rows] == [(coordinator, AccessLog.Action.EXPORT)] * 2
    label = served.label
    assert rows[0].detail == f"JSON · {label} · για δημοσίευση: όχι · γραμμή εντολών"
    assert rows[1].detail == f"CSV · {label} · για δημοσίευση: όχι · γραμμή εντολών"
    assert rows[0].beneficiary_id is None and rows[0].shown == [] and rows[0].ip_address is None


def test_without_a_user_the_export_is_logged_as_the_servers_own(served):
    """The issue's own command line has no --user: whoever runs it holds the server."""
    status, out, err = run("--month", served.month_key, "--format", "json")
    assert status == 0 and err == ""
    assert json.loads(out)["tables"] == build_report(served).to_json_dict()["tables"]
    (row,) = AccessLog.objects.all()
    assert row.user is None and row.action == AccessLog.Action.EXPORT
    assert row.detail == f"JSON · {served.label} · για δημοσίευση: όχι · γραμμή εντολών"
    assert str(row).startswith("γραμμή εντολών Εξαγωγή")


# --- refusals ---------------------------------------------------------------------------------


@pytest.fixture
def others(roles):
    social_worker = UserFactory(username="maria", password=PASSWORD)
    role_grant_from_server(user=social_worker, role=Role.SOCIAL_WORKER)
    administrator = UserFactory(username="admin", password=PASSWORD)
    role_grant_from_server(user=administrator, role=Role.ADMINISTRATOR)
    UserFactory(username="root", password=PASSWORD, is_staff=True, is_superuser=True)


def _future_month() -> str:
    today = athens_today()
    return f"{today.year + 1}-{today.month:02d}"


BAD = {
    "month not YYYY-MM": ["--month", "2026-4", "--format", "csv"],
    "month 13": ["--month", "2026-13", "--format", "csv"],
    "future month": ["--month", _future_month(), "--format", "csv"],
    "range ends before it starts": [
        "--from",
        "2026-03-10",
        "--to",
        "2026-03-01",
        "--format",
        "csv",
    ],
    "range over five years": ["--from", "2020-01-01", "--to", "2025-06-30", "--format", "csv"],
    "not a date": ["--from", "2026-02-30", "--to", "2026-03-01", "--format", "csv"],
    "both month and range": [
        "--month",
        "2026-03",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--format",
        "csv",
    ],  # fmt: skip
    "neither": ["--format", "csv"],
    "from without to": ["--from", "2026-03-01", "--format", "csv"],
    "unknown format": ["--month", "2026-03", "--format", "docx"],
    "no format": ["--month", "2026-03"],
    "option without value": ["--month", "2026-03", "--format"],
    "unknown option": ["--month", "2026-03", "--format", "csv", "--colour"],
    "folder missing": ["--month", "2026-03", "--format", "csv", "--output", "{tmp}/none/x.csv"],
    "output is a folder": ["--month", "2026-03", "--format", "csv", "--output", "{tmp}"],
}
USERS = {"empty user": ["--user", ""], "unknown user": ["--user", "nobody"],
         "social worker": ["--user", "maria"], "administrator": ["--user", "admin"],
         "superuser": ["--user", "root"]}  # fmt: skip


def _refused(args: list[str], tmp_path) -> str:
    before = sorted(tmp_path.rglob("*"))
    status, out, err = run(*(arg.replace("{tmp}", str(tmp_path)) for arg in args))
    assert status == 1 and out == b""
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert any("α" <= char <= "ω" for char in err.lower()), err  # Greek
    assert sorted(tmp_path.rglob("*")) == before
    assert not AccessLog.objects.exists()
    return err


@pytest.mark.parametrize("case", BAD)
def test_bad_input_is_refused_in_one_greek_line_writing_nothing(case, coordinator, tmp_path):
    args = [*BAD[case], "--user", coordinator.username]
    if "--output" not in args:
        args += ["--output", str(tmp_path / "x.csv")]
    _refused(args, tmp_path)


@pytest.mark.parametrize("case", USERS)
def test_only_the_coordinator_may_export(case, others, coordinator, tmp_path):
    err = _refused(
        [*USERS[case], "--month", "2026-03", "--format", "csv", "-o", str(tmp_path / "x.csv")],
        tmp_path,
    )
    assert "--user" in err or "χρήστη" in err


def test_the_messages_say_what_is_wrong(coordinator, tmp_path):
    user = ["--user", coordinator.username]
    assert "ΕΕΕΕ-ΜΜ" in _refused([*user, "--month", "2026-4", "--format", "csv"], tmp_path)
    err = _refused([*user, "--month", "2026-03", "--from", "2026-03-01", "--to", "2026-03-02",
                    "--format", "csv"], tmp_path)  # fmt: skip
    assert "όχι και τα δύο" in err
    assert "json, csv, xlsx, pdf" in _refused(
        [*user, "--month", "2026-03", "--format", "odt"], tmp_path
    )
    assert "5 έτη" in _refused(
        [*user, "--from", "2019-01-01", "--to", "2025-01-01", "--format", "csv"], tmp_path
    )


def test_a_signed_month_is_exported_as_it_was_signed(served, coordinator, tmp_path):
    from reporting.actions import sign_off
    from reporting.signoff import signed_report

    row = sign_off(served, coordinator)
    start, _end = served.bounds()
    AssistanceRequestFactory(received_at=start + timedelta(days=2))  # a change after sign-off
    status, out, _err = run("--user", coordinator.username, "--month", served.month_key,
                            "--format", "json")  # fmt: skip
    assert status == 0 and out.decode() == row.document
    run("--user", coordinator.username, "--month", served.month_key, "--format", "pdf",
        "-o", str(tmp_path / "signed.pdf"))  # fmt: skip
    text = pdf_text(read((tmp_path / "signed.pdf").read_bytes()))
    changed = signed_report(served).changed_after_sign_off
    signed_at = row.signed_at.astimezone(ATHENS).strftime("%d/%m/%Y %H:%M")
    assert changed >= 1 and f"Υπογράφηκε από {coordinator} στις {signed_at}" in text
    assert text.count(f"Άλλαξαν μετά την υπογραφή: {changed} εγγραφ") == 1
    assert json.loads(row.document)["tables"] != _tables(served)  # counted again, it differs


def test_a_publication_export_shows_no_count_from_1_to_4(served, coordinator, tmp_path):
    pytest.importorskip("reporting.publication")
    user, month = ["--user", coordinator.username], ["--month", served.month_key]
    status, out, _err = run(*user, *month, "--format", "json", "--publication")
    document = json.loads(out)
    assert status == 0 and document["publication"] is True
    counts = [
        count
        for values in document["tables"].values()
        for value in values.values()
        for count in (value.values() if isinstance(value, dict) else [value])
    ]
    assert "<5" in counts and not [n for n in counts if n != "<5" and 1 <= n <= 4]
    assert document["tables"]["requests_by_category"]["hyperlink"] == "<5"
    run(*user, *month, "--format", "csv", "--publication", "-o", str(tmp_path / "p.csv"))
    assert csv_format.parse((tmp_path / "p.csv").read_bytes())["tables"] == document["tables"]
    details = list(AccessLog.objects.values_list("detail", flat=True))
    assert details and all("για δημοσίευση: ναι" in detail for detail in details)
