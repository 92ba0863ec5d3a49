"""axe-core (WCAG 2.1 A/AA rules) finds no serious or critical problem on the main screens."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import login
from tests.factories import (
    BeneficiaryFactory,
    CaseNoteFactory,
    DocumentFactory,
    HouseholdMemberFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = (Path(__file__).parent / "assets" / "axe.min.js").read_text()
RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def file_with_records(social_worker):
    person = BeneficiaryFactory(
        surname="Αλεξίου", given_name="Μαρίνα", assigned_worker=social_worker
    )
    HouseholdMemberFactory(beneficiary=person)
    CaseNoteFactory(beneficiary=person, author=social_worker)
    DocumentFactory(beneficiary=person, uploaded_by=social_worker)
    return person


def serious_violations(page) -> list[str]:
    page.evaluate(AXE)  # evaluated through the DevTools protocol: the page's CSP does not apply
    result = page.evaluate("options => axe.run(document, options)", RULES)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def test_the_login_page_is_accessible(page):
    page.goto("/login/")
    assert serious_violations(page) == []


@pytest.mark.parametrize(
    "path",
    [
        "/beneficiaries/",
        "search:alexiou",
        "/beneficiaries/new/",
        "/beneficiaries/{pk}/",
        "/beneficiaries/{pk}/edit/",
        "/beneficiaries/{pk}/documents/new/",
        "/beneficiaries/{pk}/notes/new/",
    ],
)
def test_the_case_file_screens_are_accessible(page, social_worker, file_with_records, path):
    login(page, social_worker.username)
    if path.startswith("search:"):  # searches are POSTed by the form, never put in a URL
        page.goto("/beneficiaries/")
        page.locator("#q").fill(path.removeprefix("search:"))
        page.locator("#q").press("Enter")
        page.wait_for_url("**/beneficiaries/?s=*")
    else:
        page.goto(path.format(pk=file_with_records.pk))
    assert serious_violations(page) == []


def test_the_history_page_is_accessible(page, coordinator, file_with_records):
    login(page, coordinator.username)
    page.goto(f"/beneficiaries/{file_with_records.pk}/history/")
    assert serious_violations(page) == []
