"""A social worker answers a subject-access request in Chromium: from the case file to the
ZIP; screenshots go to var/screenshots."""

from __future__ import annotations

import io
import zipfile

import pytest
from playwright.sync_api import expect

from community_centre.models import AccessLog
from tests.beneficiaries.subject_access_data import full_file
from tests.helpers import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_worker_downloads_the_subject_access_zip(page, screenshot, social_worker):
    person = full_file("Αλφα", social_worker)
    login(page, social_worker.username)
    page.goto(person.get_absolute_url())
    page.get_by_role("link", name="Δικαίωμα πρόσβασης (άρθρο 15 ΓΚΠΔ)").click()
    expect(page.get_by_role("heading", name="Δικαίωμα πρόσβασης (άρθρο 15 ΓΚΠΔ)")).to_be_visible()
    expect(page.get_by_text("Τι θα παραχθεί")).to_be_visible()
    page.get_by_label("Ημερομηνία του αιτήματος").fill("31/02/2026")
    page.get_by_label("Με επιστολή").check()
    page.get_by_role("button", name="Λήψη αρχείου ZIP").click()
    expect(page.get_by_text("Δεν υπάρχει τέτοια ημερομηνία.")).to_be_visible()
    screenshot("refused")
    page.get_by_label("Ημερομηνία του αιτήματος").fill("05/11/2026")
    page.get_by_label("Με επιστολή").check()
    screenshot("form")
    with page.expect_download() as download:
        page.get_by_role("button", name="Λήψη αρχείου ZIP").click()
    assert download.value.suggested_filename.startswith(f"subject-access-{person.pk}-")
    with open(download.value.path(), "rb") as handle:
        names = zipfile.ZipFile(io.BytesIO(handle.read())).namelist()
    assert any(n.startswith("documents/") for n in names)
    assert AccessLog.objects.filter(action=AccessLog.Action.SUBJECT_ACCESS).count() == 1
