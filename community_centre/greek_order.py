"""Ordering text as Greek readers expect, on any PostgreSQL build.

A Greek ICU collation would do it, but not every PostgreSQL is built with ICU (the embedded one
is not). Greek lowercase letters without accents stand in alphabetical order in Unicode, so
ordering by unaccent(lower(text)) gives «Αγία Βλαχέρνα», «Άγιος Ανδρέας», «Βελούχι», «Έλατος».
"""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Lower


class Unaccent(models.Func):
    """PostgreSQL's unaccent() (the extension is created by a migration)."""

    function = "unaccent"
    output_field = models.TextField()


def greek_order(field: str, *, descending: bool = False) -> models.OrderBy:
    """Order by `field` as a Greek reader would: case and accents ignored."""
    key = Unaccent(Lower(field))
    return key.desc() if descending else key.asc()
