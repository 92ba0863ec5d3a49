"""Helpers the anonymisers share: scrub the text of records, delete their files.

They write with `QuerySet.update()`, so neither django-auditlog nor `auto_now` sees them: an
anonymisation must not leave the old values in a new history row, nor count as a change to the
figures of a signed-off month (reporting.changes reads the history).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.db.models.fields.files import FieldFile

from beneficiaries.retention.scrub import Scrubber


def scrub_rows(
    queryset: QuerySet,
    scrub: Scrubber,
    text: Iterable[str] = (),
    json: Iterable[str] = (),
    set_to: dict | None = None,
) -> int:
    """Scrub the `text` and `json` fields of every row, set the fields `set_to`; the rows that
    changed. One read, and one UPDATE per changed row."""
    text, json, set_to = list(text), list(json), set_to or {}
    changed = 0
    for row in queryset.order_by().values("pk", *text, *json, *set_to):
        values = {f: scrub.text(row[f]) for f in text}
        values |= {f: scrub.value(row[f]) for f in json}
        values |= set_to
        values = {f: v for f, v in values.items() if v != row[f]}
        if values:
            queryset.model.objects.filter(pk=row["pk"]).update(**values)
            changed += 1
    return changed


def delete_files(queryset: QuerySet, field: str, to_delete: list) -> int:
    """Queue the stored files of `field` for deletion at the end of the case file's transaction
    and clear the field; the rows that had a file."""
    rows = list(queryset.exclude(**{field: ""}).only("pk", field))
    for row in rows:
        fieldfile: FieldFile = getattr(row, field)
        to_delete.append((fieldfile.storage, fieldfile.name))
    queryset.model.objects.filter(pk__in=[r.pk for r in rows]).update(**{field: ""})
    return len(rows)


def delete_queued(to_delete: list) -> None:
    """Delete the queued files through the storage API (encrypted or S3 storage alike); a file
    already gone (a run that stopped after deleting it) is no error."""
    for storage, name in to_delete:
        storage.delete(name)
