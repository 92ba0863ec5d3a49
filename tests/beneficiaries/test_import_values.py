"""A register's values as people type them: Latin look-alikes in Greek names, two phones in one
cell, settlements in their everyday and abbreviated forms, unknown settlements chosen once."""

from __future__ import annotations

import json
import time
import unicodedata
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import given, settings
from hypothesis import strategies as st

from beneficiaries.importing import import_beneficiaries
from beneficiaries.importing.columns import ColumnMapping
from beneficiaries.importing.lookalikes import greek_word, to_greek
from beneficiaries.importing.phones import place_phones
from beneficiaries.importing.settlement_names import name_keys, settlement_key
from beneficiaries.importing.values import RowConverter, SettlementIndex, unknown_settlements
from beneficiaries.models import Beneficiary
from community_centre.models import Settlement
from community_centre.reference import load_settlements, read_settlements

# --- Latin look-alikes --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, greek",
    [
        ("KATΣAROΣ", "ΚΑΤΣΑΡΟΣ"),
        ("ΠAΠAΔOΠOYΛOY", "ΠΑΠΑΔΟΠΟΥΛΟΥ"),
        ("Mαρία", "Μαρία"),
        ("Mαρíα", "Μαρία"),  # a Latin í becomes ί
        ("ΠAΠAΔOΠOYΛOY-KATΣAPOY", "ΠΑΠΑΔΟΠΟΥΛΟΥ-ΚΑΤΣΑΡΟΥ"),
        ("Γιώργoς", "Γιώργος"),
    ],
)
def test_a_greek_word_with_latin_look_alikes_becomes_greek(typed, greek):
    assert to_greek(typed) == (greek, [])
    assert all(unicodedata.name(ch).startswith("GREEK") for ch in greek if ch.isalpha())


@pytest.mark.parametrize("typed", ["SMITH", "Anna", "O'Brien", "12A", "Νίκος", "Γιώργος Smith"])
def test_words_wholly_in_one_script_are_left_alone(typed):
    assert to_greek(typed) == (typed, [])


def test_a_mixed_word_with_a_latin_letter_without_twin_is_undecided():
    assert greek_word("ΠΑΠΑDΟΠΟΥΛΟΣ") is None
    assert to_greek("Μαρία ΠΑΠΑDΟΠΟΥΛΟΥ") == ("Μαρία ΠΑΠΑDΟΠΟΥΛΟΥ", ["ΠΑΠΑDΟΠΟΥΛΟΥ"])


# --- phones -------------------------------------------------------------------------------------

M1, M2, L1, L2 = "+306912345678", "+306977123456", "+302237023456", "+302237023457"


@pytest.mark.parametrize(
    "mobile, other, placed",
    [
        ("", "6912345678 / 2237023456", (M1, L1)),
        ("6912345678, 22370 23456", "", (M1, L1)),
        ("6912345678 - 2237023456", "", (M1, L1)),
        ("", "22370-23456 6977123456", (M2, L1)),
        ("", "691 234 5678 και 22370 23456", (M1, L1)),
        ("", "6912345678", (M1, "")),  # a mobile under «ΤΗΛΕΦΩΝΟ»
        ("2237023456", "", ("", L1)),  # a landline under «ΚΙΝΗΤΟ»
        ("2237023456", "6912345678", (M1, L1)),  # the two swapped
        ("6912345678 / 6977123456", "", (M1, M2)),  # two mobiles: first, second
        ("", "6912345678 6977123456", (M1, M2)),
        ("6912345678", "6977123456", (M1, M2)),
        ("6912345678", "6912345678 / 2237023456", (M1, L1)),  # the same number twice
        ("+30 691 234 5678", "22370 23456", (M1, L1)),
    ],
)
def test_phones_are_split_and_placed(mobile, other, placed):
    found, error = place_phones(mobile, other)
    assert error is None
    assert (found["phone_mobile"], found["phone_other"]) == placed


@pytest.mark.parametrize(
    "mobile, other, field, code",
    [
        ("6912345678", "2237023456 / 2237023457", "phone_other", "phone_count"),
        ("6912345678 / 6977123456 / 2237023456", "", "phone_mobile", "phone_count"),
        ("2237023456", "2237023457", "phone_mobile", "phone_conflict"),
        ("", "2237023456 / 2237023457", "phone_other", "phone_conflict"),
        ("6912345678 / 223", "", "phone_mobile", "phone"),
    ],
)
def test_phones_that_do_not_fit_are_an_error(mobile, other, field, code):
    found, error = place_phones(mobile, other)
    assert found == {}
    assert (error.field, error.code) == (field, code)
    assert error.message


def test_a_cell_that_is_no_number_is_left_for_the_form():
    assert place_phones("δεν έχει", "") == ({"phone_mobile": "δεν έχει", "phone_other": ""}, None)


# --- settlement names ---------------------------------------------------------------------------


def test_the_key_ignores_case_accents_punctuation_doubled_letters_and_look_alikes():
    assert settlement_key("ΑΓ. ΝΙΚΟΛΑΟΣ") == settlement_key("Αγ.Νικόλαος") == "αγ νικολαοσ"
    assert settlement_key("Παππαρούσιον") == settlement_key("ΠΑΠΑΡΟΥΣΙΟΝ")
    assert settlement_key("KAPΠENHΣI") == "καρπενησι"
    assert settlement_key(settlement_key("Ν. Μικρό  Χωριό")) == settlement_key("Ν. Μικρό Χωριό")


def test_the_issues_names_are_among_the_keys():
    assert settlement_key("ΜΕΓΑΛΟ ΧΩΡΙΟ") in name_keys("Μέγα Χωρίον", "Μεγάλο Χωριό")
    assert settlement_key("ΜΕΓΑ ΧΩΡΙΟΝ") in name_keys("Μέγα Χωρίον", "Μεγάλο Χωριό")
    assert settlement_key("ΜΙΚΡΟ ΧΩΡΙΟ") in name_keys("Μικρόν Χωρίον", "Μικρό Χωριό")
    assert settlement_key("ΝΕΟ ΜΙΚΡΟ ΧΩΡΙΟ") in name_keys("Νέον Μικρόν Χωρίον", "")
    assert settlement_key("ΑΓ. ΝΙΚΟΛΑΟΣ") in name_keys("Άγιος Νικόλαος", "Άγιος Νικόλαος")


SETTLEMENTS = read_settlements()
# Registers abbreviate the first word of these names.
ABBREVIATED = {
    "Άγιος": "ΑΓ.", "Αγία": "ΑΓ.", "Μέγα": "ΜΕΓ.", "Νέον": "Ν.", "Νέο": "Ν.", "Κάτω": "Κ.",
    "Άνω": "Α.", "Μικρόν": "ΜΙΚΡ.", "Δυτικόν": "ΔΥΤ.", "Ιερά": "Ι.",
}  # fmt: skip


def capitals(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.upper())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def abbreviated(name: str) -> str | None:
    first, _space, rest = name.partition(" ")
    if first not in ABBREVIATED:
        return None
    return f"{ABBREVIATED[first]} {capitals(rest)}".replace("Ι. ΜΟΝΗ", "Ι.Μ.")


def ways_of_writing(row: dict) -> list[str]:
    ways = [
        row["official_name"],
        row["name"],
        capitals(row["official_name"]),
        capitals(row["name"]),
    ]
    return [way for way in [*ways, abbreviated(row["official_name"])] if way]


@pytest.mark.django_db
def test_every_settlement_is_found_by_each_way_of_writing_it():
    load_settlements()
    index = SettlementIndex()
    pk = {s.code: s.pk for s in Settlement.objects.all()}
    names = [row["official_name"] for row in SETTLEMENTS]
    shared = {name for name in names if names.count(name) > 1}
    assert shared == {"Άγιος Χαράλαμπος"}  # the data's only truly ambiguous name
    checked = 0
    for row in SETTLEMENTS:
        for text in ways_of_writing(row):
            found = index.matches(text)
            if row["official_name"] in shared:
                assert pk[row["code"]] in found and len(found) == 2, text
            else:
                assert found == {pk[row["code"]]}, text
            checked += 1
        assert index.matches(row["code"]) == {pk[row["code"]]}
    assert checked >= 4 * len(SETTLEMENTS)


@pytest.mark.django_db
def test_the_community_in_brackets_tells_namesakes_apart():
    load_settlements()
    index = SettlementIndex()
    psiana = index.matches("ΑΓ. ΧΑΡΑΛΑΜΠΟΣ (ΨΙΑΝΩΝ)")
    own = index.matches("Άγιος Χαράλαμπος (Τοπική Κοινότητα Αγίου Χαραλάμπους)")
    assert len(psiana) == len(own) == 1 and psiana != own
    assert index.matches("Άγιος Χαράλαμπος (Τ.Κ. Ψιανών)") == psiana
    pk, error = index.lookup("ΑΓ. ΧΑΡΑΛΑΜΠΟΣ")
    assert pk is None and error[1] == "settlement_ambiguous"
    assert "Υπάρχουν περισσότεροι οικισμοί" in error[0]
    assert index.lookup("Λονδίνο")[1][1] == "settlement_unknown"


@pytest.mark.django_db
def test_unknown_settlements_are_offered_once_with_the_closest_first():
    load_settlements()
    texts = ["ΚΑΡΠΕΝΙΣΙ", "Καρπενήσι", "καρπενίσι", "ΑΓ. ΧΑΡΑΛΑΜΠΟΣ", "", "Λονδίνο", "ΚΑΡΠΕΝΙΣΙ"]
    unknown = unknown_settlements(texts)
    assert [(u.text, u.count, u.ambiguous) for u in unknown] == [
        ("ΚΑΡΠΕΝΙΣΙ", 3, False),
        ("ΑΓ. ΧΑΡΑΛΑΜΠΟΣ", 1, True),
        ("Λονδίνο", 1, False),
    ]
    typo, namesake, _london = unknown
    assert typo.key == settlement_key("ΚΑΡΠΕΝΙΣΙ")
    assert typo.candidates[0].code == "3001010101"
    assert 1 <= len(typo.candidates) <= 5
    assert [c.score for c in typo.candidates] == sorted(
        (c.score for c in typo.candidates), reverse=True
    )
    assert {c.code for c in namesake.candidates[:2]} == {"3001020702", "3001030201"}


@pytest.mark.django_db
def test_names_already_chosen_are_not_asked_again():
    load_settlements()
    unknown = unknown_settlements(["ΚΑΡΠΕΝΙΣΙ", "Λονδίνο"], choices={"καρπενίσι": "3001010101"})
    assert [u.text for u in unknown] == ["Λονδίνο"]


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)


@given(mobile=TEXT, other=TEXT, name=TEXT)
@settings(max_examples=300, deadline=None)
def test_no_text_breaks_the_value_rules(mobile, other, name):
    found, error = place_phones(mobile, other)
    assert error is None or (error.message and error.code)
    greek, undecided = to_greek(name)
    assert isinstance(greek, str) and isinstance(undecided, list)
    assert settlement_key(settlement_key(name)) == settlement_key(name)


@pytest.mark.django_db
def test_a_chosen_settlement_settles_every_row_of_that_name(django_assert_num_queries):
    load_settlements()
    kalesmeno = Settlement.objects.get(code="3001010104")
    converter = RowConverter(
        settlement_choices={"ΚΑΛΕΣΜΕΝΟ ΤΟ ΠΑΝΩ": "3001010104", "Λονδίνο": "", "Χ": "9"}
    )
    with django_assert_num_queries(0):
        data, errors = converter.form_data({"settlement": "Καλεσμένο το πάνω"})
        assert (data["settlement"], errors) == (kalesmeno.pk, {})
        data, errors = converter.form_data({"settlement": "ΛΟΝΔΙΝΟ"})
        assert (data["settlement"], errors) == (None, {})
        _data, errors = converter.form_data({"settlement": "χ"})
        assert errors["settlement"][1] == "settlement_choice"
        _data, errors = converter.form_data({"settlement": "Βερολίνο"})
        assert errors["settlement"][1] == "settlement_unknown"


@pytest.mark.django_db
def test_names_with_look_alikes_are_converted_and_undecided_ones_reported():
    load_settlements()
    converter = RowConverter()
    data, errors = converter.form_data(
        {"surname": "KATΣAROΣ", "given_name": "Mαρία", "father_name": "SMITH", "address": "Oδός 5A"}
    )
    assert (data["surname"], data["given_name"], data["father_name"]) == (
        "ΚΑΤΣΑΡΟΣ",
        "Μαρία",
        "SMITH",
    )
    assert data["address"] == "Οδός 5A" and errors == {}
    _data, errors = converter.form_data({"surname": "ΠΑΠΑDΟΠΟΥΛΟΣ", "sex": "A"})
    assert errors == {"surname": (errors["surname"][0], "mixed_script")}
    assert "ΠΑΠΑDΟΠΟΥΛΟΣ" in errors["surname"][0]


@pytest.mark.django_db
def test_five_thousand_rows_convert_in_well_under_a_second_each_hundred(django_assert_num_queries):
    load_settlements()
    converter = RowConverter()
    row = {
        "surname": "KATΣAROΣ", "given_name": "Mαρία", "sex": "Γ", "date_of_birth": "5/3/35",
        "phone_mobile": "", "phone_other": "6912345678 / 22370 23456",
        "settlement": "ΑΓ. ΝΙΚΟΛΑΟΣ",
    }  # fmt: skip
    started = time.perf_counter()
    with django_assert_num_queries(0):
        for _ in range(5000):
            converter.form_data(row)
    assert time.perf_counter() - started < 5


# --- end to end through the command -------------------------------------------------------------

HEADER = ["ΕΠΩΝΥΜΟ", "ΟΝΟΜΑ", "ΦΥΛΟ", "ΗΜ/ΝΙΑ ΓΕΝΝΗΣΗΣ", "ΚΙΝΗΤΟ", "ΤΗΛΕΦΩΝΟ", "ΧΩΡΙΟ"]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    path.write_text("\n".join(";".join(row) for row in rows) + "\n", encoding="utf-8")
    return path


def run(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("import_beneficiaries", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_a_register_as_offices_type_it_is_imported(tmp_path):
    load_settlements()
    path = write_csv(
        tmp_path / "register.csv",
        [
            HEADER,
            [
                "KATΣAROΣ",
                "ΓIΩPΓOΣ",
                "Α",
                "1/2/1950",
                "",
                "6912345678 / 22370 23456",
                "ΑΓ. ΝΙΚΟΛΑΟΣ",
            ],
            ["ΠAΠAΔOΠOYΛOY", "Mαρία", "Γ", "3/4/1960", "2237023456", "6977123456", "ΜΕΓΑΛΟ ΧΩΡΙΟ"],
            ["ΖΑΧΑΡΙΟΥ", "ΕΛΕΝΗ", "Γ", "5/6/1970", "", "", "ΝΕΟ ΜΙΚΡΟ ΧΩΡΙΟ"],
        ],
    )
    run(path)
    katsaros = Beneficiary.objects.get(surname="ΚΑΤΣΑΡΟΣ")
    assert katsaros.given_name == "ΓΙΩΡΓΟΣ"
    assert (katsaros.phone_mobile, katsaros.phone_other) == (M1, L1)
    assert katsaros.settlement.official_name == "Άγιος Νικόλαος"
    papadopoulou = Beneficiary.objects.get(surname="ΠΑΠΑΔΟΠΟΥΛΟΥ", given_name="Μαρία")
    assert (papadopoulou.phone_mobile, papadopoulou.phone_other) == (M2, L1)
    assert papadopoulou.settlement.official_name == "Μέγα Χωρίον"
    zachariou = Beneficiary.objects.get(surname="ΖΑΧΑΡΙΟΥ")
    assert zachariou.settlement.official_name == "Νέον Μικρόν Χωρίον"


@pytest.mark.django_db
def test_values_that_cannot_be_decided_are_errors_with_their_codes(tmp_path):
    load_settlements()
    path = write_csv(
        tmp_path / "register.csv",
        [
            HEADER,
            ["ΠΑΠΑDΟΠΟΥΛΟΣ", "ΝΙΚΟΣ", "Α", "1/2/1950", "", "", ""],
            ["ΚΩΣΤΑΣ", "ΑΝΝΑ", "Γ", "1/2/1951", "6912345678", "2237023456 / 2237023457", ""],
            ["ΛΑΜΠΡΟΥ", "ΑΝΝΑ", "Γ", "1/2/1952", "2237023456", "2237023457", ""],
            ["ΜΑΝΟΥ", "ΑΝΝΑ", "Γ", "1/2/1953", "", "", "ΑΓ. ΧΑΡΑΛΑΜΠΟΣ"],
            ["ΝΙΚΟΥ", "ΑΝΝΑ", "Γ", "1/2/1954", "", "", "ΚΑΡΠΕΝΙΣΙ"],
        ],
    )
    result = import_beneficiaries(path, dry_run=True)
    found = {(e.line, e.column, e.code) for e in result.errors}
    assert found == {
        (2, "ΕΠΩΝΥΜΟ", "mixed_script"),
        (3, "ΤΗΛΕΦΩΝΟ", "phone_count"),
        (4, "ΚΙΝΗΤΟ", "phone_conflict"),
        (5, "ΧΩΡΙΟ", "settlement_ambiguous"),
        (6, "ΧΩΡΙΟ", "settlement_unknown"),
    }
    with pytest.raises(CommandError):
        run(path)
    assert not Beneficiary.objects.exists()


@pytest.mark.django_db
def test_the_mapping_files_settlements_settle_unknown_names(tmp_path):
    load_settlements()
    path = write_csv(
        tmp_path / "register.csv",
        [
            HEADER,
            ["ΝΙΚΟΥ", "ΑΝΝΑ", "Γ", "1/2/1954", "", "", "ΚΑΡΠΕΝΙΣΙ"],
            ["ΝΙΚΟΥ", "ΜΑΡΙΑ", "Γ", "1/2/1955", "", "", "καρπενίσι"],
            ["ΜΑΝΟΥ", "ΑΝΝΑ", "Γ", "1/2/1953", "", "", "ΑΓ. ΧΑΡΑΛΑΜΠΟΣ"],
            ["ΜΑΝΟΥ", "ΕΛΕΝΗ", "Γ", "1/2/1956", "", "", "ΛΟΝΔΙΝΟ"],
        ],
    )
    document = ColumnMapping(HEADER, [""] * len(HEADER)).to_json() | {
        "columns": {},
        "settlements": {"Καρπενίσι": "3001010101", "ΑΓ. ΧΑΡΑΛΑΜΠΟΣ": "3001030201", "Λονδίνο": ""},
    }
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    run(path, "--mapping", str(mapping))
    codes = dict(
        Beneficiary.objects.values_list("given_name", "settlement__code").filter(surname="ΝΙΚΟΥ")
    )
    assert codes == {"ΑΝΝΑ": "3001010101", "ΜΑΡΙΑ": "3001010101"}
    manou = dict(
        Beneficiary.objects.filter(surname="ΜΑΝΟΥ").values_list("given_name", "settlement__code")
    )
    assert manou == {"ΑΝΝΑ": "3001030201", "ΕΛΕΝΗ": None}
