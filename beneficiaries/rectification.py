"""Rectification of a case file at the person's request (GDPR art. 16), and the listeners that
act on it.

`beneficiary_rectify` saves only what changed, records a `Rectification` with the values as
they were, and calls every registered listener in the same transaction. An app above this one
(referrals: a task for each partner body that received an old value) registers its listener
in its AppConfig.ready(), so the case file imports no app above it:

    register_rectification_listener(fn)  # fn(*, rectification, before, after)

`before` is the case file as it was, `after` as it is now (both Beneficiary instances).
`member_rectify` does the same for a household member (`rectification.member`): `before` is
then the person whose `household` reads the members as they were.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date, datetime

from django.core.exceptions import FieldDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import formats
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from beneficiaries import special_categories
from beneficiaries.models import Beneficiary, HouseholdMember, Rectification
from community_centre.models import User
from community_centre.versions import lock_unchanged

Listener = Callable[..., None]
_listeners: list[Listener] = []


class RectificationError(Exception):
    """A rectification that cannot be recorded (nothing changed, no reason …); nothing saved."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


def register_rectification_listener(listener: Listener) -> None:
    """Have `listener(*, rectification, before, after)` called inside every rectification."""
    if listener not in _listeners:
        _listeners.append(listener)


def stored(field: models.Field, value) -> object:
    """`value` of `field` as a rectification keeps it: JSON (an id for a relation, dates ISO)."""
    if field.is_relation and isinstance(value, models.Model):
        value = value.pk
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _corrections(current: models.Model, changes: dict) -> dict[str, list]:
    """{field: [old, new]} of the `changes` that differ from the record as it is now."""
    corrected = {}
    for name, value in changes.items():
        field = type(current)._meta.get_field(name)
        old, new = stored(field, field.value_from_object(current)), stored(field, value)
        if old != new and not (old in (None, "") and new in (None, "")):
            corrected[name] = [old, new]
    return corrected


def _correct(
    current: models.Model,
    changes: dict,
    *,
    before: Beneficiary,
    after: Beneficiary,
    reason: str,
    **record,
) -> Rectification:
    """Save the fields of `changes` that differ from `current` (`RectificationError` when none
    does, or without a reason), record the rectification with `record` (its person, member,
    request, actor) and call every listener with the person `before` and `after`."""
    corrected = _corrections(current, changes)
    if not corrected:
        raise RectificationError(
            _("Δεν άλλαξε κανένα στοιχείο· δεν καταχωρίστηκε διόρθωση."), "nothing_changed"
        )
    reason = (reason or "").strip()
    if not reason:
        raise RectificationError(_("Γράψτε την αιτιολογία της διόρθωσης."), "no_reason")
    for name in corrected:
        setattr(current, name, changes[name])
    current.full_clean()
    current.save()
    rectification = Rectification(changes=corrected, reason=reason, **record)
    rectification.full_clean()
    rectification.save()
    for listener in _listeners:
        listener(rectification=rectification, before=before, after=after)
    return rectification


def _with_household(person: Beneficiary, members: list[HouseholdMember]) -> Beneficiary:
    """`person` whose `household` reads `members` (as they were), not the database: what the
    listeners compare with the household as it is now."""
    copied = copy.copy(person)
    copied._prefetched_objects_cache = {"household": members}
    return copied


@transaction.atomic
def member_rectify(
    *,
    member: HouseholdMember,
    changes: dict,
    reason: str,
    requested_on: date,
    requested_how: str,
    expected_version: datetime | None,
    actor: User,
) -> Rectification:
    """Correct a household member at the request of the member or the person: as
    `beneficiary_rectify`, for the member's fields; the listeners get the person with the
    household as it was (`before`) and as it is (`after`)."""
    current = lock_unchanged(HouseholdMember, member.pk, expected_version)
    person = Beneficiary.objects.select_for_update(of=("self",)).get(pk=current.beneficiary_id)
    before = _with_household(person, list(person.household.all()))
    return _correct(
        current, changes, before=before, after=person, reason=reason, beneficiary=person,
        member=current, requested_on=requested_on, requested_how=requested_how, actor=actor,
    )  # fmt: skip


@transaction.atomic
def beneficiary_rectify(
    *,
    beneficiary: Beneficiary,
    changes: dict,
    reason: str,
    requested_on: date,
    requested_how: str,
    expected_version: datetime | None,
    actor: User,
) -> Rectification:
    """Correct the case file at the person's request: save only the fields of `changes` (field
    name → new value) that differ, unless the file changed since the form was opened
    (`StaleVersion`), and record it with its reason; `RectificationError` when nothing differs."""
    current = lock_unchanged(Beneficiary, beneficiary.pk, expected_version)
    return _correct(
        current, changes, before=copy.copy(current), after=current, reason=reason,
        beneficiary=current, requested_on=requested_on, requested_how=requested_how, actor=actor,
    )  # fmt: skip


# --- reading a rectification ----------------------------------------------------------------


def readable(field: models.Field, value, names: dict) -> str:
    """A kept value as the desk reads it: a choice's label, a place's name, dd/mm/yyyy."""
    if value in (None, ""):
        return "—"
    if field.is_relation:
        return names.get((field.related_model, value), f"#{value}")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Ναι") if value else _("Όχι")
    if isinstance(field, models.DateField):
        day = parse_date(str(value))
        return formats.date_format(day, "SHORT_DATE_FORMAT") if day else str(value)
    return str(value)


def described(rectifications: list[Rectification]) -> None:
    """Set `r.described` to [(label, old, new)] readable, on every rectification (one query per
    kind of related record named, whatever their number)."""
    wanted: dict[type[models.Model], set] = {}
    for rectification in rectifications:
        for name, (old, new) in rectification.changes.items():
            field = _field(name, rectification)
            if field is not None and field.is_relation:
                wanted.setdefault(field.related_model, set()).update({old, new} - {None})
    names = {
        (model, obj.pk): str(obj)
        for model, pks in wanted.items()
        for obj in model._default_manager.filter(pk__in=pks)
    }
    for rectification in rectifications:
        rectification.described = [
            (str(field.verbose_name), *_shown(name, field, old, new, names))
            for name, (old, new) in rectification.changes.items()
            if (field := _field(name, rectification)) is not None
        ]


def _shown(name: str, field: models.Field, old, new, names: dict) -> tuple[str, str]:
    """(old, new) as the staff's pages print them: a special category's values hidden, as in
    the rest of the history (beneficiaries.special_categories)."""
    before, after = readable(field, old, names), readable(field, new, names)
    if field.model is Beneficiary and special_categories.is_special(name):
        return special_categories.mask(name, before), special_categories.mask(name, after)
    return before, after


def _field(name: str, rectification: Rectification) -> models.Field | None:
    """The field `name` of what `rectification` corrected: the member's or the case file's."""
    model = HouseholdMember if rectification.member_id else Beneficiary
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
