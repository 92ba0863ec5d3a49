"""The plain data of an export: records of labelled values, each value both as JSON (stable
English key, ISO dates, choice codes) and as printed (Greek label, dd/mm/yyyy, choice labels).

`fields_of(record)` reads every concrete field of a model instance, so that a field added to a
model later appears in the export without anyone remembering to add it. Foreign keys are shown
only when their object was selected with the record (`select_related`): an unselected one is
given as its id, never fetched, so a part's query count cannot grow with its records.
"""

from __future__ import annotations

import contextvars
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from beneficiaries.subject_access.roles import StaffRoles

# Never exported as a field: the person (every record is theirs), derived search columns, and
# stored files and snapshots (the parts list those in their own way).
SKIPPED = {"beneficiary", "search_key", "search_terms"}
# Staff the person deals with by name (their social worker, who they meet, who signs their
# letters and referrals): named. Everyone else who typed a record in: by role (roles.py).
NAMED_STAFF = {"assigned_worker", "worker", "issued_by", "referred_by", "organiser"}
# In the JSON only: the record's internal number and the moment of its last save (the audit
# trail at the end of the PDF says what changed and when). The PDF is the longer to make.
UNPRINTED = {"id", "updated_at"}
# A value longer than this takes a whole row of the PDF's field table, not half of one.
WIDE = 60

_roles: contextvars.ContextVar[StaffRoles | None] = contextvars.ContextVar("roles", default=None)


def staff_roles() -> StaffRoles:
    """The staff roles of the export being built (read once per export, see `reading_roles`)."""
    roles = _roles.get()
    if roles is None:
        roles = StaffRoles()
        _roles.set(roles)
    return roles


class reading_roles:  # noqa: N801 - used as a `with` block
    """Read the staff roles once for the whole export, and forget them after it."""

    def __enter__(self) -> StaffRoles:
        roles = StaffRoles()
        self._token = _roles.set(roles)
        return roles

    def __exit__(self, *exc) -> None:
        _roles.reset(self._token)


@dataclass
class Item:
    """One value: `value` for the JSON, `text` as printed ("" when empty); `code` for a choice."""

    key: str
    label: str
    value: object
    text: str
    coded: bool = False

    def json_pairs(self):
        yield self.key, self.value
        if self.coded:
            yield f"{self.key}_label", self.text


@dataclass
class Record:
    """One record (a request, a note …): its heading in the PDF, its values, nested lists."""

    title: str
    items: list[Item]
    groups: list[Group] = field(default_factory=list)

    def as_json(self) -> dict:
        data = dict(pair for item in self.items for pair in item.json_pairs())
        for group in self.groups:
            data[group.key] = [record.as_json() for record in group.records]
        return data

    def value(self, key: str):
        return next((item.value for item in self.items if item.key == key), None)

    @property
    def filled(self) -> list[Item]:
        """The printed values of a record shown as one line (a nested list's)."""
        return [i for i in self.items if i.text and i.key not in UNPRINTED]

    def rows(self, *, with_empty: bool = False) -> list[list[Item]]:
        """The printed fields, two to a row of the PDF's table (a long one alone); the empty
        ones too `with_empty` (the case file: «—» says that the field is held empty)."""
        return _rows([i for i in self.items if (i.text or with_empty) and i.key not in UNPRINTED])


def _rows(items: list[Item]) -> list[list[Item]]:
    rows: list[list[Item]] = []
    pending: list[Item] = []
    for one in items:
        if len(one.text) > WIDE or len(one.label) > WIDE:
            if pending:
                rows.append(pending)
                pending = []
            rows.append([one])
            continue
        pending.append(one)
        if len(pending) == 2:
            rows.append(pending)
            pending = []
    if pending:
        rows.append(pending)
    return rows


@dataclass
class Group:
    """A list inside a record: a request's status history, a referral's disclosed data …"""

    key: str
    title: str
    records: list[Record]
    note: str = ""  # printed instead of the records (which stay in the JSON) when given


def item(key: str, label, value, text: str | None = None) -> Item:
    """A value made by hand (not a model field): printed as `text`, or as the value."""
    return Item(key, str(label), json_value(value), _printed(value) if text is None else text)


def fields_of(obj: models.Model, *, exclude: tuple[str, ...] = ()) -> list[Item]:
    """Every concrete field of `obj`, in model order (see the module docstring)."""
    items = []
    for model_field in obj._meta.concrete_fields:
        if model_field.name in SKIPPED or model_field.name in exclude:
            continue
        if isinstance(model_field, models.FileField | models.JSONField):
            continue
        items.append(field_item(obj, model_field))
    return items


def field_item(obj: models.Model, model_field: models.Field) -> Item:
    name, label = model_field.name, _label(model_field)
    if model_field.primary_key:
        return Item("id", _("Αριθμός εγγραφής"), obj.pk, str(obj.pk))
    if model_field.is_relation:
        return _relation_item(obj, model_field, label)
    value = getattr(obj, model_field.attname)
    if isinstance(model_field, ArrayField) and model_field.base_field.choices:
        labels = dict(model_field.base_field.flatchoices)
        texts = [str(labels.get(v, v)) for v in value or []]
        return Item(name, label, list(value or []), ", ".join(texts))
    if model_field.choices and value not in (None, ""):
        return Item(name, label, value, str(dict(model_field.flatchoices).get(value, value)), True)
    return Item(name, label, json_value(value), _printed(value))


def _relation_item(obj: models.Model, model_field: models.Field, label: str) -> Item:
    name, pk = model_field.name, getattr(obj, model_field.attname)
    if model_field.related_model is _user_model():
        if name in NAMED_STAFF:
            person = getattr(obj, name) if model_field.is_cached(obj) else None
            text = _staff_name(person) if person else ""
            return Item(name, label, text or None, text)
        role = staff_roles().role_at(pk) if pk is not None else ""
        return Item(f"{name}_role", label, role or None, role)
    if pk is None:
        return Item(name, label, None, "")
    text = str(getattr(obj, name)) if model_field.is_cached(obj) else f"#{pk}"
    return Item(name, label, text, text)


def _staff_name(user) -> str:
    return user.get_full_name() or user.get_username()


def _user_model():
    from django.apps import apps

    return apps.get_model(settings.AUTH_USER_MODEL)


def _label(model_field: models.Field) -> str:
    return capfirst(str(model_field.verbose_name))


def json_value(value):
    """A value as JSON holds it: ISO dates (moments in Athens time with their offset)."""
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, str | int | float | bool | list | dict) or value is None:
        return value
    return str(value)


def local_moment(moment: datetime) -> str:
    """A moment as printed: dd/mm/yyyy HH:MM, Athens time."""
    return formats.date_format(timezone.localtime(moment), "d/m/Y H:i")


def _printed(value) -> str:
    """A value as the PDF prints it: dd/mm/yyyy, Athens time, yes/no in words."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("Ναι") if value else _("Όχι")
    if isinstance(value, datetime):
        return local_moment(value)
    if isinstance(value, date):
        return formats.date_format(value, "d/m/Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, Decimal):
        return formats.number_format(value, decimal_pos=2, use_l10n=True)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
