"""Greek name normalisation for search: one phonetic Latin key for Greek and Greeklish spellings.

`name_key("Ζαχαρίου")`, `name_key("zachariou")` and `name_key("ZAXARIOU")` are all "zahariu", so
an index over the key lets any of these spellings find the person; pg_trgm similarity over the
key then tolerates small typos. Greek and Latin input go through the same Latin reductions, so
the two sides always meet.
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
    (re.compile(r"mp"), "b"),
    (re.compile(r"nt"), "d"),
    (re.compile(r"gk|gg|ng"), "g"),
    (re.compile(r"b"), "v"),
    (re.compile(r"o[uy]"), "u"),
    (re.compile(r"w"), "o"),
    (re.compile(r"ai"), "e"),
    (re.compile(r"(?<=[ae])f"), "v"),
    (re.compile(r"[oe]i|y|j"), "i"),
    (re.compile(r"8"), "th"),
    (re.compile(r"([a-z])\1+"), r"\1"),
]
_NON_LETTERS = re.compile(r"[^a-z0-9 ]+")
_SPACES = re.compile(r"\s+")


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
    latin = _latin(fold(word))
    latin = _NON_LETTERS.sub("", latin)
    for pattern, replacement in _LATIN_REDUCTIONS:
        latin = pattern.sub(replacement, latin)
    return latin


def name_key(*parts: str | None) -> str:
    """The phonetic key of a whole name: each word keyed, joined by single spaces."""
    words = _SPACES.split(" ".join(p for p in parts if p).replace("-", " "))
    return " ".join(k for k in (word_key(w) for w in words if w) if k)
