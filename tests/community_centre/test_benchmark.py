"""The helpers of `manage.py bench`: the queries it types and the table it prints."""

from __future__ import annotations

import random

import pytest
from faker.providers.person.el_GR import Provider as GreekNames

from beneficiaries.normalize import name_key
from demo.benchmark import (
    TYPO_KINDS,
    Timing,
    greeklish,
    storages_in,
    table,
    typo_of_kind,
    with_typo,
)

NAMES = sorted(
    {
        *GreekNames.last_names_male,
        *GreekNames.last_names_female,
        *GreekNames.first_names_male,
        *GreekNames.first_names_female,
    }
)
# Spellings the phonetic key cannot reconcile: υ read as a vowel before another vowel (Υάκινθος
# typed "iakinthos"), ωυ typed "oi", and a foreign νγκ. Trigram similarity still finds them.
KNOWN_MISMATCHES = {"Μενγκ", "Μωυσίδου", "Υάκινθος", "Υακίνθη"}


def test_greeklish_spellings_of_every_greek_name_meet_its_key():
    rng = random.Random(1)
    mismatches = {
        name
        for name in NAMES
        for _ in range(10)
        if name_key(greeklish(name, rng)) != name_key(name)
    }
    assert mismatches <= KNOWN_MISMATCHES


@pytest.mark.parametrize("name", ["Παπαδόπουλος", "Ζαχαρίου", "Ψαρρός"])
def test_greeklish_is_latin(name):
    typed = greeklish(name, random.Random(2))
    assert typed.isascii()
    assert typed.isalnum()


def _one_slip_apart(a: str, b: str) -> bool:
    """Whether b is a with one letter dropped, doubled, replaced or swapped with the next."""
    if len(b) == len(a) - 1:
        return any(a[:i] + a[i + 1 :] == b for i in range(len(a)))
    if len(b) == len(a) + 1:
        return any(b[:i] + b[i + 1 :] == a for i in range(len(b)))
    differ = [i for i in range(len(a)) if a[i] != b[i]]
    swapped = len(differ) == 2 and differ[1] == differ[0] + 1 and a[differ[0]] == b[differ[1]]
    return len(differ) <= 1 or swapped


@pytest.mark.parametrize("seed", range(50))
def test_a_typo_is_one_slip_after_the_first_letter(seed):
    word = "Παπαδόπουλος"
    typed = with_typo(word, random.Random(seed))
    assert typed[0] == word[0]
    assert _one_slip_apart(word, typed)


@pytest.mark.parametrize("kind", TYPO_KINDS)
@pytest.mark.parametrize("seed", range(30))
def test_a_typo_of_each_kind_is_one_such_slip_anywhere_in_the_word(kind, seed):
    word = "Ζέρβας"
    typed = typo_of_kind(word, kind, random.Random(seed))
    assert typed != word
    assert _one_slip_apart(word, typed)
    length = {"deletion": len(word) - 1, "insertion": len(word) + 1}.get(kind, len(word))
    assert len(typed) == length


def test_the_table_shows_percentiles_and_flags_a_missed_target():
    fast = Timing("ελληνικά", target_ms=100, durations=[float(ms) for ms in range(101)])
    fast.found = [True, True, True, False]
    slow = Timing("φάκελος", target_ms=150, durations=[100.0] * 90 + [400.0] * 10)
    broken = Timing("σελίδα", durations=[5.0], errors=["HTTP 500"])
    lines = table([fast, slow, broken]).splitlines()
    assert lines[0].split()[:3] == ["μέτρηση", "φορές", "p50"]
    assert set(lines[1]) == {"-"}
    assert lines[2].split() == [
        "ελληνικά",
        "101",
        "50.0",
        "95.0",
        "100.0",
        "75%",
        "<",
        "100",
        "ms",
        "εντός",
    ]
    assert lines[3].split()[-1] == "ΕΚΤΟΣ"
    assert slow.percentile(95) > 150
    assert lines[4].split()[-2:] == ["1", "σφάλματα"]


def test_the_letters_of_the_benchmark_go_to_another_folder_leaving_the_setting_untouched():
    setting = {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": "/srv/documents", "base_url": None},
        },
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    moved = storages_in(setting, "/tmp/letters")
    assert moved["default"]["OPTIONS"] == {"location": "/tmp/letters", "base_url": None}
    assert moved["staticfiles"] == setting["staticfiles"]
    assert setting["default"]["OPTIONS"]["location"] == "/srv/documents"
