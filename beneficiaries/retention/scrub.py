"""Removing a person's identifiers from free text and from stored values.

`Scrubber(names, numbers)` replaces with «[…]»: the person's names and those of their household
and representative (any case, with or without accents, in any Greek ending: «Παπαδόπουλος»
also finds «Παπαδόπουλου», «ΠΑΠΑΔΟΠΟΥΛΟ»; and in Latin letters as the search reads them,
beneficiaries.normalize.word_key: «Papadopoulou», «Giorgos»); the numbers it was given
(identity document, personal number, Ε.Π.Σ. number, street address …); and any AMKA, ΑΦΜ,
Greek phone number or email address in the text, whoever's it is (a number is an AMKA or ΑΦΜ
when its check digit is right). Values stored under an identifier's key (`IDENTIFIER_KEYS`: a
django-auditlog change of the surname, a referral snapshot's AMKA) are replaced whole.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from stdnum.gr import amka as stdnum_amka
from stdnum.gr import vat as stdnum_vat

from beneficiaries.normalize import word_key

REDACTED = "[…]"

# Field names whose values are identifiers whatever they hold.
IDENTIFIER_KEYS = frozenset(
    {
        "surname",
        "given_name",
        "father_name",
        "mother_name",
        "full_name",
        "name",
        "date_of_birth",
        "amka",
        "afm",
        "paaypa",
        "personal_number",
        "id_document_number",
        "amka_mismatch_reason",
        "address",
        "postal_code",
        "phone",
        "phone_mobile",
        "phone_other",
        "email",
        "eps_number",
        "received_by_name",
        "original_name",
        "file",
        "pdf",
        "sha256",
        # Not an identifier, but free text of health (GDPR art. 9) that no count uses.
        "health_notes",
    }
)

# A word of the name shorter than this is matched exactly (an ending is not cut from it).
_STEM_MIN = 4
_VARIANTS = {
    "α": "αά",
    "ε": "εέ",
    "η": "ηή",
    "ι": "ιίϊΐ",
    "ο": "οό",
    "υ": "υύϋΰ",
    "ω": "ωώ",
    "σ": "σς",
}
# Endings of Greek names, on the accentless lower-case form (`_plain`).
_GREEK_ENDING = re.compile(r"(οσ|ησ|ασ|ου|ων|εσ|ισ|α|η|ο|ε|ι|υ|ω|σ)$")
_NUMBER = re.compile(r"(?<![\w+])(?:\+|00)?\d(?:[ .\-/]?\d){7,13}(?!\w)")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_LATIN_WORD = re.compile(r"(?<![\w])[A-Za-z]{2,}(?![\w])")


def _plain(text: str) -> str:
    """Lower case, no accents, final sigma folded."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ς", "σ")


def _name_pattern(word: str) -> str | None:
    plain = _plain(word)
    if len(plain) < 2:
        return None
    stem = _GREEK_ENDING.sub("", plain)
    if len(plain) <= _STEM_MIN or len(stem) < _STEM_MIN - 1:
        return rf"(?<!\w){_letters(plain)}(?!\w)"  # a short name: the word itself
    return rf"(?<!\w){_letters(stem)}\w*"


def _latin_key(word: str) -> tuple[str, bool] | None:
    """(the search's sound key of the name word, whether a text word must equal it rather than
    begin with it), to find the name written in Latin letters («Papadopoulou», «Giorgos»)."""
    plain = _plain(word)
    if len(plain) < 2:
        return None
    stem = _GREEK_ENDING.sub("", plain)
    if len(plain) <= _STEM_MIN or len(stem) < _STEM_MIN - 1:
        return word_key(plain), True
    return word_key(stem), False


def _letters(plain: str) -> str:
    return "".join(f"[{re.escape(_VARIANTS.get(c, c))}]" for c in plain)


def is_identifier_number(digits: str) -> bool:
    """An AMKA or ΑΦΜ with a right check digit, or a Greek phone number."""
    if digits.startswith("0030"):
        digits = digits[4:]
    elif digits.startswith("30") and len(digits) == 12:
        digits = digits[2:]
    if len(digits) == 11 and stdnum_amka.is_valid(digits):
        return True
    if len(digits) == 9 and digits != "000000000" and stdnum_vat.is_valid(digits):
        return True
    return len(digits) == 10 and digits[0] in "26"


class Scrubber:
    """Replaces one person's identifiers (and any AMKA, ΑΦΜ, phone, email) with «[…]»."""

    def __init__(self, names: Iterable[str], numbers: Iterable[str] = ()) -> None:
        words = {w for name in names if name for w in re.split(r"[\s\-]+", name) if w}
        patterns = sorted(filter(None, map(_name_pattern, words)), key=len, reverse=True)
        self._names = re.compile("|".join(patterns), re.IGNORECASE) if patterns else None
        keys = [key for key in map(_latin_key, words) if key and key[0]]
        self._latin_exact = {key for key, exact in keys if exact}
        self._latin_stems = tuple(sorted({key for key, exact in keys if not exact}))
        self._numbers = {re.sub(r"\D", "", n) for n in numbers if n and re.search(r"\d{4}", n)}
        phrases = sorted({n.strip() for n in numbers if n and n.strip()}, key=len, reverse=True)
        self._phrases = (
            re.compile("|".join(re.escape(p) for p in phrases), re.IGNORECASE) if phrases else None
        )

    def text(self, value: str) -> str:
        if not value or value == REDACTED:
            return value
        if self._phrases:
            value = self._phrases.sub(REDACTED, value)
        value = _EMAIL.sub(REDACTED, value)
        value = _NUMBER.sub(self._number, value)
        if self._names:
            value = self._names.sub(REDACTED, _nfc(value))
        if self._latin_exact or self._latin_stems:
            value = _LATIN_WORD.sub(self._latin_name, value)
        return value

    def _latin_name(self, match: re.Match) -> str:
        key = word_key(match.group())
        if key in self._latin_exact or (self._latin_stems and key.startswith(self._latin_stems)):
            return REDACTED
        return match.group()

    def _number(self, match: re.Match) -> str:
        digits = re.sub(r"\D", "", match.group())
        known = digits in self._numbers
        return REDACTED if known or is_identifier_number(digits) else match.group()

    def value(self, value: object, key: str = "") -> object:
        """A JSON value with every string scrubbed, and identifiers' values replaced whole."""
        if key in IDENTIFIER_KEYS:
            return _redact_whole(value)
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.value(v, key) for v in value]
        if isinstance(value, dict):
            return {k: self.value(v, str(k)) for k, v in value.items()}
        return value


def _redact_whole(value: object) -> object:
    if isinstance(value, list):
        return [_redact_whole(v) for v in value]
    if isinstance(value, dict):
        return {k: _redact_whole(v) for k, v in value.items()}
    if value in (None, "", "None"):
        return value
    return REDACTED


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)
