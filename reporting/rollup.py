"""The regional roll-up: the signed-off reports of several Centres added up, then published.

`rollup(documents, names=...)` takes kk-report documents (the JSON exports, parsed) and refuses,
with `RollupError` and a Greek message naming the file, any that is not a kk-report, is of
another format version, is not signed off, is already in publication mode (its hidden counts
cannot be added up), covers another period, or repeats a Centre. The figures are summed key by
key — a key missing in one Centre counts as 0, so the settlement tables of different
municipalities become the union of their rows — and the sum is published with suppression
(`reporting.publication.publish`): the Regional Observatory sees no small count of any Centre
and none of the region.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from reporting.figures import describe
from reporting.publication import publish
from reporting.tables import FORMAT, FORMAT_VERSION, TOTAL, Report

REGION = "Σύνοψη περιφέρειας"


class RollupError(ValueError):
    """A file cannot be rolled up; the message says which and why, in Greek."""


def rollup(documents: list[dict], *, names: list[str] | None = None) -> Report:
    """One published report of the sum of `documents`; `names` label them in messages."""
    names = names or [_("έγγραφο %(n)d") % {"n": n} for n in range(1, len(documents) + 1)]
    if not documents:
        raise RollupError(_("Δεν δόθηκε κανένα αρχείο για σύνοψη."))
    for document, name in zip(documents, names, strict=True):
        _check(document, name)
    _check_together(documents, names)
    merged = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "centre": {"name": REGION, "centres": [d["centre"]["name"] for d in documents]},
        "period": documents[0]["period"],
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "signed_off": True,
        "publication": False,
        "tables": _sum_tables(documents, names),
    }
    return publish(Report.from_json_dict(merged, describe))


def _check(document, name: str) -> None:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise RollupError(_("Το αρχείο «%(name)s» δεν είναι αναφορά kk-report.") % {"name": name})
    if document.get("format_version") != FORMAT_VERSION:
        message = _(
            "Το αρχείο «%(name)s» είναι έκδοσης μορφής %(found)s· η σύνοψη διαβάζει την έκδοση "
            "%(version)d."
        )
        found = document.get("format_version")
        raise RollupError(message % {"name": name, "found": found, "version": FORMAT_VERSION})
    if document.get("signed_off") is not True:
        message = _("Η αναφορά του αρχείου «%(name)s» δεν έχει υπογραφεί από τη συντονίστρια.")
        raise RollupError(message % {"name": name})
    if document.get("publication") is not False:
        message = _(
            "Το αρχείο «%(name)s» είναι για δημοσίευση, με κρυμμένους μικρούς αριθμούς, που δεν "
            "αθροίζονται· δώστε την πλήρη εξαγωγή της υπογεγραμμένης αναφοράς."
        )
        raise RollupError(message % {"name": name})
    if not _well_formed(document):
        message = _(
            "Το αρχείο «%(name)s» δεν έχει τη δομή αναφοράς kk-report (κέντρο, περίοδος, πίνακες)."
        )
        raise RollupError(message % {"name": name})


def _well_formed(document: dict) -> bool:
    centre, period, tables = (document.get(k) for k in ("centre", "period", "tables"))
    if not isinstance(centre, dict) or not isinstance(centre.get("name"), str):
        return False
    try:
        first, last = (date.fromisoformat(period[k]) for k in ("from", "to"))
    except (KeyError, TypeError, ValueError):
        return False
    return first <= last and isinstance(tables, dict) and all(map(_counts, tables.values()))


def _counts(table) -> bool:
    if not isinstance(table, dict):
        return False
    values = list(table.values())
    if all(isinstance(v, dict) for v in values):
        return all(_count(c) for v in values for c in v.values())
    return all(_count(v) for v in values)


def _count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _check_together(documents: list[dict], names: list[str]) -> None:
    first = documents[0]["period"]
    seen: dict[str, str] = {}
    for document, name in zip(documents, names, strict=True):
        if document["period"] != first:
            message = _(
                "Το αρχείο «%(name)s» αφορά άλλη περίοδο (%(found)s έως %(to)s) από το πρώτο "
                "(%(first)s έως %(first_to)s)."
            )
            period = document["period"]
            raise RollupError(
                message
                % {"name": name, "found": period["from"], "to": period["to"],
                   "first": first["from"], "first_to": first["to"]}
            )  # fmt: skip
        centre = document["centre"]["name"]
        if centre in seen:
            message = _(
                "Τα αρχεία «%(first)s» και «%(name)s» είναι του ίδιου κέντρου (%(centre)s)."
            )
            raise RollupError(message % {"first": seen[centre], "name": name, "centre": centre})
        seen[centre] = name


def _sum_tables(documents: list[dict], names: list[str]) -> dict:
    merged: dict = {}
    for document, name in zip(documents, names, strict=True):
        for key, values in document["tables"].items():
            if not values:
                continue
            grid = isinstance(next(iter(values.values())), dict)
            if key in merged and merged[key][0] != grid:
                message = _("Ο πίνακας «%(table)s» του αρχείου «%(name)s» έχει άλλη μορφή.")
                raise RollupError(message % {"table": key, "name": name})
            _grid, total = merged.setdefault(key, (grid, {}))
            for row, value in values.items():
                if grid:
                    cells = total.setdefault(row, {})
                    for column, count in value.items():
                        cells[column] = cells.get(column, 0) + count
                else:
                    total[row] = total.get(row, 0) + value
    return {key: _squared(total, grid) for key, (grid, total) in merged.items()}


def _squared(values: dict, grid: bool) -> dict:
    """Totals last; in a grid every row with every column (0 where a Centre had none)."""
    rows = [r for r in values if r != TOTAL] + ([TOTAL] if TOTAL in values else [])
    if not grid:
        return {row: values[row] for row in rows}
    columns = list(dict.fromkeys(c for r in rows for c in values[r]))
    columns = [c for c in columns if c != TOTAL] + ([TOTAL] if TOTAL in columns else [])
    return {row: {c: values[row].get(c, 0) for c in columns} for row in rows}
