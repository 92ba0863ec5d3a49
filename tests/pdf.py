"""Reading the PDFs the app prints, for tests that check them by their text."""

from __future__ import annotations

import io

from pypdf import PdfReader

A4_POINTS = (595.28, 841.89)


def read(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))


def text(reader: PdfReader) -> str:
    """All pages' text with runs of whitespace (line breaks included) folded to one space."""
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def first_page_size(reader: PdfReader) -> list[float]:
    return [round(float(v), 2) for v in reader.pages[0].mediabox[2:]]
