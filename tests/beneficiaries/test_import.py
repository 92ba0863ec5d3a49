"""`manage.py import_beneficiaries`: a register from CSV or XLSX, all or nothing, no duplicates."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from beneficiaries.choices import Citizenship, Sex
from beneficiaries.importing import normalise_date
from beneficiaries.models import Beneficiary, CaseNote
from community_centre.reference import load_settlements
from tests.beneficiaries.factories import BeneficiaryFactory

pytestmark = pytest.mark.django_db

GREEK_HEADER = [
    "Επώνυμο", "Όνομα", "Πατρώνυμο", "Μητρώνυμο", "Φύλο", "Ημερομηνία γέννησης", "ΑΜΚΑ", "ΑΦΜ",
    "Κινητό", "Τηλέφωνο", "Email", "Διεύθυνση", "Τ.Κ.", "Οικισμός", "Αριθμός Ε.Π.Σ.",
    "Υπηκοότητα",
]  # fmt: skip
PAPADOPOULOS = [
    "Παπαδόπουλος", "Γεώργιος", "Νικόλαος", "Ελένη", "Άνδρας", "15/05/1985", "15058512318",
    "094259216", "691 234 5678", "22370 23456", "g.papadopoulos@example.org", "Ζηνοπούλου 5",
    "361 00", "Καρπενήσι", "ΕΠΣ-1001", "Ελληνική",
]  # fmt: skip
ZACHARIOU = [
    "Ζαχαρίου", "Ελένη", "Ιωάννης", "Μαρία", "Γ", "01/01/1930", "01013099997", "", "", "", "",
    "", "", "ΜΕΓΑ ΧΩΡΙΟΝ", "", "",
]  # fmt: skip
NO_IDENTIFIERS = [
    "Κωστοπούλου", "Άννα", "", "", "γυναίκα", "3/4/1970", "", "", "", "", "", "", "",
    "3001010102", "", "",
]  # fmt: skip


@pytest.fixture(autouse=True)
def settlements():
    load_settlements()


def write_csv(path: Path, rows: list[list[str]], *, delimiter=";", bom=True) -> Path:
    text = "\n".join(delimiter.join(row) for row in rows) + "\n"
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    return path


def run(path: Path, *args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_beneficiaries", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(path: Path, *args: str) -> tuple[str, CommandError]:
    err = StringIO()
    with pytest.raises(CommandError) as excinfo:
        call_command("import_beneficiaries", str(path), *args, stdout=StringIO(), stderr=err)
    return err.getvalue(), excinfo.value


def test_it_imports_a_csv_with_greek_headers(tmp_path):
    path = write_csv(tmp_path / "register.csv", [GREEK_HEADER, PAPADOPOULOS, ZACHARIOU])
    output, _ = run(path)
    assert "Δημιουργήθηκαν 2" in output
    person = Beneficiary.objects.get(amka="15058512318")
    assert (person.surname, person.given_name, person.sex) == ("Παπαδόπουλος", "Γεώργιος", "male")
    assert (person.father_name, person.mother_name) == ("Νικόλαος", "Ελένη")
    assert person.date_of_birth == dt.date(1985, 5, 15)
    assert person.afm == "094259216"
    assert (person.phone_mobile, person.phone_other) == ("+306912345678", "+302237023456")
    assert person.postal_code == "36100"
    assert person.settlement.code == "3001010101"  # "Καρπενήσι" is the town "Καρπενήσιον"
    assert person.eps_number == "ΕΠΣ-1001"
    assert person.citizenship == Citizenship.GREEK
    assert person.created_by is None
    assert person.search_fields_are_current()
    zachariou = Beneficiary.objects.get(amka="01013099997")
    assert zachariou.sex == Sex.FEMALE
    assert zachariou.settlement.official_name == "Μέγα Χωρίον"  # accents and case ignored
    assert not CaseNote.objects.exists()


def test_it_imports_an_xlsx_with_english_headers_and_real_dates(tmp_path):
    header = ["surname", "GIVEN_NAME", "Sex", "date_of_birth", "amka", "afm", "settlement"]
    row = ["Ζαχαρίου", "Ελένη", "F", dt.datetime(1930, 1, 1), 1013099997, 94259216, "3001010101"]
    path = write_xlsx(tmp_path / "register.xlsx", [header, row])
    output, _ = run(path)
    person = Beneficiary.objects.get()
    # A spreadsheet drops the leading zeros of numbers: they are put back.
    assert (person.amka, person.afm) == ("01013099997", "094259216")
    assert person.date_of_birth == dt.date(1930, 1, 1)
    assert person.sex == Sex.FEMALE
    assert "Δημιουργήθηκαν 1" in output


def test_a_comma_separated_file_without_bom_is_read_too(tmp_path):
    rows = [
        ["surname", "given_name", "sex", "date_of_birth"],
        ["Βλάχου", "Σοφία", "female", "1990-02-03"],
    ]
    path = write_csv(tmp_path / "register.csv", rows, delimiter=",", bom=False)
    run(path)
    assert Beneficiary.objects.get().date_of_birth == dt.date(1990, 2, 3)


def test_an_invalid_row_imports_nothing_and_names_row_and_column(tmp_path):
    bad = list(ZACHARIOU)
    bad[6] = "01013099999"  # wrong check digit
    path = write_csv(tmp_path / "register.csv", [GREEK_HEADER, PAPADOPOULOS, bad])
    errors, exc = run_failing(path)
    assert "γραμμή 3, στήλη ΑΜΚΑ:" in errors
    assert "ψηφίο ελέγχου" in errors
    assert "Δεν εισήχθη κανείς" in str(exc)
    assert not Beneficiary.objects.exists()


def test_every_invalid_row_is_listed(tmp_path):
    first, second = list(PAPADOPOULOS), list(ZACHARIOU)
    first[5] = "31/02/1985"
    second[4] = "άγνωστο"
    second[13] = "Ατλαντίδα"
    path = write_csv(tmp_path / "register.csv", [GREEK_HEADER, first, second])
    errors, _ = run_failing(path)
    assert "γραμμή 2, στήλη Ημερομηνία γέννησης:" in errors
    assert "γραμμή 3, στήλη Φύλο: Μη αποδεκτή τιμή «άγνωστο»." in errors
    assert "γραμμή 3, στήλη Οικισμός:" in errors


def test_an_ambiguous_settlement_asks_for_the_code(tmp_path):
    row = list(NO_IDENTIFIERS)
    row[13] = "Άγιος Χαράλαμπος"  # two settlements of the municipality share the name
    path = write_csv(tmp_path / "register.csv", [GREEK_HEADER, row])
    errors, _ = run_failing(path)
    assert "γραμμή 2, στήλη Οικισμός:" in errors
    assert "κωδικό ΕΛΣΤΑΤ" in errors


def test_the_same_amka_twice_in_the_file_is_an_error(tmp_path):
    again = list(PAPADOPOULOS)
    again[1], again[7] = "Γιώργος", ""
    path = write_csv(tmp_path / "register.csv", [GREEK_HEADER, PAPADOPOULOS, ZACHARIOU, again])
    errors, _ = run_failing(path)
    assert "γραμμή 4, στήλη ΑΜΚΑ: Η ίδια τιμή υπάρχει και στη γραμμή 2 του αρχείου." in errors
    assert not Beneficiary.objects.exists()


def test_a_missing_required_column_is_an_error(tmp_path):
    path = write_csv(tmp_path / "register.csv", [["Επώνυμο", "Όνομα"], ["Βλάχου", "Σοφία"]])
    errors, _ = run_failing(path)
    assert "γραμμή 1, στήλη φύλο/sex: Λείπει η υποχρεωτική στήλη." in errors


def test_dry_run_reports_without_writing(tmp_path):
    path = write_csv(tmp_path / "register.csv", [GREEK_HEADER, PAPADOPOULOS, ZACHARIOU])
    output, _ = run(path, "--dry-run")
    assert "θα δημιουργούνταν 2" in output
    assert not Beneficiary.objects.exists()


def test_a_second_import_creates_no_duplicates(tmp_path):
    rows = [GREEK_HEADER, PAPADOPOULOS, ZACHARIOU, NO_IDENTIFIERS]
    path = write_csv(tmp_path / "register.csv", rows)
    run(path)
    output, _ = run(path)
    assert Beneficiary.objects.count() == 3
    assert "Δημιουργήθηκαν 0 ωφελούμενοι, παραλείφθηκαν 3" in output


def test_people_registered_at_the_desk_are_matched_by_afm_and_by_name(tmp_path):
    # The same person: identifier, name (accents and case ignored) and birth agree (issue 12).
    BeneficiaryFactory(
        surname="ΠΑΠΑΔΟΠΟΥΛΟΣ", given_name="ΓΕΩΡΓΙΟΣ",
        afm="094259216", amka=None, date_of_birth=dt.date(1985, 5, 15),
    )  # fmt: skip
    BeneficiaryFactory(
        surname="ΚΩΣΤΟΠΟΥΛΟΥ", given_name="αννα", amka=None, afm=None,
        sex=Sex.FEMALE, date_of_birth=dt.date(1970, 4, 3),
    )  # fmt: skip
    path = write_csv(tmp_path / "register.csv", [GREEK_HEADER, PAPADOPOULOS, NO_IDENTIFIERS])
    output, _ = run(path)
    assert "Δημιουργήθηκαν 0 ωφελούμενοι, παραλείφθηκαν 2" in output
    assert Beneficiary.objects.count() == 2


def test_identifiers_of_two_different_people_are_an_error(tmp_path):
    BeneficiaryFactory(amka="15058512318", afm="123456783")
    BeneficiaryFactory(amka="01013099997", afm="094259216", date_of_birth=dt.date(1930, 1, 1))
    path = write_csv(tmp_path / "register.csv", [GREEK_HEADER, PAPADOPOULOS])
    errors, _ = run_failing(path)
    assert "γραμμή 2, στήλη ΑΦΜ: Ο ΑΦΜ ανήκει σε άλλον ωφελούμενο" in errors
    assert Beneficiary.objects.count() == 2


def test_an_unknown_format_is_refused(tmp_path):
    path = tmp_path / "register.txt"
    path.write_text("surname\n")
    with pytest.raises(CommandError, match=r"\.csv"):
        run(path)


@pytest.mark.parametrize("codec, name", [("cp1253", "Windows-1253"), ("iso-8859-7", "ISO-8859-7")])
def test_a_csv_of_greek_excel_or_an_old_program_is_read_and_its_encoding_named(
    tmp_path, codec, name
):
    """Greek Excel saves «CSV» in Windows-1253 with ';'; older programs in ISO-8859-7. «Ά» is
    the letter the two write differently."""
    rows = [["ΜΗΤΡΩΟ ΩΦΕΛΟΥΜΕΝΩΝ 2025"], [], GREEK_HEADER, ZACHARIOU]
    rows[3] = ["Άγγελος" if cell == "Ελένη" else cell for cell in ZACHARIOU]
    text = "\r\n".join(";".join(row) for row in rows) + "\r\n"
    path = tmp_path / "register.csv"
    path.write_bytes(text.encode(codec))
    out, _err = run(path)
    assert f"Κωδικοποίηση του αρχείου: {name}" in out
    person = Beneficiary.objects.get()
    assert person.given_name == "Άγγελος" and person.surname == "Ζαχαρίου"


def test_bytes_of_no_greek_encoding_are_refused_with_advice(tmp_path):
    path = tmp_path / "register.csv"
    path.write_bytes(b"\xaa\xd2\xff;\xae\n")  # undefined in both Windows-1253 and ISO-8859-7
    with pytest.raises(CommandError, match="UTF-8"):
        run(path)


def test_headers_as_offices_write_them_and_zeros_a_csv_lost(tmp_path):
    header = ["ΕΠΙΘΕΤΟ", "ΟΝΟΜΑ", "ΟΝΟΜΑ ΠΑΤΡΟΣ", "ΦΥΛΟ (Α/Γ)", "ΗΜ/ΝΙΑ ΓΕΝΝΗΣΗΣ", "Α.Μ.Κ.Α.",
              "Α.Φ.Μ.", "ΧΩΡΙΟ"]  # fmt: skip
    row = ["ΖΑΧΑΡΙΟΥ", "ΕΛΕΝΗ", "ΙΩΑΝΝΗΣ", "Γ", "1/1/30", "1013099997", "94259216", "ΜΕΓΑ ΧΩΡΙΟΝ"]
    path = write_csv(tmp_path / "register.csv", [header, row], bom=False)
    out, err = run(path)
    assert "Αγνοήθηκαν" not in err
    person = Beneficiary.objects.get()
    assert (person.surname, person.father_name) == ("ΖΑΧΑΡΙΟΥ", "ΙΩΑΝΝΗΣ")
    assert person.amka == "01013099997" and person.afm == "094259216"
    assert person.date_of_birth == dt.date(1930, 1, 1)  # «30» is 1930, never 2030
    assert "Κωδικοποίηση του αρχείου: UTF-8" in out


def test_a_two_digit_year_of_birth_is_never_in_the_future():
    assert normalise_date("5/3/35") == "05/03/1935"
    assert normalise_date("05.03.80") == "05/03/1980"
    assert normalise_date("31/2/80") == "31/2/80"  # kept for the form to refuse


def test_an_amka_that_disagrees_with_the_birth_date_needs_a_reason(tmp_path):
    row = list(ZACHARIOU)
    row[5] = "02/01/1930"
    path = write_csv(tmp_path / "register.csv", [GREEK_HEADER, row])
    errors, _ = run_failing(path)
    assert "γραμμή 2, στήλη ΑΜΚΑ: Ο ΑΜΚΑ δεν ξεκινά με την ημερομηνία γέννησης" in errors
    reason = tmp_path / "with_reason.csv"
    write_csv(reason, [[*GREEK_HEADER, "Αιτιολόγηση ΑΜΚΑ"], [*row, "Λάθος στο μητρώο"]])
    run(reason)
    assert Beneficiary.objects.get().amka_mismatch_reason == "Λάθος στο μητρώο"


def test_a_title_row_above_the_header_is_skipped_in_xlsx_and_named_lines_stay_the_sheets(tmp_path):
    path = write_xlsx(
        tmp_path / "register.xlsx", [["ΜΗΤΡΩΟ ΩΦΕΛΟΥΜΕΝΩΝ"], [], GREEK_HEADER, ZACHARIOU]
    )
    run(path)
    assert Beneficiary.objects.get().surname == "Ζαχαρίου"
    header = [title for title in GREEK_HEADER if title != "Φύλο"]
    row = [cell for title, cell in zip(GREEK_HEADER, ZACHARIOU, strict=True) if title != "Φύλο"]
    path = write_xlsx(tmp_path / "other.xlsx", [["ΜΗΤΡΩΟ ΩΦΕΛΟΥΜΕΝΩΝ"], header, row])
    err, _error = run_failing(path)
    assert "γραμμή 2, στήλη φύλο/sex: Λείπει η υποχρεωτική στήλη." in err
