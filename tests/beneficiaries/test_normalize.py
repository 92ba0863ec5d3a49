"""The phonetic name key: Greek and Greeklish spellings of one name meet on one key."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beneficiaries.normalize import fold, name_key, word_key


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Ζαχαρίου", "ζαχαριου"),
        ("ΠΑΠΑΔΟΠΟΥΛΟΣ", "παπαδοπουλοσ"),
        ("Παπαδόπουλος", "παπαδοπουλοσ"),
        ("Ευαγγελία Ϊωάννα Προϋπόθεση", "ευαγγελια ιωαννα προυποθεση"),
        ("Müller", "muller"),
    ],
)
def test_fold_drops_case_accents_diaeresis_and_final_sigma(text, folded):
    assert fold(text) == folded


# Each row: spellings a person at the desk may type for the same name; all must share one key.
SAME_NAME = [
    ("Παπαδόπουλος", "ΠΑΠΑΔΟΠΟΥΛΟΣ", "παπαδοπουλος", "papadopoulos", "PAPADOPOULOS", "papadopulos"),
    ("Ζαχαρίου", "ζαχαριου", "zachariou", "zaxariou", "zahariou", "ZACHARIOY"),
    ("Χριστίνα", "christina", "xristina", "hristina"),
    ("Θεοδωρόπουλος", "theodoropoulos", "8eodoropoulos", "THEODOROPOULOS"),
    ("Ευάγγελος", "evangelos", "evaggelos", "euaggelos"),
    ("Βαγγέλης", "vaggelis", "vangelis"),
    ("Κωνσταντίνος", "konstantinos", "constantinos", "kwnstantinos"),
    ("Ψαρρός", "psarros", "psaros"),
    ("Γιάννης", "giannis", "yiannis", "yannis", "gianis"),
    ("Γιώργος", "giorgos", "yorgos", "giwrgos"),
    ("Παναγιώτης", "panagiotis", "panayiotis"),
    ("Ευθυμίου", "efthymiou", "euthimiou", "efthimiou"),
    ("Μαύρος", "mavros", "mauros"),
    ("Μπακογιάννης", "bakogiannis", "mpakogiannis"),
    ("Ντίνος", "dinos", "ntinos"),
    ("Γκίκας", "gikas", "gkikas"),
    ("Ξανθή", "xanthi", "ksanthi"),
    ("Νικολάου", "nikolaou", "nicolaou"),
    ("Αικατερίνη", "aikaterini", "ekaterini"),
    ("Φώτης", "fotis", "photis"),
    ("Χατζηδάκης", "chatzidakis", "hatzidakis", "xatzidakis"),
]


@pytest.mark.parametrize("spellings", SAME_NAME, ids=[row[0] for row in SAME_NAME])
def test_every_spelling_of_a_name_has_the_same_key(spellings):
    keys = {name_key(spelling) for spelling in spellings}
    assert len(keys) == 1, dict(zip(spellings, map(name_key, spellings), strict=True))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Παπαδόπουλος", "Νικολάου"),
        ("Παπαδόπουλος", "Παπαδοπούλου"),  # the feminine genitive form is another key
        ("Ανθή", "Αδή"),  # ν+θ is not ντ
        ("Χριστίνα", "Κριστίνα"),
        ("Ζωή", "Ζήσης"),
    ],
)
def test_different_names_keep_different_keys(first, second):
    assert name_key(first) != name_key(second)


@pytest.mark.parametrize(
    ("parts", "key"),
    [
        (("Παπαδόπουλος", "Γιώργος"), "papadopulos giorgos"),
        (("Παπαδοπούλου-Νικολάου", "Μαρία Ελένη"), "papadopulu nikolau maria eleni"),
        (("Παπαδόπουλος,Γιώργος",), "papadopulos giorgos"),
        (("  Παπαδόπουλος  ", None, ""), "papadopulos"),
        (("O'Brien",), "ovrien"),
        (("!!!", "%_"), ""),
    ],
)
def test_name_key_keys_each_word_and_drops_punctuation(parts, key):
    assert name_key(*parts) == key


def test_letters_of_other_scripts_stay_in_the_key():
    assert name_key("Иванов") == "иванов"


@given(st.text())
def test_name_key_never_fails_and_is_folded_and_single_spaced(text):
    key = name_key(text)
    assert key == key.strip()
    assert "  " not in key
    assert key == fold(key)  # already lower-case, accentless, no final sigma


@given(st.text(alphabet="αβγδεζηθικλμνξοπρστυφχψωάέήίόύώςΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ", min_size=1))
def test_greek_words_ignore_case_and_accents(word):
    assert word_key(word) == word_key(word.upper()) == word_key(fold(word))
