"""The anonymisers of the apps above beneficiaries, which cannot be imported from here.

An app registers, in its AppConfig.ready(), a function that anonymises its records of some case
files: it replaces the free text with `scrub.text(...)` (helpers in
`beneficiaries.retention.records`), deletes their files with `records.delete_files` and returns
how many records it changed. It runs inside the transaction of one case file, with django-
auditlog's rows of those records scrubbed afterwards by the core (they carry the file's
`beneficiary_id`).

    register_anonymiser("requests", _("Αιτήματα"), anonymise_requests)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from beneficiaries.retention.scrub import Scrubber

# (ids of the case files, their scrubber, the files to delete) -> records changed
AnonymiseFn = Callable[[list[int], Scrubber, list], int]


@dataclass(frozen=True)
class Anonymiser:
    key: str
    label: str
    anonymise: AnonymiseFn


_anonymisers: dict[str, Anonymiser] = {}


def register_anonymiser(key: str, label: str, anonymise: AnonymiseFn) -> None:
    """Add (or, with the same key, replace) the anonymiser of one app's records."""
    _anonymisers[key] = Anonymiser(key, label, anonymise)


def anonymisers() -> list[Anonymiser]:
    return list(_anonymisers.values())
