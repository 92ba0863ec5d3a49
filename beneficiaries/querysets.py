"""Reads of the case file: the access gate (`visible_to`) and name/identifier search."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Upper

from beneficiaries.name_search import NameMatch, NameScore, Word
from beneficiaries.normalize import name_words
from beneficiaries.validators import normalize_afm, normalize_phone
from community_centre.roles import can_read_case_files

# A longer query is cut: no name or identifier is this long, and it bounds the work per search.
MAX_QUERY_LENGTH = 100
# Words beyond this many are ignored: a name has fewer parts, and each word is one index probe.
MAX_NAME_WORDS = 6
# A query whose longest word is a single letter finds nobody (it would match a tenth of the
# register); next to a longer word a letter is an initial ("Παπαδόπουλος Γ").
MIN_LONGEST_WORD = 2
# An identifier query has at least this many digits; fewer (8eodoropoulos) is a name.
MIN_IDENTIFIER_DIGITS = 3
MIN_AMKA_PREFIX = 4
AMKA_LENGTH = 11

# What the results table, the as-you-type list and the access log read of each person.
LIST_FIELDS = (
    "surname",
    "given_name",
    "father_name",
    "date_of_birth",
    "amka",
    "status",
    "settlement__name",
    "assigned_worker__username",
    "assigned_worker__first_name",
    "assigned_worker__last_name",
)

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
_ASCII_DIGIT = re.compile(r"[0-9]")
_SEPARATORS = re.compile(r"[\s.\-/]")
_SPACES = re.compile(r"\s+")


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

    def for_list(self) -> BeneficiaryQuerySet:
        """Only the columns a list of people shows (name, father's name, birth date, AMKA,
        status, settlement, assigned worker): a search builds and reads a third of the row."""
        return self.select_related("settlement", "assigned_worker").only(*LIST_FIELDS)

    def search(self, query: str) -> BeneficiaryQuerySet:
        """People matching `query`, best match first, annotated with `match_score`.

        A query with digits is looked up as AMKA (whole or its first digits), ΑΦΜ (with or
        without EL), phone (any Greek or international format) or Ε.Π.Σ. number (any case), on
        indexes. Otherwise every word must match a part of the name, in any order, through the
        forms of `beneficiaries.normalize` (case, accents, final sigma and Greeklish do not
        matter): as the same word, the beginning of a part, one typo away (GIN on
        `search_terms`) or, for a long word, alike by pg_trgm (GIN on `search_key`). Same words
        rank above beginnings and these above typos; ties go by surname, given name and pk.
        The query reaches SQL only as bound parameters.
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
        found = self.alias(eps_number_upper=Upper("eps_number"))
        if not _is_amka_prefix(compact):  # every match is exact: no score to compute per row
            found = found.filter(exact).annotate(match_score=Value(1.0))
            return found.order_by("surname", "given_name", "pk")
        # The first digits of an AMKA (its date part): served by the pattern-ops index.
        return (
            found.filter(exact | Q(amka__startswith=compact))
            .annotate(match_score=Case(When(exact, then=Value(1.0)), default=Value(0.5)))
            .order_by(F("match_score").desc(), "surname", "given_name", "pk")
        )

    def _search_names(self, query: str) -> BeneficiaryQuerySet:
        words = name_query_words(query)
        if not words or max(len(word.key) for word in words) < MIN_LONGEST_WORD:
            return self.none()
        return (
            self.filter(NameMatch(words, model=self.model))
            .annotate(match_score=NameScore(words, model=self.model))
            .order_by(F("match_score").desc(), "surname", "given_name", "pk")
        )


def name_query_words(query: str) -> list[Word]:
    """The words of a name query, one per phonetic key ("Γιώργος giorgos" is one word twice)."""
    by_key: dict[str, Word] = {}
    for typed in name_words(query):
        word = Word(typed)
        by_key.setdefault(word.key, word)
    return list(by_key.values())[:MAX_NAME_WORDS]


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
