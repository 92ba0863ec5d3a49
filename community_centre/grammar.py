"""Greek that agrees with the person: the masculine or feminine form when the sex is known.

Greek nouns, articles and participles agree with the sex of the person they name («ο
ωφελούμενος», «η ωφελούμενη»). Where the sex is recorded, documents use the right form; where it
is not (or the person is non-binary), a neutral phrasing or the double form.
"""

from __future__ import annotations

FEMALE, MALE = "female", "male"


def by_sex(sex: str | None, *, female: str, male: str, other: str) -> str:
    """The form of a phrase that agrees with `sex` (a Sex value; anything else: `other`)."""
    return {FEMALE: female, MALE: male}.get(sex or "", other)
