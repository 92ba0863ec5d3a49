"""The coordinator brings in a register in Chromium: upload, change a mapping, preview, check,
import, the report, one created case file. Screenshots (desktop and the desk's tablet width)
go to var/screenshots."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from beneficiaries.models import Beneficiary
from demo.identifiers import make_amka
from tests.helpers import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESK = {"width": 1024, "height": 768}
DESKTOP = {"width": 1366, "height": 900}


def office_register(path) -> None:
    """A register as an office keeps it: a title row, capitals, «ΗΜ/ΝΙΑ ΓΕΝΝΗΣΗΣ», «Α.Μ.Κ.Α.»,
    remarks, and one column nobody maps («ΑΡ. ΦΑΚΕΛΟΥ»); the last row has a wrong AMKA."""
    book = Workbook()
    sheet = book.active
    sheet.append(["ΜΗΤΡΩΟ ΩΦΕΛΟΥΜΕΝΩΝ 2025"])
    sheet.append(["Α/Α", "ΕΠΙΘΕΤΟ", "ΟΝΟΜΑ", "ΦΥΛΟ (Α/Γ)", "ΗΜ/ΝΙΑ ΓΕΝΝΗΣΗΣ", "Α.Μ.Κ.Α.",
                  "ΑΡ. ΦΑΚΕΛΟΥ", "ΠΑΡΑΤΗΡΗΣΕΙΣ"])  # fmt: skip
    people = [("ΚΑΤΣΑΡΟΣ", "ΓΙΑΝΝΗΣ", "Α", dt.date(1958, 4, 2)),
              ("ΜΠΑΚΑΛΗ", "ΕΛΕΝΗ", "Γ", dt.date(1971, 11, 23)),
              ("ΣΤΑΘΟΠΟΥΛΟΣ", "ΚΩΣΤΑΣ", "Α", dt.date(1949, 1, 30))]  # fmt: skip
    for number, (surname, name, sex, born) in enumerate(people, 1):
        remark = "Κατ' οίκον επίσκεψη" if number == 1 else None
        amka = make_amka(born, 20 + number)
        sheet.append([number, surname, name, sex, born, amka, f"Φ-{number:03}", remark])
    sheet.append([4, "ΝΙΚΟΛΑΟΥ", "ΜΑΡΙΑ", "Γ", dt.date(1980, 5, 5), "12345678901", "Φ-004", None])
    out = io.BytesIO()
    book.save(out)
    path.write_bytes(out.getvalue())


def _both_widths(page, screenshot, name: str) -> None:
    for label, size in (("desktop", DESKTOP), ("desk", DESK)):
        page.set_viewport_size(size)
        screenshot(f"{name}-{label}")
    page.set_viewport_size(DESKTOP)


def test_the_coordinator_brings_in_a_register(page, screenshot, coordinator, tmp_path):
    register = tmp_path / "mitroo.xlsx"
    office_register(register)
    page.set_viewport_size(DESKTOP)
    login(page, coordinator.username)
    page.get_by_role("button", name="Συντονισμός").click()
    page.get_by_role("link", name="Εισαγωγή μητρώου").click()
    _both_widths(page, screenshot, "upload")
    page.get_by_label(re.compile("Αρχείο μητρώου")).set_input_files(str(register))
    page.get_by_role("button", name="Ανέβασμα και συνέχεια").click()

    expect(page.get_by_role("heading", name="Αντιστοίχιση στηλών")).to_be_visible()
    unknown = page.get_by_label("ΑΡ. ΦΑΚΕΛΟΥ")
    expect(unknown).to_have_value("")
    expect(page.get_by_text("Επιλέξτε τι γίνεται με αυτή τη στήλη.")).to_be_visible()
    _both_widths(page, screenshot, "mapping")
    unknown.select_option(label="Να αγνοηθεί")
    page.get_by_role("button", name="Αποθήκευση και προεπισκόπηση").click()

    expect(page.get_by_role("heading", name="Προεπισκόπηση")).to_be_visible()
    expect(page.get_by_text("ΚΑΤΣΑΡΟΣ").first).to_be_visible()
    _both_widths(page, screenshot, "preview")
    page.get_by_role("button", name="Έλεγχος όλων των γραμμών").click()
    expect(page.get_by_role("heading", name="Αποτέλεσμα ελέγχου")).to_be_visible(timeout=30_000)
    expect(page.locator("[data-count=failed]")).to_have_text("1")
    _both_widths(page, screenshot, "check")
    assert not Beneficiary.objects.exists()

    page.get_by_role("button", name=re.compile(r"Εισαγωγή μόνο των σωστών γραμμών \(3\)")).click()
    expect(page.get_by_role("heading", name="Αποτέλεσμα εισαγωγής")).to_be_visible(timeout=30_000)
    expect(page.locator("[data-count=created]")).to_have_text("3")
    expect(page.locator("[data-count=failed]")).to_have_text("1")
    expect(page.get_by_text("12345678901")).to_be_visible()
    _both_widths(page, screenshot, "report")
    assert Beneficiary.objects.count() == 3

    person = Beneficiary.objects.get(amka=make_amka(dt.date(1958, 4, 2), 21))
    page.goto(person.get_absolute_url())
    expect(page.get_by_role("heading", name=re.compile("Κατσαρός|ΚΑΤΣΑΡΟΣ"))).to_be_visible()
    expect(page.get_by_text("Κατ' οίκον επίσκεψη")).to_be_visible()
    screenshot("created-file")
