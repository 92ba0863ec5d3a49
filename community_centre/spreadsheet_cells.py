"""Neutralising text cells against formula injection in CSV and XLSX files (OWASP).

A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a
formula («=HYPERLINK(…)» in a category's name would be a link the coordinator clicks). Such a
text gets a leading apostrophe, which spreadsheets show as text. A text that already starts with
an apostrophe gets one more, so that `restore` gives back exactly what was written: every text
cell goes through `neutralise`, and reading one back takes one apostrophe off.
Numbers are written as numbers and never pass through here.

A workbook meant to be read back by the import (the register's error file) keeps each text as it
was instead: `write_text` stores it as a string cell (never a formula) with Excel's «quote
prefix», the mark an apostrophe typed in Excel leaves, so editing the cell keeps it text too.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"


def looks_like_formula(text: str) -> bool:
    return str(text).startswith(FORMULA_STARTS)


def neutralise(text: str) -> str:
    """The text as a cell may hold it: never read as a formula."""
    text = str(text)
    return ESCAPE + text if text.startswith((*FORMULA_STARTS, ESCAPE)) else text


def restore(cell: str) -> str:
    """The text `neutralise` was given."""
    return cell[1:] if cell.startswith(ESCAPE) else cell


def write_text(cell, text: str) -> None:
    """Put `text` into an openpyxl cell exactly as it is, as text a spreadsheet never runs."""
    cell.value = text
    cell.data_type = "s"  # openpyxl makes a formula of a string starting with "="
    if looks_like_formula(text):
        cell.quotePrefix = True
