"""Reads of the case file: the access gate (`visible_to`) and name/identifier search."""

from __future__ import annotations

import re

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Upper

from beneficiaries.normalize import name_key
from beneficiaries.validators import normalize_afm, normalize_amka, normalize_phone

CASE_FILE_PERMISSION = "beneficiaries.view_beneficiary"
_DIGITS = re.compile(r"^[\d\s.\-/+]+$")
MIN_TRIGRAM_WORD = 3


def can_read_case_files(user) -> bool:
    """Caseworkers read case files; administrators (superusers included) run the system only."""
    return (
        user.is_authenticated
        and user.is_active
        and not user.is_superuser
        and user.has_perm(CASE_FILE_PERMISSION)
    )


class BeneficiaryQuerySet(models.QuerySet):
    def visible_to(self, user) -> BeneficiaryQuerySet:
        """The case files `user` may open: all of them for the Centre's caseworkers, else none."""
        return self if can_read_case_files(user) else self.none()

    def search(self, query: str) -> BeneficiaryQuerySet:
        """People matching `query`, best match first.

        Digits are looked up as AMKA, ΑΦΜ, phone or Ε.Π.Σ. number (exact, on indexes). Words are
        matched as names in any order: every word must be similar (pg_trgm word similarity over
        the phonetic key, GIN-indexed) to some part of the name, so accents, case, final sigma,
        Greeklish and small typos do not matter.
        """
        query = (query or "").strip()
        if not query:
            return self.none()
        if _DIGITS.match(query):
            return self._search_identifiers(query)
        return self._search_names(query)

    def _search_identifiers(self, query: str) -> BeneficiaryQuerySet:
        digits = re.sub(r"\D", "", query)
        condition = Q(amka=normalize_amka(query)) | Q(afm=normalize_afm(query))
        condition |= Q(eps_number__upper=query.upper().replace(" ", ""))
        try:
            phone = normalize_phone(query)
        except Exception:  # noqa: BLE001 - not a phone number: search the other identifiers
            phone = None
        if phone:
            condition |= Q(phone_mobile=phone) | Q(phone_other=phone)
        if len(digits) >= 4:
            condition |= Q(amka__startswith=digits)
        return (
            self.alias(eps_number__upper=Upper("eps_number"))
            .filter(condition)
            .order_by("surname", "given_name", "pk")
        )

    def _search_names(self, query: str) -> BeneficiaryQuerySet:
        words = name_key(query).split()
        long_words = [w for w in words if len(w) >= MIN_TRIGRAM_WORD] or words
        if not long_words:
            return self.none()
        condition = Q()
        score = None
        for word in long_words:
            # `word <% search_key`: served by the GIN trigram index (threshold set per connection).
            condition &= Q(search_key__trigram_word_similar=word)
            similarity = TrigramWordSimilarity(Value(word), "search_key")
            score = similarity if score is None else score + similarity
        return (
            self.filter(condition)
            .annotate(match_score=score)
            .order_by(F("match_score").desc(), "surname", "given_name", "pk")
        )


class CaseFileQuerySet(models.QuerySet):
    """For records that belong to a case file: visible exactly when the case file is."""

    def visible_to(self, user) -> CaseFileQuerySet:
        return self if can_read_case_files(user) else self.none()
