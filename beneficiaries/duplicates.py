"""Possible duplicates of a person about to be registered, shown before anything is saved."""

from __future__ import annotations

from django.db.models import Q

from beneficiaries.models import Beneficiary
from beneficiaries.name_search import NameMatch
from beneficiaries.querysets import name_query_words

MAX_CANDIDATES = 10


def possible_duplicates(
    *,
    surname: str,
    given_name: str,
    date_of_birth=None,
    amka: str | None = None,
    afm: str | None = None,
    phones: list[str] | tuple[str, ...] = (),
    exclude_pk: int | None = None,
) -> list[Beneficiary]:
    """People with the same AMKA, ΑΦΜ or phone, or a similar name and the same date of birth."""
    condition = Q(pk__in=[])
    if amka:
        condition |= Q(amka=amka)
    if afm:
        condition |= Q(afm=afm)
    for phone in filter(None, phones):
        condition |= Q(phone_mobile=phone) | Q(phone_other=phone)
    if date_of_birth:
        same_birthday = Q(date_of_birth=date_of_birth)
        surname_words = name_query_words(surname)[:1]
        if surname_words:
            # Matched as name search matches a word: spelling variants and typos still match.
            same_birthday &= Q(NameMatch(surname_words, model=Beneficiary, always_alike=True))
        condition |= same_birthday
    qs = Beneficiary.objects.filter(condition).select_related("settlement")
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return list(qs.order_by("surname", "given_name")[:MAX_CANDIDATES])
