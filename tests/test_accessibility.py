"""axe-core (WCAG 2.1 A/AA rules) finds no serious or critical problem on any page a role reaches.

The pages are those of the URL table (tests.test_access_matrix.ROUTES) that the role may open,
with a full case file behind them, plus a closed file, an error page and, for the administrator,
every page of the Django admin found by following its links. One logged-in browser page per role
walks them all; the paths checked are written to var/screenshots/axe-<role>.txt.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from referrals.models import PartnerBody
from tests.crawl import crawl_admin, html_paths
from tests.helpers import SCREENSHOTS, login
from tests.referrals.factories import partner_user
from tests.screen_data import closed_case_file, full_case_file
from tests.test_access_matrix import objects  # noqa: F401 - the fixture, reused

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = (Path(__file__).parent / "assets" / "axe.min.js").read_text()
# Only violations are collected: gathering the passes too would double axe's time per page.
RULES = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
# Fewer pages than these means the crawl lost its way, not that the site shrank.
AT_LEAST = {"social_worker": 25, "coordinator": 27, "administrator": 40}


def serious_violations(page) -> list[str]:
    page.evaluate(AXE)  # evaluated through the DevTools protocol: the page's CSP does not apply
    result = page.evaluate("options => axe.run(document, options)", RULES)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


@pytest.fixture
def site(social_worker, coordinator, objects):  # noqa: F811
    """The URL table's objects in a full case file of the social worker (overdue items on «Η
    εργασία μου», every section filled), and a closed file (it offers «Επανενεργοποίηση»)."""
    closed = closed_case_file(social_worker)
    return {
        "objects": {**objects, **full_case_file(social_worker)},
        "extra": [f"/beneficiaries/{closed.pk}/", f"/beneficiaries/{objects['beneficiary']}/"],
    }


def _check(page, paths: list[str], found: dict[str, list[str]]) -> None:
    for path in paths:
        page.goto(path)
        if problems := serious_violations(page):
            found[path] = problems


def _record(role: str, checked: list[str]) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / f"axe-{role}.txt").write_text("\n".join(checked) + "\n")


def _report(found: dict[str, list[str]]) -> str:
    return "\n".join(f"{path}\n    " + "\n    ".join(problems) for path, problems in found.items())


def test_the_login_page_is_accessible(page):
    page.goto("/login/")
    assert serious_violations(page) == []


@pytest.mark.parametrize("role", ["social_worker", "coordinator"])
def test_every_page_of_a_caseworker_is_accessible(role, request, page, site):
    login(page, request.getfixturevalue(role).username)
    paths = html_paths(page, role, site["objects"]) + site["extra"] + ["/no-such-page/"]
    found: dict[str, list[str]] = {}
    _check(page, paths, found)
    _record(role, paths)
    assert len(paths) >= AT_LEAST[role]
    assert not found, _report(found)


# Admin pages kept as screenshots, by the end of their path.
ADMIN_SCREENSHOTS = {"/admin/": "index", "/requestcategory/": "categories", "/group/": "groups"}


def test_every_page_of_an_administrator_is_accessible(page, screenshot, administrator, site):
    """The administrator's own pages, a case file refused (403), and the whole Django admin."""
    login(page, administrator.username)
    paths = html_paths(page, "administrator", site["objects"])
    paths.append(f"/beneficiaries/{site['objects']['beneficiary']}/")  # 403
    found: dict[str, list[str]] = {}
    _check(page, paths, found)
    for path in crawl_admin(page):
        paths.append(path)
        if problems := serious_violations(page):
            found[path] = problems
        shots = [name for end, name in ADMIN_SCREENSHOTS.items() if path.endswith(end)]
        if shots or path.startswith("/admin/auth/group/") and path.endswith("/change/"):
            screenshot(shots[0] if shots else "group")
    _record("administrator", paths)
    assert len(paths) >= AT_LEAST["administrator"]
    assert not found, _report(found)


def test_the_search_results_are_accessible(page, social_worker, site):
    login(page, social_worker.username)
    page.goto("/beneficiaries/")  # searches are POSTed by the form, never put in a URL
    page.locator("#q").fill("papadopoulou")
    page.locator("#q").press("Enter")
    page.wait_for_url("**/beneficiaries/?s=*")
    assert serious_violations(page) == []


def test_every_page_of_a_partner_is_accessible(page, screenshot, objects):  # noqa: F811
    """The partner body's inbox, its referral with its answers, and a staff page refused (403)."""
    partner = partner_user(PartnerBody.objects.get(pk=objects["body"]), "pantopoleio")
    login(page, partner.username)
    paths = html_paths(page, "partner", objects) + [f"/beneficiaries/{objects['beneficiary']}/"]
    found: dict[str, list[str]] = {}
    _check(page, paths, found)
    _record("partner", paths)
    assert len(paths) >= 3
    assert not found, _report(found)
