"""The import's report: errors grouped by kind, every row that was not created listed, and the
error file (XLSX) that the Centre corrects and uploads again."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from django.utils import translation
from openpyxl import load_workbook

from beneficiaries.importing import ImportResult, Outcome, RowError, RowOutcome
from beneficiaries.importing.columns import IGNORE, propose_mapping
from beneficiaries.importing.reading import Table, read_bytes, read_table
from beneficiaries.importing.report import (
    compact_lines,
    error_groups,
    error_workbook,
    report_lines,
)
from beneficiaries.importing.run import import_beneficiaries
from beneficiaries.models import Beneficiary
from community_centre.reference import load_settlements

CHECKSUM = "Ο ΑΜΚΑ δεν είναι έγκυρος (λάθος ψηφίο ελέγχου)."
DATE = "Γράψτε την ημερομηνία ως ηη/μμ/εεεε (π.χ. 05/03/1980)."
HYPERLINK = '=HYPERLINK("http://example.com","κλικ")'


def amka_error(line: int, value: str = "12345678901") -> RowError:
    return RowError(line, "Α.Μ.Κ.Α.", CHECKSUM, "amka_checksum", value)


LINES_312 = [*range(2, 15), 17, *range(20, 318)]


# --- groups -------------------------------------------------------------------------------------


def test_312_rows_of_one_kind_are_one_group_with_their_lines_compact():
    errors = [amka_error(line, f"{line:011d}") for line in reversed(LINES_312)]
    [group] = error_groups(errors)
    assert group.count == 312
    assert (group.column, group.code) == ("Α.Μ.Κ.Α.", "amka_checksum")
    assert group.lines == tuple(LINES_312)
    assert group.line_ranges == "2–14, 17, 20–317"
    assert group.heading() == "312 γραμμές: ΑΜΚΑ με λάθος ψηφίο ελέγχου (στήλη Α.Μ.Κ.Α.)"
    assert len(group.examples) == 3
    assert str(group).startswith(group.heading() + " — γραμμές 2–14, 17, 20–317· π.χ. «")


def test_compact_lines_joins_runs_only():
    assert compact_lines([9, 2, 3, 4, 7, 10, 3]) == ["2–4", "7", "9–10"]
    assert compact_lines([]) == []


def test_kinds_are_grouped_by_column_and_code_largest_first_then_by_first_line():
    errors = [
        amka_error(5),
        amka_error(6),
        RowError(3, "ΑΦΜ", "Ο ΑΦΜ έχει 9 ψηφία.", "afm_length", "1234"),
        RowError(2, "Φύλο", "Μη αποδεκτή τιμή «Χ».", "choice", "Χ"),
        RowError(4, "Ημ/νία γέννησης", DATE, "invalid", "32/13"),
        RowError(7, "Ημ/νία γέννησης", DATE, "invalid", "ποτέ"),
        RowError(8, "Email", "Δώστε μια έγκυρη διεύθυνση.", "invalid", "x@"),
        RowError(9, "Email", "Άλλο μήνυμα.", "invalid", "y@"),
        RowError(8, "ΑΜΚΑ μητέρας", CHECKSUM, "amka_checksum", "1"),
    ]
    groups = error_groups(errors)
    assert [(g.column, g.count) for g in groups] == [
        ("Ημ/νία γέννησης", 2),
        ("Α.Μ.Κ.Α.", 2),
        ("Email", 2),
        ("Φύλο", 1),
        ("ΑΦΜ", 1),
        ("ΑΜΚΑ μητέρας", 1),
    ]
    labels = {g.column: g.label for g in groups}
    # A code of one meaning has its label; "invalid" is named by its message when all agree.
    assert labels["ΑΦΜ"] == "ΑΦΜ που δεν έχει 9 ψηφία"
    assert labels["Φύλο"] == "Τιμή που δεν είναι μία από τις επιλογές"
    assert labels["Ημ/νία γέννησης"] == DATE.rstrip(".")
    assert labels["Email"] == "Μη αποδεκτή τιμή"
    assert groups[0].examples == ("32/13", "ποτέ")


def test_an_error_of_a_code_nobody_named_is_labelled_by_its_message():
    errors = [RowError(line, "Όνομα", "Κάτι άλλο.", "", "") for line in (2, 3)]
    [group] = error_groups(errors)
    assert group.label == "Κάτι άλλο"
    assert group.examples == ()
    assert str(group) == "2 γραμμές: Κάτι άλλο (στήλη Όνομα) — γραμμές 2–3"


def test_header_errors_without_a_column_say_no_column():
    [group] = error_groups([RowError(1, "—", "Λείπει η υποχρεωτική στήλη.", "header")])
    assert group.heading() == "1 γραμμή: Λείπει η υποχρεωτική στήλη"
    assert str(group) == "1 γραμμή: Λείπει η υποχρεωτική στήλη — γραμμή 1"


@pytest.mark.parametrize(
    ("count", "greek", "english"),
    [(1, "1 γραμμή:", "1 row:"), (2, "2 γραμμές:", "2 rows:"), (312, "312 γραμμές:", "312 rows:")],
)
def test_the_count_of_rows_has_its_plural_form(count, greek, english):
    [group] = error_groups([amka_error(line) for line in range(2, 2 + count)])
    assert group.heading().startswith(greek)
    with translation.override("en"):
        assert group.heading().startswith(english)


def test_a_long_scatter_of_lines_is_cut_on_the_printed_line_only():
    group = error_groups([amka_error(line) for line in range(2, 100, 2)])[0]
    assert str(group).endswith(", …· π.χ. «12345678901»")
    assert group.line_ranges.endswith("96, 98")


# --- report_lines -------------------------------------------------------------------------------


def sample_result() -> ImportResult:
    bad_amka = amka_error(3, "15058512319")
    bad_sex = RowError(3, "Φύλο", "Μη αποδεκτή τιμή «Χ».", "choice", "Χ")
    bad_date = RowError(5, "Ημ/νία γέννησης", DATE, "invalid", "")
    header = RowError(1, "Ε.Π.Σ.", "Επιλέξτε τι γίνεται με αυτή τη στήλη.", "header")
    outcomes = [
        RowOutcome(2, Outcome.CREATED, created_pk=40),
        RowOutcome(3, Outcome.ERROR, errors=[bad_amka, bad_sex]),
        RowOutcome(4, Outcome.EXISTING, existing_pk=12),
        RowOutcome(5, Outcome.ERROR, errors=[bad_date]),
        RowOutcome(7, Outcome.EXISTING, existing_pk=13),
    ]
    return ImportResult(
        rows=5,
        created=1,
        skipped=2,
        failed=2,
        errors=[header, bad_amka, bad_sex, bad_date],
        outcomes=outcomes,
    )


def test_report_lines_list_the_groups_then_every_row_not_created():
    lines = report_lines(sample_result())
    assert lines == [
        "1 γραμμή: Επιλέξτε τι γίνεται με αυτή τη στήλη (στήλη Ε.Π.Σ.) — γραμμή 1",
        "1 γραμμή: ΑΜΚΑ με λάθος ψηφίο ελέγχου (στήλη Α.Μ.Κ.Α.) — γραμμή 3· π.χ. «15058512319»",
        "1 γραμμή: Τιμή που δεν είναι μία από τις επιλογές (στήλη Φύλο) — γραμμή 3· π.χ. «Χ»",
        "1 γραμμή: " + DATE.rstrip(".") + " (στήλη Ημ/νία γέννησης) — γραμμή 5",
        "γραμμή 1, στήλη Ε.Π.Σ.: Επιλέξτε τι γίνεται με αυτή τη στήλη.",
        "γραμμή 3, στήλη Α.Μ.Κ.Α.: " + CHECKSUM + " — τιμή «15058512319»",
        "γραμμή 3, στήλη Φύλο: Μη αποδεκτή τιμή «Χ». — τιμή «Χ»",
        "γραμμή 4: ήδη καταχωρισμένος — φάκελος αρ. 12",
        "γραμμή 5, στήλη Ημ/νία γέννησης: " + DATE,
        "γραμμή 7: ήδη καταχωρισμένος — φάκελος αρ. 13",
    ]


def test_no_skipped_or_failed_row_goes_unlisted():
    result = sample_result()
    text = "\n".join(report_lines(result)[4:])
    for outcome in result.outcomes:
        listed = f"γραμμή {outcome.line}" in text
        assert listed == (outcome.outcome != Outcome.CREATED)
    assert text.count("\n") + 1 == len(result.errors) + result.skipped


def test_an_error_only_in_result_errors_is_listed_once():
    error = amka_error(2)
    twice = ImportResult(
        errors=[error, error], outcomes=[RowOutcome(2, Outcome.ERROR, [], [error])]
    )
    rows = [line for line in report_lines(twice) if line.startswith("γραμμή 2,")]
    assert len(rows) == 2  # the row carries one; the other is listed from result.errors


# --- the error file -----------------------------------------------------------------------------

TITLES = ["Α/Α", "Επώνυμο", "Όνομα", "Φύλο", "Ημ/νία γέννησης", "ΑΜΚΑ", "Κινητό", "Παρατηρήσεις"]


def sample_table() -> Table:
    born = dt.datetime(1930, 1, 1)
    return Table(
        header_line=2,
        titles=TITLES,
        rows=[
            (3, [1, "Ζαχαρίου", "Ελένη", "Γ", born, 1013099997, "+30 691 234 5678", HYPERLINK]),
            (4, [2, "Παππάς", "Νίκος", "Χ", "32/13/1980", "15058512319", None, "-"]),
            (6, [3, "Κώστα", "Άννα", "Γ", "03/04/1970", None, None, "@άλλο"]),
        ],
        encoding=None,
    )


def sample_outcomes() -> list[RowOutcome]:
    errors = [
        RowError(4, "Φύλο", "Μη αποδεκτή τιμή «Χ».", "choice", "Χ"),
        RowError(4, "ΑΜΚΑ", CHECKSUM, "amka_checksum", "15058512319"),
        RowError(4, "ΑΜΚΑ", "Δεύτερο μήνυμα.", "other", "15058512319"),
    ]
    return [
        RowOutcome(3, Outcome.CREATED),
        RowOutcome(4, Outcome.ERROR, errors=errors),
        RowOutcome(6, Outcome.EXISTING, existing_pk=12),
    ]


def open_workbook(data: bytes):
    return load_workbook(io.BytesIO(data))


def test_the_error_file_keeps_every_row_on_its_line_with_outcome_and_errors():
    workbook = open_workbook(error_workbook(sample_table(), sample_outcomes()))
    assert workbook.sheetnames == ["Μητρώο", "Σύνοψη"]
    sheet = workbook["Μητρώο"]
    header = [c.value for c in sheet[2]]
    assert header == [*TITLES, "ΑΠΟΤΕΛΕΣΜΑ ΕΙΣΑΓΩΓΗΣ", "ΣΦΑΛΜΑΤΑ ΕΙΣΑΓΩΓΗΣ"]
    assert [c.value for c in sheet[1]] == [None] * len(header)  # the title row's place
    assert sheet["I3"].value == "Νέος φάκελος"
    assert sheet["I4"].value == "Σφάλμα"
    assert sheet["I6"].value == "Ήδη καταχωρισμένος"
    assert sheet["J4"].value == (
        "Φύλο: Μη αποδεκτή τιμή «Χ».\nΑΜΚΑ: " + CHECKSUM + "\nΑΜΚΑ: Δεύτερο μήνυμα."
    )
    assert sheet["J3"].value is None and sheet["J6"].value is None
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == "A2:J6"


def test_the_error_file_keeps_cells_as_they_were():
    sheet = open_workbook(error_workbook(sample_table(), sample_outcomes()))["Μητρώο"]
    assert sheet["A3"].value == 1  # a number stays a number
    assert sheet["E3"].value == dt.datetime(1930, 1, 1)
    assert sheet["E3"].is_date and sheet["E3"].number_format == "DD/MM/YYYY"
    # An identifier typed as a number is text, its lost zero back.
    assert (sheet["F3"].value, sheet["F3"].data_type) == ("01013099997", "s")
    assert sheet["F3"].number_format == "@"
    assert (sheet["F4"].value, sheet["F4"].data_type) == ("15058512319", "s")
    assert sheet["E4"].value == "32/13/1980"  # a date as text stays the text
    assert sheet["G4"].value is None


def test_no_text_of_the_error_file_can_run_as_a_formula():
    data = error_workbook(sample_table(), sample_outcomes())
    sheet = open_workbook(data)["Μητρώο"]
    for ref, text in {"H3": HYPERLINK, "G3": "+30 691 234 5678", "H4": "-", "H6": "@άλλο"}.items():
        assert (sheet[ref].value, sheet[ref].data_type) == (text, "s")
        assert sheet[ref].quotePrefix
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
    assert not sheet["B3"].quotePrefix


def test_failed_rows_are_filled_and_their_wrong_cells_marked_with_the_message():
    sheet = open_workbook(error_workbook(sample_table(), sample_outcomes()))["Μητρώο"]
    failed, wrong = sheet["B4"].fill.fgColor.rgb, sheet["D4"].fill.fgColor.rgb
    assert failed.endswith("FDE2E2") and wrong.endswith("F5A3A3")
    assert sheet["J4"].fill.fgColor.rgb == failed
    assert sheet["B3"].fill.fill_type is None and sheet["B6"].fill.fill_type is None
    assert sheet["D4"].comment.text == "Μη αποδεκτή τιμή «Χ»."
    assert sheet["F4"].comment.text == CHECKSUM + "\nΔεύτερο μήνυμα."
    assert sheet["B4"].comment is None and sheet["D3"].comment is None


def test_the_summary_sheet_has_the_counts_and_the_groups():
    sheet = open_workbook(error_workbook(sample_table(), sample_outcomes()))["Σύνοψη"]
    rows = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    assert rows[:4] == [
        ["Γραμμές", 3],
        ["Νέος φάκελος", 1],
        ["Ήδη καταχωρισμένος", 1],
        ["Σφάλμα", 1],
    ]
    assert rows[5] == ["Γραμμές", "Είδος σφάλματος", "Στήλη", "Αριθμοί γραμμών", "Παραδείγματα"]
    assert rows[6:] == [
        [1, "Τιμή που δεν είναι μία από τις επιλογές", "Φύλο", "4", "«Χ»"],
        [1, "ΑΜΚΑ με λάθος ψηφίο ελέγχου", "ΑΜΚΑ", "4", "«15058512319»"],
        [1, "Δεύτερο μήνυμα", "ΑΜΚΑ", "4", "«15058512319»"],
    ]


def test_the_added_columns_are_ignored_when_the_file_comes_back():
    mapping = propose_mapping([*TITLES, "ΑΠΟΤΕΛΕΣΜΑ ΕΙΣΑΓΩΓΗΣ", "Σφάλματα εισαγωγής"])
    assert mapping.targets[-2:] == [IGNORE, IGNORE]
    assert propose_mapping(["Import result", "IMPORT ERRORS"]).targets == [IGNORE, IGNORE]


def test_the_added_columns_are_named_in_english_too():
    with translation.override("en"):
        sheet = open_workbook(error_workbook(sample_table(), sample_outcomes())).worksheets[0]
    titles = [c.value for c in sheet[2]][-2:]
    assert propose_mapping(titles).targets == [IGNORE, IGNORE]


# --- end to end: import, download the error file, fix it, upload it again ---------------------

HEADER = ["Επώνυμο", "Όνομα", "Φύλο", "Ημερομηνία γέννησης", "ΑΜΚΑ", "Κινητό", "Οικισμός"]
GOOD = ["Ζαχαρίου", "Ελένη", "Γ", "01/01/1930", "1013099997", "", "ΜΕΓΑ ΧΩΡΙΟΝ"]
WRONG_AMKA = ["Παπαδόπουλος", "Γεώργιος", "Άνδρας", "15/05/1985", "15058512319", "", "Καρπενήσι"]


@pytest.fixture
def settlements(db):
    load_settlements()


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("\n".join(";".join(row) for row in rows) + "\n", encoding="utf-8-sig")
    return path


@pytest.mark.django_db
def test_the_corrected_error_file_imports(tmp_path, settlements):
    path = write_csv(tmp_path / "register.csv", [HEADER, GOOD, WRONG_AMKA])
    result = import_beneficiaries(path)
    assert Beneficiary.objects.count() == 0
    assert [o.outcome for o in result.outcomes] == [Outcome.CREATED, Outcome.ERROR]
    assert report_lines(result)[-1] == (
        "γραμμή 3, στήλη ΑΜΚΑ: " + CHECKSUM + " — τιμή «15058512319»"
    )

    data = error_workbook(read_table(path), result.outcomes)
    workbook = open_workbook(data)
    sheet = workbook["Μητρώο"]
    assert sheet["E2"].value == "01013099997"  # the zero the CSV lost
    assert sheet["H3"].value == "Σφάλμα"
    assert sheet["E3"].comment.text == CHECKSUM
    sheet["E3"] = "15058512318"  # the Centre corrects the cell
    corrected = io.BytesIO()
    workbook.save(corrected)

    table = read_bytes(corrected.getvalue(), "μητρώο-σφάλματα.xlsx")
    mapping = propose_mapping(table.titles)
    assert mapping.problems() == []
    assert mapping.targets[-2:] == [IGNORE, IGNORE]
    again = tmp_path / "μητρώο-σφάλματα.xlsx"
    again.write_bytes(corrected.getvalue())
    result = import_beneficiaries(again)
    assert (result.created, result.failed, result.errors) == (2, 0, [])
    assert set(Beneficiary.objects.values_list("amka", flat=True)) == {
        "01013099997",
        "15058512318",
    }
