"""The parts of a subject-access export (GDPR art. 15), registered by the apps that hold them.

beneficiaries registers the case file's own parts; requests, referrals and services register
theirs in their AppConfig.ready() (a lower app never imports a higher one). A part is

- `collect(beneficiary) -> list[Record]`: everything the part holds about the person, as plain
  data (values.Record: Greek labels for the PDF, stable English keys for the JSON), read in a
  fixed number of queries whatever the number of records (prefetch, never a query per row);
- optionally `files(beneficiary) -> iterable of (path in the ZIP, FieldFile)`: the uploaded or
  kept files the part lists (read through the storage, so encrypted storage is transparent).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models.fields.files import FieldFile

Collect = Callable[..., list]  # (beneficiary) -> list[values.Record]
Files = Callable[..., Iterable[tuple[str, FieldFile]]]


@dataclass(frozen=True)
class Part:
    key: str  # stable English key of the part in the JSON ("assistance_requests")
    title: str  # Greek heading in the PDF (a lazy translation)
    collect: Collect
    order: int = 100
    files: Files | None = None
    # How the PDF prints the records: "records" (a paragraph of «label: value» each), "table"
    # (a table of fields each: the case file) or "lines" (a line each, under one legend).
    layout: str = "records"
    show_empty: bool = False  # print «—» for an empty field (the case file), rather than omit it
    # The models whose rows the part exports (a test checks that every model with a foreign key
    # to Beneficiary is one of some part's).
    models: tuple = ()
    note: str = ""  # printed under the part's heading in the PDF
    merge_repeats: bool = False  # the PDF lists a reading repeated on one day once (collect.py)


_parts: dict[str, Part] = {}


def register_part(
    key: str,
    title: str,
    collect: Collect,
    *,
    order: int = 100,
    files: Files | None = None,
    layout: str = "records",
    show_empty: bool = False,
    models: tuple = (),
    note: str = "",
    merge_repeats: bool = False,
) -> None:
    """Add a part (again with the same key: replaced, so a second ready() adds nothing)."""
    _parts[key] = Part(
        key, title, collect, order, files, layout, show_empty, tuple(models), note, merge_repeats
    )


def parts() -> list[Part]:
    """The registered parts in their order (then by key, so the order is stable)."""
    return sorted(_parts.values(), key=lambda part: (part.order, part.key))
