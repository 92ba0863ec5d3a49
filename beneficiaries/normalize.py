"""Greek name normalisation for search: one phonetic Latin key for Greek and Greeklish spellings.

`name_key("Ζαχαρίου")`, `name_key("zachariou")` and `name_key("ZAXARIOU")` are all "zahariu", so
an index over the key lets any of these spellings find the person; pg_trgm similarity over the
key then tolerates small typos. Greek and Latin input go through the same Latin reductions, so
the two sides always meet.

Stored keys (`Beneficiary.search_key`) are computed with these rules: if a rule changes, the keys
of existing rows must be recomputed (`obj.search_key = obj.compute_search_key()`).
"""

from __future__ import annotations

import re
import unicodedata

# Greek digraphs first (after accents are stripped and ς folded to σ), then single letters.
_GREEK_DIGRAPHS = [
    ("ου", "ou"),
    ("αυ", "av"),
    ("ευ", "ev"),
    ("ηυ", "iv"),
    ("μπ", "b"),
    ("ντ", "d"),
    ("γκ", "g"),
    ("γγ", "g"),
    ("γχ", "nch"),
]
_GREEK_LETTERS = str.maketrans(
    {
        "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
        "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
        "ρ": "r", "σ": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o",
    }
)  # fmt: skip
# Reductions applied to the Latin form, whichever script it came from. Order matters.
_LATIN_REDUCTIONS = [
    (re.compile(r"ks|kh|ch|x"), "h"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"c"), "k"),  # Latin spellings: Constantinos, Nicolaou (after ch is gone)
    (re.compile(r"mp"), "b"),
    (re.compile(r"nt(?!h)"), "d"),  # ντ, but not ν+θ: Ανθή stays "anthi"
    (re.compile(r"gk|gg|ng"), "g"),
    (re.compile(r"b"), "v"),
    (re.compile(r"w"), "o"),
    # Greeklish y before a vowel is γι: yiannis, yorgos, panayiotis -> gianis, giorgos, panagiotis.
    (re.compile(r"(?:^|(?<=[aeiou]))y(?=[aeiou])"), "gi"),
    # Greeklish u after a or e is υ: euaggelos, mauros -> ev, av (Latin "ou" is left alone).
    (re.compile(r"(?<=[ae])u"), "v"),
    (re.compile(r"o[uy]"), "u"),
]
# The vowel digraphs, reduced until none is left: Μαυροειδής is "mavroeidis" in Greek letters
# and "mavroidis" in Greeklish (ει typed as i), and both must end as "mavridis".
_VOWEL_DIGRAPHS = re.compile(r"ai|[oe]i")
_VOWEL_SOUNDS = {"ai": "e", "oi": "i", "ei": "i"}
_LAST_REDUCTIONS = [
    (re.compile(r"(?<=[ae])f"), "v"),
    (re.compile(r"y|j"), "i"),
    (re.compile(r"8"), "th"),
    (re.compile(r"([a-z])\1+"), r"\1"),
]
# Anything that is not a letter or digit goes; letters of other scripts (Cyrillic, …) stay, so a
# name typed in its own script still finds itself.
_NOT_WORD = re.compile(r"[\W_]+")
_WORD_SEPARATORS = re.compile(r"[^\w']+")


def fold(text: str) -> str:
    """Lower-case, strip accents and diaeresis, fold final sigma: 'Ζαχαρίου' -> 'ζαχαριου'."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("ς", "σ")


def _latin(word: str) -> str:
    for greek, latin in _GREEK_DIGRAPHS:
        word = word.replace(greek, latin)
    return word.translate(_GREEK_LETTERS)


def word_key(word: str) -> str:
    """The phonetic key of one word of a name, in Greek or Greeklish."""
    latin = _NOT_WORD.sub("", _latin(fold(word)))
    for pattern, replacement in _LATIN_REDUCTIONS:
        latin = pattern.sub(replacement, latin)
    while _VOWEL_DIGRAPHS.search(latin):
        latin = _VOWEL_DIGRAPHS.sub(lambda match: _VOWEL_SOUNDS[match[0]], latin)
    for pattern, replacement in _LAST_REDUCTIONS:
        latin = pattern.sub(replacement, latin)
    return latin


def name_key(*parts: str | None) -> str:
    """The phonetic key of a whole name: each word keyed, joined by single spaces.

    Words are split at spaces, hyphens and any other punctuation ("Παπαδοπούλου-Νικολάου",
    "Παπαδόπουλος,Γιώργος"); an apostrophe stays inside its word (O'Brien).
    """
    words = _WORD_SEPARATORS.split(" ".join(p for p in parts if p))
    return " ".join(k for k in (word_key(w) for w in words if w) if k)
