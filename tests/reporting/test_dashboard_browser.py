"""The dashboard in Chromium, as the coordinator sees it: it fits a desk PC, a tablet and a
phone without a sideways scroll, its charts load as images under the page's CSP, and axe finds
no serious problem. Screenshots under var/screenshots/."""

from __future__ import annotations

import pytest

from tests.helpers import login
from tests.reporting.dashboard_data import caseworker
from tests.reporting.test_dashboard_page import URL, _data
from tests.test_accessibility import serious_violations
from tests.test_screens import DESK, TABLET, WIDER_THAN_VIEWPORT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def filled(coordinator):
    workers = [coordinator, caseworker("maria", "Μαρία", "Αθανασίου"),
               caseworker("eleni", "Ελένη", "Παπαδημητροπούλου")]  # fmt: skip
    _data(14, workers)


def test_the_dashboard_fits_every_screen_and_draws_its_charts(page, screenshot, coordinator,
                                                              filled):  # fmt: skip
    login(page, coordinator.username)
    for name, viewport in (("desk", DESK), ("tablet", TABLET), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        page.goto(URL)
        found = page.evaluate(WIDER_THAN_VIEWPORT)
        assert found["scrollWidth"] <= found["innerWidth"] and not found["wide"], (name, found)
        widths = page.eval_on_selector_all("main img", "images => images.map(i => i.naturalWidth)")
        assert len(widths) == 2 and min(widths) > 0, name  # drawn, not refused by the CSP
        screenshot(name)


def test_the_dashboard_is_accessible(page, coordinator, filled):
    login(page, coordinator.username)
    page.goto(URL)
    assert serious_violations(page) == []
