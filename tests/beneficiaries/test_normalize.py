"""The phonetic name key: Greek and Greeklish spellings of one name meet on one key."""

from __future__ import annotations

import pytest
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from beneficiaries.normalize import (
    any_term_query,
    family_term,
    fold,
    name_key,
    name_terms,
    terms_vector,
    typo_terms,
    variants,
    vector_terms,
    word_key,
)


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


# --- the typo terms ----------------------------------------------------------------------------

GREEK_LETTERS = "αβγδεζηθικλμνξοπρστυφχψω"


def _one_edit(word: str, data) -> str:
    """`word` with one letter replaced, left out, added, or two neighbours swapped."""
    at = data.draw(st.integers(0, len(word) - 2))
    letter = data.draw(st.sampled_from(GREEK_LETTERS))
    return data.draw(
        st.sampled_from(
            [
                word[:at] + letter + word[at + 1 :],
                word[:at] + word[at + 1 :],
                word[:at] + letter + word[at:],
                word[:at] + word[at + 1] + word[at] + word[at + 2 :],
            ]
        )
    )


@given(word=st.text(alphabet=GREEK_LETTERS, min_size=4, max_size=14), data=st.data())
def test_two_words_one_typo_apart_always_share_a_typo_term(word, data):
    typed = _one_edit(word, data)
    assert typo_terms(word) & typo_terms(typed)


def test_name_terms_hold_each_word_marked_its_variants_and_the_family_stem():
    terms = set(name_terms("Ζέρβα", "Μαρία"))
    assert {"=ζέρβα", "=ζερβα", "=zerva", "=μαρία", "=μαρια", "=maria"} <= terms
    assert {"ζερβα", "ζερβ", "ερβα", "zerv", "zrva", "μρια", "mria"} <= terms
    assert "~zerv" in terms  # the surname's family stem ...
    assert "~mar" not in terms  # ... and none for the given name


@pytest.mark.parametrize(
    ("men", "women"),
    [
        ("Παπαδόπουλος", "Παπαδοπούλου"),
        ("Αβραμίδης", "Αβραμίδου"),
        ("Καρράς", "Καρρά"),
        ("Βολικάκης", "Βολικάκη"),
        ("Ψαρρός", "Ψαρρού"),
        ("papadopoulos", "Παπαδοπούλου"),
    ],
)
def test_both_forms_of_a_family_name_share_its_family_term(men, women):
    assert family_term(men) == family_term(women) is not None


def test_other_families_keep_other_family_terms():
    assert family_term("Παπαδόπουλος") != family_term("Παπαδάκης")
    assert family_term("Ζωή") is None  # too short to tell families apart


def test_short_forms_have_no_variants():
    assert variants("ana") == set()
    assert typo_terms("Πα") == set()


@pytest.mark.django_db
def test_the_terms_come_back_from_postgresql_as_they_were_stored():
    terms = name_terms("Παπαδοπούλου-Νικολάου", "Μαρία Ελένη")
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::tsvector::text", [terms_vector(terms)])
        (printed,) = cursor.fetchone()
        cursor.execute("SELECT %s::tsvector @@ %s::tsquery", [printed, any_term_query(["~nikola"])])
        (matches,) = cursor.fetchone()
    assert vector_terms(printed) == set(terms)
    assert matches
