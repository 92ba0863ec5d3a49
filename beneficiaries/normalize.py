"""Greek name normalisation for search: one phonetic Latin key for Greek and Greeklish spellings.

`name_key("Ζαχαρίου")`, `name_key("zachariou")` and `name_key("ZAXARIOU")` are all "zahariu", so
an index over the key lets any of these spellings find the person; pg_trgm similarity over the
key then tolerates small typos. Greek and Latin input go through the same Latin reductions, so
the two sides always meet.

`name_terms` adds what catches a single typo in a short name, which trigrams cannot: each word as
written, accentless and keyed, with every variant one letter shorter ("symmetric delete": two
words one substitution, insertion, deletion or swap apart always share a variant).

Stored keys and terms (`Beneficiary.search_key`, `search_terms`) are computed with these rules: if
a rule changes, existing rows must be recomputed (`manage.py refresh_search_keys`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

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


def name_words(*parts: str | None) -> list[str]:
    """The words of a name as typed, split at spaces, hyphens and any other punctuation
    ("Παπαδοπούλου-Νικολάου", "Παπαδόπουλος,Γιώργος"); an apostrophe stays inside its word
    (O'Brien). Words with nothing to key (punctuation, emoji) are left out."""
    words = _WORD_SEPARATORS.split(" ".join(p for p in parts if p))
    return [w for w in words if w and word_key(w)]


def name_key(*parts: str | None) -> str:
    """The phonetic key of a whole name: each word keyed, joined by single spaces."""
    return " ".join(word_key(w) for w in name_words(*parts))


# --- the terms that catch a typo ---------------------------------------------------------------

# A variant one letter shorter is stored and looked up for words of at least this many letters:
# shorter ones would give two-letter variants that half the register shares.
MIN_VARIANT_WORD = 4
# Longer words (no real name part is) get no variants: they would only bloat the index.
MAX_VARIANT_WORD = 24
# Marks the forms of a name's own words among the typo terms, so that "the same word" can be
# told apart from "one typo away" (a word may equal another's variant: Παπαδόπουλο).
WORD_MARK = "="
# A family name's men's and women's forms differ in their ending (Παπαδόπουλος/Παπαδοπούλου,
# Αβραμίδης/Αβραμίδου, Καρράς/Καρρά): the surname's key without it is stored with this mark.
FAMILY_MARK = "~"
_FAMILY_ENDING = re.compile(r"(?:[aeiou]s|[aeiou])$")


def exact_form(word: str) -> str:
    """A word as written, only lower-cased (final sigma folded): accents still count."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFC", word.casefold()))


def accentless_form(word: str) -> str:
    """A word lower-cased without accents or diaeresis, in its own script."""
    return _NOT_WORD.sub("", fold(word))


def word_terms(word: str) -> list[str]:
    """The marked forms of one word that count as the same word: as written, accentless, keyed."""
    forms = dict.fromkeys((exact_form(word), accentless_form(word), word_key(word)))
    return [WORD_MARK + f for f in forms if f]


def variants(form: str) -> set[str]:
    """`form` with one letter left out, in every position: the symmetric-delete neighbours."""
    if not MIN_VARIANT_WORD <= len(form) <= MAX_VARIANT_WORD:
        return set()
    return {form[:i] + form[i + 1 :] for i in range(len(form))}


def typo_terms(word: str) -> set[str]:
    """The accentless and keyed forms of `word` and all their variants: two words one typo
    apart (a letter replaced, left out, added, or two swapped) always share one of these.
    None for a form of one or two letters, only ever looked up as the start of a name part."""
    forms = {f for f in (accentless_form(word), word_key(word)) if len(f) >= MIN_VARIANT_WORD - 1}
    return forms.union(*(variants(f) for f in forms))


def family_term(word: str) -> str | None:
    """The marked key of `word` without its ending, which both forms of a family name share;
    None when too little would be left to tell families apart."""
    stem = _FAMILY_ENDING.sub("", word_key(word))
    return FAMILY_MARK + stem if len(stem) >= MIN_VARIANT_WORD - 1 else None


def name_terms(surname: str | None, given_name: str | None = None) -> list[str]:
    """The terms `Beneficiary.search_terms` holds for a name: each word's marked forms and
    typo terms, and the family term of the surname's words; sorted, without repeats."""
    terms: set[str] = set()
    for word in name_words(surname, given_name):
        terms.update(word_terms(word))
        terms.update(typo_terms(word))
    terms.update(filter(None, map(family_term, name_words(surname))))
    return sorted(terms)


# --- the terms in PostgreSQL -------------------------------------------------------------------

# The terms are stored as a tsvector and looked up with a tsquery (lexemes only: no parsing,
# stemming or positions). Checking a row against a query is then a binary search per term, where
# an array overlap (text[] && text[]) compares every pair: several times faster when the
# planner scans a small register instead of using the index. Terms are letters, digits and the
# marks above, so quoting them needs no escapes.
_LEXEME = re.compile(r"'([^']*)'")


def terms_vector(terms: Iterable[str]) -> str:
    """The tsvector input for `terms`: "'=zerva' 'zerva' 'zerv' …"."""
    return " ".join(f"'{term}'" for term in sorted(set(terms)))


def vector_terms(vector: str) -> set[str]:
    """The terms of a tsvector as PostgreSQL prints it (or as `terms_vector` wrote it)."""
    return set(_LEXEME.findall(vector or ""))


def any_term_query(terms: Iterable[str]) -> str:
    """The tsquery input that matches a vector holding any of `terms`: "'a' | 'b'"."""
    return " | ".join(f"'{term}'" for term in sorted(set(terms)))
