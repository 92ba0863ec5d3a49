"""Everything held about one person, gathered from the registered parts: the one input of the
JSON, the PDF and the ZIP."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from beneficiaries.models import Beneficiary
from beneficiaries.subject_access.registry import Part, parts
from beneficiaries.subject_access.values import Item, Record, reading_roles


class Channel:
    """How the person asked (stable codes of the JSON; labels in forms.CHANNELS)."""

    IN_PERSON = "in_person"
    LETTER = "letter"
    EMAIL = "email"


@dataclass
class Section:
    part: Part
    records: list[Record]

    @property
    def key(self) -> str:
        return self.part.key

    @property
    def title(self) -> str:
        return str(self.part.title)

    def lines(self) -> list[Record]:
        """The records as the PDF lists them: with `merge_repeats`, the same reading repeated
        on one day (the same role, action, detail and purpose, one after another) is one line
        with each time («02/12/2026 09:14, 09:40, 11:02»); the JSON keeps every row."""
        if not self.part.merge_repeats:
            return self.records
        merged: list[tuple[tuple, list[str], Record]] = []
        for record in self.records:
            day, _space, moment = record.items[0].text.partition(" ")
            key = (day, tuple(item.text for item in record.items[1:]))
            if merged and merged[-1][0] == key:
                merged[-1][1].append(moment)
            else:
                merged.append((key, [moment], record))
        return [_at(record, f"{key[0]} {', '.join(times)}") for key, times, record in merged]

    @property
    def tabular(self) -> bool:
        """The PDF prints the records as tables of their fields (the case file)."""
        return self.part.layout == "table"

    def printed(self) -> list[tuple[Record, list]]:
        """Each record with its rows of fields as the PDF prints them."""
        return [(r, r.rows(with_empty=self.part.show_empty)) for r in self.records]


@dataclass
class Export:
    """The person, the request they made, and every part with its records."""

    beneficiary: Beneficiary
    requested_on: date
    channel: str
    produced_at: datetime
    sections: list[Section]
    files: list[dict] = field(default_factory=list)  # filled by the archive (path, size, sha256)

    def section(self, key: str) -> Section:
        return next(section for section in self.sections if section.key == key)


def collect(
    beneficiary: Beneficiary,
    *,
    requested_on: date,
    channel: str,
    produced_at: datetime | None = None,
) -> Export:
    """Run every part's `collect`, the staff roles read once for them all."""
    with reading_roles():
        sections = [Section(part, part.collect(beneficiary)) for part in parts()]
    return Export(
        beneficiary=beneficiary,
        requested_on=requested_on,
        channel=channel,
        produced_at=produced_at or timezone.now(),
        sections=sections,
    )


def _at(record: Record, text: str) -> Record:
    first = record.items[0]
    when = Item(first.key, first.label, first.value, text)
    return Record(record.title, [when, *record.items[1:]], record.groups)


def files_of(beneficiary: Beneficiary):
    """(path in the ZIP, FieldFile) of every part that keeps files, in part order."""
    for part in parts():
        if part.files is not None:
            yield from part.files(beneficiary)
