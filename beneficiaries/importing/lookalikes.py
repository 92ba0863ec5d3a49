"""Latin letters typed for the Greek ones they look like: «KATΣAROΣ» with a Latin K, A, T, O.

A register typed on a keyboard left in its Latin layout for a few capitals, or pasted from an
old program, mixes the two scripts inside one word. A word with Greek letters whose Latin
letters all have a Greek twin is turned wholly Greek; a word wholly in Latin letters (a foreign
name, «SMITH», «Anna») is left alone; a word mixing Greek with a Latin letter that has no twin
(«ΠΑΠΑDΟΠΟΥΛΟΣ») cannot be decided and is reported.

The table is written here: the libraries of Unicode confusables (confusable-homoglyphs, TR39's
confusables.txt) map every script to a Latin "skeleton" for spoofing checks and would add pairs
nobody types for a Greek letter (Latin n for η, r for г), while what matters here is the few
letters of the two keyboard layouts that look alike. Accented Latin vowels (Á, é, ó) become the
accented Greek ones.
"""

from __future__ import annotations

import re
import unicodedata

# Latin letter -> the Greek letter it passes for. Capitals: the 14 shared shapes of the two
# alphabets, and R, which sits on the key of Ρ and is read as it («KATΣAROΣ»). Small letters:
# those a reader takes for the Greek one (u for υ, v for ν, y for γ as many fonts draw them).
LATIN_TO_GREEK = {
    "A": "Α", "B": "Β", "E": "Ε", "Z": "Ζ", "H": "Η", "I": "Ι", "K": "Κ",
    "M": "Μ", "N": "Ν", "O": "Ο", "P": "Ρ", "R": "Ρ", "T": "Τ", "Y": "Υ", "X": "Χ",
    "a": "α", "e": "ε", "i": "ι", "k": "κ", "o": "ο", "p": "ρ", "u": "υ",
    "r": "ρ", "v": "ν", "x": "χ", "y": "γ",
}  # fmt: skip
_TABLE = str.maketrans(LATIN_TO_GREEK)
# A word: letters with their accents (combining marks after NFD), nothing else.
_WORD = re.compile(r"[^\W\d_]+")
_ANY_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_ANY_GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")


def _script(letter: str) -> str:
    name = unicodedata.name(letter, "")
    if name.startswith("GREEK"):
        return "greek"
    if name.startswith("LATIN"):
        return "latin"
    return "other"


def greek_word(word: str) -> str | None:
    """The word in Greek letters, the word itself when it needs no change, or None when it mixes
    Greek with a Latin letter that has no Greek twin."""
    decomposed = unicodedata.normalize("NFD", word)
    scripts = {_script(ch) for ch in decomposed if not unicodedata.combining(ch)}
    if "greek" not in scripts or "latin" not in scripts:
        return word
    latin = {ch for ch in decomposed if _script(ch) == "latin"}
    if not latin <= LATIN_TO_GREEK.keys():
        return None
    return unicodedata.normalize("NFC", decomposed.translate(_TABLE))


def to_greek(text: str) -> tuple[str, list[str]]:
    """(`text` with each mixed word turned Greek, the words that could not be): «KATΣAROΣ» ->
    («ΚΑΤΣΑΡΟΣ», []); «Anna» and «SMITH» unchanged; «ΠΑΠΑDΟΠΟΥΛΟΣ» -> (unchanged, [it])."""
    if not (_ANY_LATIN.search(text) and _ANY_GREEK.search(text)):  # most names: nothing to do
        return text, []
    undecided: list[str] = []

    def replace(match: re.Match[str]) -> str:
        greek = greek_word(match[0])
        if greek is None:
            undecided.append(match[0])
            return match[0]
        return greek

    # NFD first so that an accent typed as its own mark stays inside the word.
    converted = _WORD.sub(replace, unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFC", converted), undecided
