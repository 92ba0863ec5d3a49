"""`{% by_sex person female=_("…") male=_("…") other=_("…") %}`: the form that agrees.

The `_("…")` arguments are extracted by makemessages like `{% translate %}` strings.
"""

from __future__ import annotations

from django import template

from community_centre.grammar import by_sex as choose

register = template.Library()


@register.simple_tag
def by_sex(person, *, female: str, male: str, other: str) -> str:
    """`person` is anything with a `sex` (a Beneficiary), or a Sex value itself."""
    sex = getattr(person, "sex", person)
    return choose(sex if isinstance(sex, str) else None, female=female, male=male, other=other)
