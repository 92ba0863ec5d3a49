"""Printing the case file from the browser (Ctrl+P) gives a clean A4 document: the Centre's
letterhead and the print date on top of page 1, the file right under it, no navigation and no
buttons."""

from __future__ import annotations

import contextlib
import subprocess

import pytest
from django.utils import timezone

from community_centre.models import CentreProfile
from tests.helpers import SCREENSHOTS, login
from tests.pdf import A4_POINTS, first_page_size
from tests.pdf import read as read_pdf
from tests.screen_data import full_case_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _page_text(reader, number: int) -> str:
    return " ".join((reader.pages[number].extract_text() or "").split())


def test_a_printed_case_file_is_an_a4_document_on_the_letterhead(page, social_worker):
    person = full_case_file(social_worker)["beneficiary"]
    centre = CentreProfile.current()
    login(page, social_worker.username)
    page.goto(f"/beneficiaries/{person}/")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    (SCREENSHOTS / "print-case-file.pdf").write_bytes(pdf)
    _save_first_pages_as_png(pdf)

    reader = read_pdf(pdf)
    first = _page_text(reader, 0)
    assert first_page_size(reader) == pytest.approx(A4_POINTS, abs=1)  # Chromium rounds to px
    for line in (centre.name, centre.municipality, centre.phones, centre.postal_code):
        assert line in first
    assert f"Εκτύπωση: {timezone.localdate():%d/%m/%Y}" in first
    # Page 1 is not blank: the file starts on it, right under the letterhead.
    assert "Παπαδοπούλου-Χατζηγεωργίου Αικατερίνη-Μαρία" in first
    assert "Προσωπικά στοιχεία" in first
    everything = " ".join(_page_text(reader, n) for n in range(len(reader.pages)))
    for screen_only in ("Αποσύνδεση", "Επεξεργασία στοιχείων", "Νέο αίτημα", "Κλείσιμο φακέλου"):
        assert screen_only not in everything
    assert "Πρόσφατες αλλαγές" in everything  # the last section is printed too


def _save_first_pages_as_png(pdf: bytes) -> None:
    """The first two pages as PNGs next to the screenshots, to look at (needs poppler-utils)."""
    with contextlib.suppress(FileNotFoundError):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", "-", SCREENSHOTS / "print"],
            input=pdf,
            check=True,
            capture_output=True,
        )
