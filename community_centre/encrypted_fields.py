"""Uploaded files that are kept in a database column rather than the document storage (a
register import's file), encrypted with the same keys and format as the documents.

An app registers each such BinaryField in its AppConfig.ready():

    register_encrypted_field("beneficiaries.ImportRun", "content")

and writes it with `seal(data)`, reads it with `unseal(value)`. `manage.py rotate_document_key`
encrypts every registered column again with the first key, as it does the stored files, so an
old key can go only when no row needs it. A value written before encryption (no header) is
read as it is until the rotation encrypts it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.db import models

from community_centre.encrypted_storage import document_keyring
from community_centre.encryption import decrypt_bytes, encrypt_bytes, header_key_id

_registered: list[tuple[str, str]] = []


def register_encrypted_field(model_label: str, field: str) -> None:
    if (model_label, field) not in _registered:
        _registered.append((model_label, field))


@dataclass(frozen=True)
class EncryptedColumn:
    model: type[models.Model]
    field: str

    def rows(self) -> Iterator[tuple[int, bytes]]:
        """(pk, stored value) of every row that holds something, one at a time."""
        queryset = self.model._default_manager.exclude(**{self.field: b""}).order_by("pk")
        for pk in queryset.values_list("pk", flat=True).iterator():
            value = queryset.filter(pk=pk).values_list(self.field, flat=True).first()
            if value:
                yield pk, bytes(value)

    def replace(self, pk: int, value: bytes) -> None:
        """Write the row's value without signals or history (the content is unchanged)."""
        self.model._default_manager.filter(pk=pk).update(**{self.field: value})


def encrypted_columns() -> list[EncryptedColumn]:
    return [EncryptedColumn(apps.get_model(label), field) for label, field in _registered]


def seal(data: bytes) -> bytes:
    """`data` encrypted with the first document key ("" stays "")."""
    return encrypt_bytes(data, document_keyring()) if data else b""


def unseal(value: bytes | memoryview) -> bytes:
    """The plaintext of a sealed value (a value stored before encryption, as it is)."""
    value = bytes(value)
    if header_key_id(value) is None:
        return value
    return decrypt_bytes(value, document_keyring())
