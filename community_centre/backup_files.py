"""The stored files the database refers to: every FileField of every model, found through the
apps registry, so a new model with a file is rotated and backed up without being listed here."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.core.files.storage import Storage
from django.db import models


@dataclass(frozen=True)
class StoredFile:
    """One file: the storage that holds it and its name there."""

    storage: Storage
    name: str


def file_fields() -> Iterator[tuple[type[models.Model], models.FileField]]:
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                yield model, field


def stored_files() -> list[StoredFile]:
    """Each named file once, in a stable order (by storage, then name)."""
    found: dict[tuple[int, str], StoredFile] = {}
    for model, field in file_fields():
        names = (
            model._default_manager.exclude(**{field.name: ""})
            .values_list(field.name, flat=True)
            .distinct()
            .order_by()
        )
        for name in names.iterator():
            found.setdefault((id(field.storage), name), StoredFile(field.storage, name))
    return sorted(found.values(), key=lambda stored: (id(stored.storage), stored.name))
