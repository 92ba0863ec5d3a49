"""The rows of a report table as the screen prints them: label, counts written the Greek way
("<5" when suppressed) with the label of their column (a grid stacks on a tablet), totals
marked."""

from __future__ import annotations

from django import template

from reporting.tables import TOTAL, Table, display

register = template.Library()


@register.filter
def table_rows(table: Table) -> list[dict]:
    rows = []
    for key, label in table.rows:
        value = table.values[key]
        if table.columns is None:
            cells = [{"value": display(value), "label": ""}]
        else:
            cells = [{"value": display(value[c]), "label": name} for c, name in table.columns]
        rows.append({"key": key, "label": label, "cells": cells, "total": key == TOTAL})
    return rows


@register.filter
def count(value) -> str:
    return display(value)
