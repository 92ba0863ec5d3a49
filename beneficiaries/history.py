"""Who viewed and who changed a case file: the access log beside django-auditlog's entries;
and, for a refused edit, who changed the record since the form was opened and what."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from beneficiaries import special_categories
from beneficiaries.models import Beneficiary, Rectification
from beneficiaries.rectification import described
from community_centre.models import AccessLog
from community_centre.versions import StaleVersion

HISTORY_LENGTH = 200


def case_file_history(beneficiary: Beneficiary) -> dict:
    """The latest views and changes of the file and of every record in it (deleted ones too).

    Every case-file model puts `beneficiary_id` in auditlog's additional_data, so one indexed
    lookup finds the changes of household members, documents, notes … even after deletion.
    """
    views = (
        AccessLog.objects.about(beneficiary.pk)
        .select_related("user")
        .order_by("-at")[:HISTORY_LENGTH]
    )
    changes = list(changes_of(beneficiary)[:HISTORY_LENGTH])
    describe_changes(changes)
    return {"views": views, "changes": changes}


def changes_of(beneficiary: Beneficiary):
    """auditlog entries of the file and of its records, newest first (indexed lookup)."""
    return (
        LogEntry.objects.filter(additional_data__beneficiary_id=beneficiary.pk)
        .select_related("actor", "content_type")
        .order_by("-timestamp")
    )


def recent_changes(beneficiary: Beneficiary, limit: int = 10) -> list[LogEntry]:
    """The latest changes to the file and its records, described, for the case-file page (one
    query, and one per kind of related record the changes name)."""
    entries = list(changes_of(beneficiary)[:limit])
    describe_changes(entries)
    return entries


def changes_since(record: models.Model, since: datetime | None, limit: int = 10) -> list[LogEntry]:
    """What was changed in `record` after its version `since`: auditlog entries, oldest first,
    described. With no known version (None), the latest entry: who changed the record last.

    auditlog writes an entry just after the save it records, so the entry of the save that made
    the version `since` is itself later than `since`: an entry is kept only if the `updated_at`
    it recorded is later than `since`.
    """
    entries = (
        LogEntry.objects.get_for_object(record)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )
    if since is None:
        found = list(entries[:1])
    else:
        later = entries.filter(timestamp__gte=since)[: limit + 1]
        found = [entry for entry in later if _saved_after(entry, since)][:limit][::-1]
    describe_changes(found)
    return found


def _saved_after(entry: LogEntry, since: datetime) -> bool:
    old_new = (entry.changes_dict or {}).get("updated_at")
    saved = _recorded_moment(old_new[1]) if old_new else None
    return saved is None or saved > since


def _recorded_moment(value: str | None) -> datetime | None:
    """A datetime as auditlog records it: text, naive in UTC."""
    try:
        moment = parse_datetime(value or "")
    except ValueError:
        return None
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def describe_conflict(conflict: StaleVersion) -> StaleVersion:
    """The refused edit with `changes` set: who changed what since the form was opened."""
    conflict.changes = changes_since(conflict.current, conflict.since)
    return conflict


def _field(entry: LogEntry, name: str) -> models.Field | None:
    model = entry.content_type.model_class()
    try:
        return model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return None


def describe_changes(entries: list[LogEntry], *, reveal_special: bool = False) -> None:
    """Set `entry.described` to [(label, old, new)] with readable values, in a fixed number of
    queries: foreign keys of all entries are looked up together, one query per related model
    (auditlog's own `changes_display_dict` makes one query per value). The values of the
    special categories are masked unless `reveal_special` (the person's own subject-access
    export, which holds them all).
    """
    wanted: dict[type[models.Model], set] = defaultdict(set)
    for entry in entries:
        for name, values in (entry.changes_dict or {}).items():
            field = _field(entry, name)
            if field is not None and field.is_relation and field.many_to_one:
                wanted[field.related_model].update(v for v in values if v not in (None, "None"))
    names = {
        model: {str(obj.pk): str(obj) for obj in _named(model).filter(pk__in=pks)}
        for model, pks in wanted.items()
    }
    _describe_rectifications(entries)
    for entry in entries:
        # A creation by a register import (records.run_import writes its entries itself).
        imported = (entry.additional_data or {}).get("register_import")
        entry.imported_from = (entry.additional_data or {}).get("file") if imported else None
        entry.described = [
            (label, *((old, new) if reveal_special else _masked(entry, name, old, new)))
            for name, label, old, new in _describe(entry, names)
            if old != new
        ]


def _masked(entry: LogEntry, name: str, old, new) -> tuple:
    """A change of a special category of the person says that it changed, not the values
    (beneficiaries.special_categories); the values stay in the audit log itself."""
    if entry.content_type.model != "beneficiary" or not special_categories.is_special(name):
        return old, new
    return special_categories.mask(name, old), special_categories.mask(name, new)


def _describe_rectifications(entries: list[LogEntry]) -> None:
    """Set `entry.rectification` on the creation of a rectification (art. 16): the record
    itself, its corrections described, read in one query for all the entries."""
    created = [e for e in entries if e.content_type.model == "rectification" and e.action == 0]
    pks = {int(e.object_pk) for e in created if str(e.object_pk).isdigit()}
    rows = Rectification.objects.filter(pk__in=pks).select_related("member")
    found = {r.pk: r for r in rows} if pks else {}
    described(list(found.values()))
    for entry in entries:
        entry.rectification = found.get(int(entry.object_pk)) if entry in created else None


def _named(model: type[models.Model]):
    """The model's rows with the objects of their foreign keys: a record's name often includes
    one (a request's category, a referral's body), which would otherwise cost a query a row."""
    keys = [f.name for f in model._meta.concrete_fields if f.many_to_one]
    return model._default_manager.select_related(*keys)


# Fields that say nothing on a case file's own history: its internal id, the person (the page
# is theirs), and the moment of the save (the entry's own time).
_UNSHOWN = {"id", "beneficiary"}


def _is_shown(entry: LogEntry, name: str, field: models.Field | None) -> bool:
    if name in _UNSHOWN and entry.content_type.model != "beneficiary":
        return False
    if field is None:
        return True
    if name == "id" or getattr(field, "auto_now", False):
        return False
    created = entry.action == LogEntry.Action.CREATE
    return not (created and getattr(field, "auto_now_add", False))


def _describe(entry: LogEntry, names: dict):
    for name, change in (entry.changes_dict or {}).items():
        field = _field(entry, name)
        if not _is_shown(entry, name, field):
            continue
        if isinstance(change, dict):  # a many-to-many change: {"operation", "objects"}
            label = field.verbose_name if field is not None else name
            yield name, label, "", ", ".join(str(o) for o in change.get("objects", []))
            continue
        old, new = change
        if field is None:
            yield name, name, old, new
        elif field.is_relation and field.many_to_one:
            lookup = names.get(field.related_model, {})
            yield name, field.verbose_name, _name(lookup, old), _name(lookup, new)
        elif field.choices:
            labels = {str(k): str(v) for k, v in field.flatchoices}
            yield name, field.verbose_name, labels.get(old, old), labels.get(new, new)
        else:
            yield name, field.verbose_name, _readable(field, old), _readable(field, new)


def _readable(field: models.Field, value):
    """A date as dd/mm/yyyy, a moment in Athens time, yes/no in words; else as recorded."""
    if value in (None, "None", ""):
        return value
    if isinstance(field, models.DateTimeField):
        moment = _recorded_moment(value)
        if moment is not None:
            return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
    elif isinstance(field, models.DateField):
        day = _recorded_day(value)
        if day is not None:
            return formats.date_format(day, "SHORT_DATE_FORMAT")
    elif isinstance(field, models.BooleanField) and value in ("True", "False"):
        return _("Ναι") if value == "True" else _("Όχι")
    return value


def _recorded_day(value: str) -> date | None:
    try:
        return parse_date(value)
    except ValueError:
        return None


def _name(lookup: dict, value):
    if value in (None, "None", ""):
        return None
    return lookup.get(str(value), f"#{value}")
