"""Reads of the case file: the access gate (`visible_to`) and name/identifier search."""

from __future__ import annotations

import re

from django.contrib.postgres.search import TrigramStrictWordSimilarity, TrigramWordSimilarity
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Expression, F, Q, Value, When
from django.db.models.functions import Upper
from django.db.models.lookups import GreaterThanOrEqual

from beneficiaries.normalize import name_key
from beneficiaries.validators import normalize_afm, normalize_phone

CASE_FILE_PERMISSION = "beneficiaries.view_beneficiary"

# A longer query is cut: no name or identifier is this long, and it bounds the work per search.
MAX_QUERY_LENGTH = 100
# Words beyond this many are ignored: a name has fewer parts, and each word is one index probe.
MAX_NAME_WORDS = 6
# Words of the phonetic key shorter than this ("Άννα" -> "ana", "Νίκος" -> "nikos") only match
# the start of a name part: trigrams cannot tell such short words apart (one wrong letter leaves
# too few in common), and as a GIN probe they would fetch every name sharing the first letters.
# The key already absorbs the usual misspellings (ο/ω, ι/η/υ/ει/οι, ε/αι, accents, double letters).
MIN_TRIGRAM_WORD = 6
# A query whose longest word is a single letter finds nobody (it would match a tenth of the
# register); next to a longer word a letter is an initial ("Παπαδόπουλος Γ").
MIN_LONGEST_WORD = 2
# A word of the query matches a name part that it begins ("Παπαδ", "Παπαδόπουλο") or that is
# like it as a whole: pg_trgm strict word similarity at least this (one wrong letter in
# "Παπαδόπουλος" scores 0.6). Plain word similarity would also let through other names that
# merely share the first half ("Παπαδόπουλος" ~ "Παπαδογιάννης" 0.5, "Μαρία" ~ "Μάρκος" 0.5).
# Both cases have word similarity >= 0.5, so the GIN index (`%>`, pg_trgm.word_similarity_threshold
# = 0.5 per connection in settings) finds every candidate, and this is checked on those rows only.
STRICT_WORD_SIMILARITY = 0.5
# An identifier query has at least this many digits; fewer (8eodoropoulos) is a name.
MIN_IDENTIFIER_DIGITS = 3
MIN_AMKA_PREFIX = 4
AMKA_LENGTH = 11

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
_ASCII_DIGIT = re.compile(r"[0-9]")
_SEPARATORS = re.compile(r"[\s.\-/]")
_SPACES = re.compile(r"\s+")


def can_read_case_files(user) -> bool:
    """Caseworkers read case files; administrators (superusers included) run the system only."""
    return (
        user.is_authenticated
        and user.is_active
        and not user.is_superuser
        and user.has_perm(CASE_FILE_PERMISSION)
    )


def is_identifier_query(query: str) -> bool:
    """Whether a query is an AMKA, ΑΦΜ, phone or Ε.Π.Σ. number rather than a name.

    Names have no digits, except Greeklish "8" for θ (8eodoropoulos); a name and a number
    together ("Παπαδόπουλος 1980") count as a number.
    """
    return len(_ASCII_DIGIT.findall(query)) >= MIN_IDENTIFIER_DIGITS


class BeneficiaryQuerySet(models.QuerySet):
    def visible_to(self, user) -> BeneficiaryQuerySet:
        """The case files `user` may open: all of them for the Centre's caseworkers, else none."""
        return self if can_read_case_files(user) else self.none()

    def search(self, query: str) -> BeneficiaryQuerySet:
        """People matching `query`, best match first, annotated with `match_score`.

        A query with digits is looked up as AMKA (whole or its first digits), ΑΦΜ (with or
        without EL), phone (any Greek or international format) or Ε.Π.Σ. number (any case), on
        indexes. Otherwise every word must match a part of the name, in any order, through the
        phonetic key of `beneficiaries.normalize` (case, accents, final sigma and Greeklish do not
        matter): a long word by pg_trgm similarity on the GIN index (small typos do not matter),
        a short one as the beginning of a name part. Whole matches rank above partial and fuzzy
        ones; ties go by surname and given name. The query reaches SQL only as bound parameters.
        """
        query = _CONTROL_CHARACTERS.sub(" ", query or "")[:MAX_QUERY_LENGTH].strip()
        if is_identifier_query(query):
            return self._search_identifiers(query)
        return self._search_names(query)

    def _search_identifiers(self, query: str) -> BeneficiaryQuerySet:
        compact = _SEPARATORS.sub("", query)
        exact = Q(amka=compact) | Q(afm=normalize_afm(query))
        exact |= Q(eps_number_upper__in={query.upper(), _SPACES.sub("", query).upper()})
        phone = _phone_or_none(query)
        if phone:
            exact |= Q(phone_mobile=phone) | Q(phone_other=phone)
        condition = exact
        if _is_amka_prefix(compact):
            # The first digits of an AMKA (its date part): served by the pattern-ops index.
            condition |= Q(amka__startswith=compact)
        return (
            self.alias(eps_number_upper=Upper("eps_number"))
            .filter(condition)
            .annotate(match_score=Case(When(exact, then=Value(1.0)), default=Value(0.5)))
            .order_by(F("match_score").desc(), "surname", "given_name", "pk")
        )

    def _search_names(self, query: str) -> BeneficiaryQuerySet:
        words = list(dict.fromkeys(name_key(query).split()))[:MAX_NAME_WORDS]
        if not words or max(map(len, words)) < MIN_LONGEST_WORD:
            return self.none()
        condition, scores = Q(), []
        for word in words:
            word_condition, score = _word_match(word)
            condition &= word_condition
            scores.append(score)
        return (
            self.filter(condition)
            .annotate(match_score=sum(scores[1:], start=scores[0]))
            .order_by(F("match_score").desc(), "surname", "given_name", "pk")
        )


def _word_match(word: str) -> tuple[Q, Expression]:
    """How one word of the query must appear in the name's phonetic key, and its score (0..1)."""
    begins_a_part = Q(search_key__startswith=word) | Q(search_key__contains=f" {word}")
    if len(word) < MIN_TRIGRAM_WORD:
        # LIKE patterns, which the trigram index also serves. A whole name part ranks first, then
        # surnames (the key starts with the surname), then other parts that begin with the word.
        whole_part = Q(search_key=word) | Q(search_key__startswith=f"{word} ")
        whole_part |= Q(search_key__endswith=f" {word}") | Q(search_key__contains=f" {word} ")
        score = Case(
            When(whole_part, then=Value(1.0)),
            When(search_key__startswith=word, then=Value(0.8)),
            default=Value(0.6),
        )
        return begins_a_part, score
    # `search_key %> word` is the GIN index probe; the rest is checked on the rows it finds.
    alike = GreaterThanOrEqual(
        TrigramStrictWordSimilarity(Value(word), "search_key"), STRICT_WORD_SIMILARITY
    )
    condition = Q(search_key__trigram_word_similar=word) & (begins_a_part | Q(alike))
    return condition, TrigramWordSimilarity(Value(word), "search_key")


def _is_amka_prefix(compact: str) -> bool:
    return compact.isascii() and compact.isdigit() and MIN_AMKA_PREFIX <= len(compact) < AMKA_LENGTH


def _phone_or_none(query: str) -> str | None:
    try:
        return normalize_phone(query)
    except ValidationError:
        return None


class CaseFileQuerySet(models.QuerySet):
    """For records that belong to a case file: visible exactly when the case file is."""

    def visible_to(self, user) -> CaseFileQuerySet:
        return self if can_read_case_files(user) else self.none()
