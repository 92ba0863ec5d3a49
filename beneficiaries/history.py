"""Who viewed and who changed a case file: the access log beside django-auditlog's entries."""

from __future__ import annotations

from collections import defaultdict

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from beneficiaries.models import Beneficiary
from community_centre.models import AccessLog

HISTORY_LENGTH = 200


def case_file_history(beneficiary: Beneficiary) -> dict:
    """The latest views and changes of the file and of every record in it (deleted ones too).

    Every case-file model puts `beneficiary_id` in auditlog's additional_data, so one indexed
    lookup finds the changes of household members, documents, notes … even after deletion.
    """
    views = (
        AccessLog.objects.filter(beneficiary=beneficiary)
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
    """The latest changes to the file and its records, for the case-file page (one query)."""
    return list(changes_of(beneficiary)[:limit])


def _field(entry: LogEntry, name: str) -> models.Field | None:
    model = entry.content_type.model_class()
    try:
        return model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return None


def describe_changes(entries: list[LogEntry]) -> None:
    """Set `entry.described` to [(label, old, new)] with readable values, in a fixed number of
    queries: foreign keys of all entries are looked up together, one query per related model
    (auditlog's own `changes_display_dict` makes one query per value).
    """
    wanted: dict[type[models.Model], set] = defaultdict(set)
    for entry in entries:
        for name, values in (entry.changes_dict or {}).items():
            field = _field(entry, name)
            if field is not None and field.is_relation and field.many_to_one:
                wanted[field.related_model].update(v for v in values if v not in (None, "None"))
    names = {
        model: {str(obj.pk): str(obj) for obj in model._default_manager.filter(pk__in=pks)}
        for model, pks in wanted.items()
    }
    for entry in entries:
        entry.described = [
            (label, old, new) for label, old, new in _describe(entry, names) if old != new
        ]


def _describe(entry: LogEntry, names: dict):
    for name, (old, new) in (entry.changes_dict or {}).items():
        field = _field(entry, name)
        if field is None:
            yield name, old, new
        elif field.is_relation and field.many_to_one:
            lookup = names.get(field.related_model, {})
            yield field.verbose_name, _name(lookup, old), _name(lookup, new)
        elif field.choices:
            labels = {str(k): str(v) for k, v in field.flatchoices}
            yield field.verbose_name, labels.get(old, old), labels.get(new, new)
        else:
            yield field.verbose_name, old, new


def _name(lookup: dict, value):
    if value in (None, "None", ""):
        return None
    return lookup.get(str(value), f"#{value}")
