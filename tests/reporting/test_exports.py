"""The four exports of a report carry exactly its figures: the JSON document, the CSV parsed
back, the workbook read with openpyxl and the PDF's text give back the same numbers; the same
report renders to the same bytes; no text cell can run as a formula."""

from __future__ import annotations

import csv
import io
import json
import re
import time
import zipfile
from dataclasses import replace
from datetime import UTC, datetime

import openpyxl
import pytest
from django.utils import translation

from community_centre.models import CentreProfile
from community_centre.spreadsheet_cells import FORMULA_STARTS, neutralise, restore
from reporting import exports
from reporting.exports import csv_format, xlsx_format
from reporting.tables import Report, Table, display
from tests.helpers import SCREENSHOTS
from tests.pdf import A4_POINTS, first_page_size, read
from tests.pdf import text as pdf_text
from tests.reporting.sample import sample_report

HYPERLINK = '=HYPERLINK("http://example.com/κλικ","Στέγαση")'


def published_sample() -> Report:
    """The sample as it leaves the Centre: two small counts of one table hidden."""
    report = sample_report()
    gender = report.tables["participants_by_gender"]
    hidden = dict(gender.values, non_binary=None, not_stated=None)
    tables = dict(report.tables, participants_by_gender=replace(gender, values=hidden))
    return report.with_tables(tables, publication=True)


def hostile_sample() -> Report:
    """A report whose texts all start like formulas: centre, a title, labels and keys."""
    report = sample_report()
    categories = Table(
        "requests_by_category",
        "+Αιτήματα ανά κατηγορία",
        [("eee", HYPERLINK), ("-1+2", "@SUM(1;2)"), ("\tx", "\rτύπος"), ("'=q", "'=ήδη")],
        {"eee": 12, "-1+2": 3, "\tx": 0, "'=q": 1},
        total_of="totals.requests",
    )
    tables = dict(report.tables, requests_by_category=categories)
    return report.with_tables(tables, centre={"name": "=1+1", "municipality": "@Καρπενήσι"})


SAMPLES = {"sample": sample_report, "published": published_sample, "hostile": hostile_sample}


@pytest.fixture
def centre(db) -> CentreProfile:
    return CentreProfile.objects.create(
        name="Κέντρο Κοινότητας Δήμου Καρπενησίου", municipality="Δήμος Καρπενησίου",
        town="Καρπενήσι", postal_code="36100", address="Ζηνοπούλου 1",
    )  # fmt: skip


# --- JSON ------------------------------------------------------------------------------------


def test_the_json_export_is_the_kk_report_document_indented():
    report = published_sample()
    content = exports.render(report, "json")
    expected = json.dumps(report.to_json_dict(), ensure_ascii=False, indent=2) + "\n"
    assert content == expected.encode("utf-8")
    document = json.loads(content)
    assert document["format"] == "kk-report" and document["format_version"] == 1
    assert document["tables"]["participants_by_gender"]["non_binary"] == "<5"
    assert document["tables"]["participants"] == {"new": 7, "returning": 30, "total": 37}
    assert "Κέντρο Κοινότητας" in content.decode()  # Greek as itself, not \u escapes


# --- every format ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", exports.FORMATS)
def test_the_same_report_renders_to_the_same_bytes_later(fmt, centre, monkeypatch):
    first = exports.render(sample_report(), fmt)
    later = time.time() + 3 * 3600  # files' dates inside the XLSX archive, any "now" stamp
    monkeypatch.setattr(time, "time", lambda: later)
    assert exports.render(sample_report(), fmt) == first


def test_a_different_figure_gives_different_bytes():
    report = sample_report()
    other = report.with_tables(dict(report.tables))
    other.tables["totals"] = replace(report.tables["totals"], values={"requests": 16})
    for fmt in ("json", "csv", "xlsx"):
        assert exports.render(report, fmt) != exports.render(other, fmt)


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError):
        exports.render(sample_report(), "doc")


def test_file_names_say_the_period_and_publication():
    assert exports.filename(sample_report(), "csv") == "kk-report-2026-04.csv"
    report = replace(sample_report(), publication=True)
    report = replace(
        report, period=replace(report.period, last=report.period.first.replace(day=15))
    )
    assert exports.filename(report, "pdf") == "kk-report-2026-04-01_2026-04-15-publication.pdf"


# --- CSV -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLES)
def test_the_csv_export_parses_back_to_the_json_document(name):
    report = SAMPLES[name]()
    parsed = csv_format.parse(exports.render(report, "csv"))
    document = json.loads(exports.render(report, "json"))
    assert parsed == document
    assert json.dumps(parsed, ensure_ascii=False) == json.dumps(document, ensure_ascii=False)


def test_the_csv_layout_is_header_lines_then_one_row_per_figure():
    content = exports.render(published_sample(), "csv")
    assert content.startswith("\ufeff# format,kk-report\r\n".encode())
    lines = content.decode("utf-8-sig").split("\r\n")
    assert lines[:10] == [
        "# format,kk-report",
        "# format_version,1",
        "# centre.name,Κέντρο Κοινότητας Δήμου Καρπενησίου",
        "# centre.municipality,Καρπενησίου",
        "# period.from,2026-04-01",
        "# period.to,2026-04-30",
        "# generated_at,2026-05-04T09:30:00+03:00",
        "# signed_off,false",
        "# publication,true",
        "table,row,column,value",
    ]
    assert "participants,total,,37" in lines
    assert "participants_by_gender,non_binary,,<5" in lines
    assert "referrals_by_body,total,total,11" in lines
    figures = sum(1 for table in published_sample().tables.values() for _ in table.cells())
    assert lines[10:] == [*lines[10 : 10 + figures], ""] and len(lines) == 10 + figures + 1


def test_the_csv_keeps_a_table_without_rows_and_a_row_without_columns(centre):
    report = sample_report()
    empty = Table("needs_by_category", "Ανάγκες ανά κατηγορία", [], {}, total_of="totals.needs")
    bare = Table("events_by_kind", "Δράσεις", [("total", "Σύνολο")], {"total": {}}, columns=[])
    report = report.with_tables(dict(report.tables, needs_by_category=empty, events_by_kind=bare))
    content = exports.render(report, "csv")
    assert b"\r\nneeds_by_category,,,\r\nevents_by_kind,total,,\r\n" in content
    assert csv_format.parse(content) == report.to_json_dict()
    text = pdf_text(read(exports.render(report, "pdf")))
    assert "Ανάγκες ανά κατηγορία Κατηγορία Πλήθος Καμία γραμμή" in text


def test_the_csv_of_a_roll_up_keeps_its_other_keys():
    report = replace(sample_report(), extra={"centres": [{"name": "Κ.Κ. Καρπενησίου"}]})
    parsed = csv_format.parse(exports.render(report, "csv"))
    assert parsed["centres"] == [{"name": "Κ.Κ. Καρπενησίου"}]
    assert parsed == report.to_json_dict()


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"table,row,column,value\r\nparticipants,new,,1\r\n",
        "\ufeff# format,other\r\ntable,row,column,value\r\n".encode(),
        b"# format,kk-report\r\ntable,row,column,value\r\nparticipants,new,,seven\r\n",
        b"# format,kk-report\r\ntable,row,column,value\r\nparticipants,new\r\n",
        b"\xff\xfe# format",
    ],
)
def test_parse_refuses_what_is_not_a_kk_report_csv(content):
    with pytest.raises(csv_format.CsvFormatError):
        csv_format.parse(content)


# --- XLSX ------------------------------------------------------------------------------------


def _read_workbook(content: bytes) -> tuple[openpyxl.Workbook, dict]:
    """The workbook, and the tables it holds read back by the keys it prints."""
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    tables = {}
    for sheet in workbook.worksheets[1:]:
        key_column = sheet.max_column
        columns = [cell.value for cell in sheet[xlsx_format.KEYS_ROW][1 : key_column - 1]]
        values = {}
        for cells in sheet.iter_rows(min_row=xlsx_format.FIRST_ROW, values_only=True):
            row, counts = restore(cells[key_column - 1]), cells[1 : key_column - 1]
            if columns == [None]:
                values[row] = counts[0]
            else:
                values[row] = {restore(c): n for c, n in zip(columns, counts, strict=True)}
        tables[restore(sheet["A1"].value)] = values
    return workbook, tables


@pytest.mark.parametrize("name", ["sample", "published"])
def test_the_workbook_reads_back_to_the_same_numbers(name):
    report = SAMPLES[name]()
    workbook, tables = _read_workbook(exports.render(report, "xlsx"))
    document = report.to_json_dict()
    titles = {table.title: key for key, table in report.tables.items()}
    assert {titles[title]: values for title, values in tables.items()} == document["tables"]
    counts = [
        count
        for values in tables.values()
        for value in values.values()
        for count in (value.values() if isinstance(value, dict) else [value])
    ]
    assert all(type(count) is int or count == "<5" for count in counts)
    assert len(workbook.worksheets) == 1 + len(report.tables)


def test_the_workbook_has_a_cover_greek_headings_and_bold_totals():
    report = replace(published_sample(), signed_off=True, changed_after_sign_off=2)
    workbook = openpyxl.load_workbook(io.BytesIO(exports.render(report, "xlsx")))
    cover = {row[0]: row[1] for row in workbook.worksheets[0].iter_rows(values_only=True) if row[0]}
    assert cover["Κέντρο"] == "Κέντρο Κοινότητας Δήμου Καρπενησίου"
    assert cover["Περίοδος"] == "Απρίλιος 2026"
    assert cover["Δημιουργήθηκε"] == "04/05/2026 09:30"
    assert cover["Υπογραφή"] == "Υπογράφηκε"
    signed = replace(report, signed_by="Άννα Κ.", signed_at=datetime(2026, 5, 6, 12, 5, tzinfo=UTC))
    workbook = openpyxl.load_workbook(io.BytesIO(exports.render(signed, "xlsx")))
    lines = {row[0]: row[1] for row in workbook.worksheets[0].iter_rows(values_only=True)}
    assert lines["Υπογραφή"] == "Υπογράφηκε από Άννα Κ. στις 06/05/2026 15:05"  # Athens time
    assert exports.render(signed, "json") == exports.render(report, "json")
    assert cover["Αλλαγές"] == "Άλλαξαν μετά την υπογραφή: 2 εγγραφές"
    assert cover["Δημοσίευση"].startswith("Για δημοσίευση")
    assert cover["Μορφή"] == "kk-report, έκδοση 1"
    referrals = workbook["Παραπομπές ανά φορέα και έκβαση"]
    assert [c.value for c in referrals[5]] == [
        "Κατηγορία",
        "Στάλθηκε",
        "Ολοκληρώθηκε",
        "Σύνολο",
        "Κωδικός",
    ]
    assert referrals["A8"].value == "Σύνολο" and referrals["A8"].font.b
    assert referrals["D6"].value == 9 and referrals["D6"].font.b and not referrals["B6"].font.b
    assert referrals["B6"].number_format == "#,##0"
    assert referrals.freeze_panes == "B6"
    assert referrals.column_dimensions["C"].width >= len("Ολοκληρώθηκε")
    gender = workbook["Ωφελούμενοι ανά φύλο"]
    assert gender["B8"].value == "<5" and gender["B8"].data_type == "s"
    assert workbook.properties.created == workbook.properties.modified
    assert workbook.properties.created.isoformat() == "2026-05-04T09:30:00"


def test_every_file_inside_the_workbook_is_dated_when_the_report_was_generated():
    archive = zipfile.ZipFile(io.BytesIO(exports.render(sample_report(), "xlsx")))
    assert {member.date_time for member in archive.infolist()} == {(2026, 5, 4, 9, 30, 0)}
    assert len(archive.infolist()) > 8  # the sheets, styles, workbook and properties


# --- formula injection -----------------------------------------------------------------------


def test_no_csv_cell_starts_like_a_formula_and_numbers_stay_numbers():
    content = exports.render(hostile_sample(), "csv")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    assert ["# centre.name", "'=1+1"] in rows
    assert ["requests_by_category", "'-1+2", "", "3"] in rows
    assert ["requests_by_category", "''=q", "", "1"] in rows
    parsed = csv_format.parse(content)
    assert parsed["centre"]["name"] == "=1+1"
    assert parsed["tables"]["requests_by_category"] == {"eee": 12, "-1+2": 3, "\tx": 0, "'=q": 1}


def test_no_workbook_cell_is_a_formula():
    workbook = openpyxl.load_workbook(io.BytesIO(exports.render(hostile_sample(), "xlsx")))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = [cell.value for cell in cells if isinstance(cell.value, str)]
    assert not [text for text in texts if text.startswith(FORMULA_STARTS)]
    assert "'" + HYPERLINK in texts and "'=1+1" in texts and "'@SUM(1;2)" in texts
    sheet = workbook["+Αιτήματα ανά κατηγορία"]
    assert [sheet.cell(row, 2).value for row in range(6, 10)] == [12, 3, 0, 1]


@pytest.mark.django_db
def test_an_export_is_in_greek_whatever_language_the_reader_uses():
    with translation.override("en"):
        workbook = openpyxl.load_workbook(io.BytesIO(exports.render(sample_report(), "xlsx")))
        text = pdf_text(read(exports.render(sample_report(), "pdf")))
    cover = {row[0]: row[1] for row in workbook.worksheets[0].iter_rows(values_only=True) if row[0]}
    assert cover["Κέντρο"] == "Κέντρο Κοινότητας Δήμου Καρπενησίου"
    assert "Μηνιαία αναφορά Ε.Π.Σ." in text


def test_sheets_are_named_by_their_titles_cut_after_a_word():
    def titled(title: str) -> Table:
        return Table("t", title, [], {})

    names = xlsx_format.sheet_names(
        [titled("Αιτήσεις παροχών ανά πρόγραμμα και κατάσταση"), titled("Σύνολα"),
         titled("Σύνολα"), titled("Α/Β: [x]?"), titled("Στοιχεία αναφοράς")]
    )  # fmt: skip
    assert names == ["Αιτήσεις παροχών ανά πρόγραμμα…", "Σύνολα", "3. Σύνολα", "ΑΒ x",
                     "5. Στοιχεία αναφοράς"]  # fmt: skip
    assert all(len(name) <= 31 for name in names)


@pytest.mark.parametrize("text", ["=A1", "+1", "-1", "@x", "\tx", "\rx", "'x", "Καρπενήσι", ""])
def test_neutralise_is_undone_by_restore(text):
    assert restore(neutralise(text)) == text
    assert not neutralise(text).startswith(FORMULA_STARTS)


# --- PDF -------------------------------------------------------------------------------------


def _figures_in_order(report: Report, text: str) -> None:
    """Each table's title, then each row's label followed by its printed counts."""
    for table in report.tables.values():
        position = text.index(table.title)
        for row, label in table.rows:
            counts = [
                display(table.get(row, column)) for column, _ in table.columns or [(None, "")]
            ]
            pattern = re.escape(" ".join([label, *counts]))
            found = re.compile(rf"(?<!\w){pattern}(?!\w)").search(text, position)
            assert found, f"{table.key}.{row}: {label} {counts}"
            position = found.end()


@pytest.mark.parametrize("name", ["sample", "published"])
def test_the_pdf_text_gives_back_every_figure(name, centre):
    report = SAMPLES[name]()
    content = exports.render(report, "pdf")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / f"eps-report-{name}.pdf").write_bytes(content)
    reader = read(content)
    assert first_page_size(reader) == list(A4_POINTS)
    text = pdf_text(reader)
    assert text.startswith("ΕΛΛΗΝΙΚΗ ΔΗΜΟΚΡΑΤΙΑ Δήμος Καρπενησίου Κέντρο Κοινότητας")
    assert "Μηνιαία αναφορά Ε.Π.Σ." in text and "Απρίλιος 2026" in text
    assert "Δημιουργήθηκε 04/05/2026 09:30" in text
    assert "Δεν έχει υπογραφεί: προσωρινά στοιχεία" in text
    assert ("ΓΙΑ ΔΗΜΟΣΙΕΥΣΗ" in text) is report.publication
    _figures_in_order(report, text)


def test_the_pdf_of_a_signed_month_says_what_changed_after_sign_off(centre):
    report = replace(sample_report(), signed_off=True, changed_after_sign_off=3)
    text = pdf_text(read(exports.render(report, "pdf")))
    assert "Υπογράφηκε" in text and "Άλλαξαν μετά την υπογραφή: 3 εγγραφές" in text
    unchanged = pdf_text(read(exports.render(replace(report, changed_after_sign_off=0), "pdf")))
    assert "Άλλαξαν" not in unchanged


def test_the_pdf_draws_charts_on_the_server_as_inline_svg(centre):
    from reporting.exports.pdf_format import printed

    report = sample_report()
    gender = printed(report.tables["participants_by_gender"])
    assert gender.chart.startswith("<svg") and "<script" not in gender.chart
    assert "Γυναίκες" in gender.chart and "http" not in gender.chart.replace(
        "http://www.w3.org", ""
    )
    assert printed(report.tables["requests_by_category"]).chart is not None
    assert printed(report.tables["referrals_by_body"]).chart is None
    hidden = printed(published_sample().tables["participants_by_gender"]).chart
    assert "Μη δυαδικό (&lt;5)" in hidden and "Γυναίκες (" not in hidden
