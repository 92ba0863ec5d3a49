"""Screens that fit and can be read: a tablet (800 px upright, 1024 px turned) and a desk PC
(1366 px) show every page without a sideways scroll or a cut-off column; the skip link shows, on
top, when it has the keyboard; the navbar search box shows its whole hint on a desk PC; an email
address wraps only at its @ or a dot; the edges of form controls keep 3:1 against the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from referrals.models import PartnerBody
from tests.crawl import html_paths
from tests.helpers import SCREENSHOTS, login
from tests.referrals.factories import partner_user
from tests.screen_data import LONG_EMAIL, closed_case_file, full_case_file
from tests.test_access_matrix import (
    ROUTES_BY_NAME,
    _url,
    objects,  # noqa: F401 - the fixture, reused
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A tablet held upright, the same tablet turned (the case file's side menu appears at 1200 px),
# and the desk PC's screen.
TABLET = {"width": 800, "height": 1280}
TABLET_LANDSCAPE = {"width": 1024, "height": 768}
DESK = {"width": 1366, "height": 768}

# The outermost visible elements whose right edge passes the viewport's: each one is cut off
# or needs a sideways scroll, of its own box or of the page.
WIDER_THAN_VIEWPORT = """() => {
  const limit = document.documentElement.clientWidth + 0.5;
  // Cut by an ancestor that hides its overflow within the viewport (not one that scrolls it).
  const clipped = (element) => {
    for (let box = element.parentElement; box; box = box.parentElement) {
      const overflow = getComputedStyle(box).overflowX;
      const hides = overflow === "hidden" || overflow === "clip";
      if (hides && box.getBoundingClientRect().right <= limit) return true;
    }
    return false;
  };
  const wide = [];
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.right <= limit) continue;
    if (getComputedStyle(element).visibility === "hidden" || clipped(element)) continue;
    if (wide.some((outer) => outer.contains(element))) continue;
    wide.push(element);
  }
  const describe = (element) => {
    const id = element.id ? `#${element.id}` : "";
    const classes = [...element.classList].slice(0, 3).map((c) => `.${c}`).join("");
    const text = element.textContent.trim().replace(/\\s+/g, " ").slice(0, 40);
    const right = Math.round(element.getBoundingClientRect().right);
    return `${element.tagName.toLowerCase()}${id}${classes} right=${right} «${text}»`;
  };
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    wide: wide.map(describe),
  };
}"""

# Pages whose look at tablet width is kept as a screenshot, by route name.
SCREENSHOTS_AT_TABLET = {
    "requests:my_work": "my-work",
    "requests:list": "request-list",
    "requests:agenda": "agenda",
    "beneficiaries:detail": "case-file",
    "requests:detail": "request",
    "staff_overview": "staff",
    "beneficiaries:history": "history",
    "referrals:directory": "directory",
    "referrals:body_detail": "body",
    "referrals:edit": "referral-draft",
    "referrals:detail": "referral",
    "referrals:list": "referral-list",
    "services:event_list": "event-list",
    "services:event_detail": "event",
    "reporting:dashboard": "dashboard",
    "beneficiaries:rectify": "rectification",
    "referrals:rectification_task": "correction-task",
}


@pytest.fixture
def full_file(coordinator, objects):  # noqa: F811
    """The URL table's objects, in a full case file (grant and year: the matrix's own), with
    the coordinator's appointment of today so that her agenda is not empty."""
    closed_case_file(coordinator)
    return {**objects, **full_case_file(coordinator)}


def test_every_caseworker_page_fits_a_tablet(page, screenshot, coordinator, full_file):
    login(page, coordinator.username)
    shots = {_url(ROUTES_BY_NAME[n], full_file): shot for n, shot in SCREENSHOTS_AT_TABLET.items()}
    paths = html_paths(page, "coordinator", full_file)
    problems = _walk(page, paths, shots, screenshot)
    assert len(paths) > 20
    assert not problems, _report(problems)


# The partner body's pages, kept as screenshots at each width.
PARTNER_SCREENSHOTS = {
    "referrals:inbox": "partner-inbox",
    "referrals:partner_detail": "partner-referral",
}


def test_every_partner_page_fits_a_tablet(page, screenshot, objects):  # noqa: F811
    partner = partner_user(PartnerBody.objects.get(pk=objects["body"]), "pantopoleio")
    login(page, partner.username)
    shots = {_url(ROUTES_BY_NAME[n], objects): shot for n, shot in PARTNER_SCREENSHOTS.items()}
    paths = html_paths(page, "partner", objects)
    problems = _walk(page, paths, shots, screenshot)
    assert set(shots) <= set(paths)
    assert not problems, _report(problems)


def _walk(page, paths: list[str], shots: dict[str, str], screenshot) -> dict:
    """Open each path at each width; what passes the viewport's edge, by path and width."""
    problems = {}
    for viewport in (TABLET, TABLET_LANDSCAPE, DESK):
        page.set_viewport_size(viewport)
        for path in paths:
            page.goto(path)
            found = page.evaluate(WIDER_THAN_VIEWPORT)
            if found["scrollWidth"] > found["innerWidth"] or found["wide"]:
                problems[f"{path} at {viewport['width']} px"] = found
            if path in shots:
                screenshot(f"{shots[path]}-{viewport['width']}")
    return problems


def _report(problems: dict) -> str:
    lines = []
    for path, found in problems.items():
        lines.append(f"{path}: scrollWidth {found['scrollWidth']} > {found['innerWidth']}")
        lines += [f"    {element}" for element in found["wide"]]
    return "\n".join(lines)


def test_the_skip_link_shows_on_top_when_it_has_the_keyboard(page, screenshot, social_worker):
    login(page, social_worker.username)
    page.goto("/requests/work/")
    page.keyboard.press("Tab")
    link = page.get_by_role("link", name="Μετάβαση στο περιεχόμενο")
    expect(link).to_be_focused()
    box = link.bounding_box()
    assert box["width"] > 100 and box["height"] > 20 and box["y"] >= 0
    on_top = page.evaluate(
        """([x, y]) => {
            const element = document.elementFromPoint(x, y);
            return element !== null && element.closest("a.skip-link") !== null;
        }""",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert on_top, "the skip link is painted under another element"
    screenshot("focused")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


# How wide the search box's hint is, against the room its box gives the text.
PLACEHOLDER_ROOM = """() => {
  const input = document.getElementById("global-search");
  const style = getComputedStyle(input);
  const context = document.createElement("canvas").getContext("2d");
  context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
  return {hint: context.measureText(input.placeholder).width, room: input.clientWidth - padding};
}"""


def test_the_search_box_shows_its_whole_hint_on_a_desk_pc(
    page,
    coordinator,
    objects,  # noqa: F811 - a pending grant: «Συντονισμός» gets its badge
):
    login(page, coordinator.username)
    page.set_viewport_size(DESK)
    page.goto("/requests/work/")
    # The longest navbar: the coordinator's, with the badge of «Συντονισμός».
    expect(page.get_by_role("button", name="Συντονισμός").locator(".badge")).to_be_visible()
    page.locator("nav.navbar").screenshot(path=SCREENSHOTS / "desk-navbar.png")
    sizes = page.evaluate(PLACEHOLDER_ROOM)
    assert sizes["hint"] <= sizes["room"], sizes


# Where the lines of an element's text break: the character before and after each break.
LINE_BREAKS = """(element) => {
  const characters = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const box = range.getBoundingClientRect();
      if (box.width > 0) characters.push({text: node.data[i], top: Math.round(box.top)});
    }
  }
  const breaks = [];
  for (let i = 1; i < characters.length; i++) {
    if (characters[i].top > characters[i - 1].top) {
      breaks.push(characters[i - 1].text + characters[i].text);
    }
  }
  return breaks;
}"""


def test_an_email_address_wraps_only_at_its_at_sign_or_a_dot(page, coordinator, full_file):
    login(page, coordinator.username)
    page.set_viewport_size(TABLET_LANDSCAPE)  # the address is wider than its column here
    page.goto(_url(ROUTES_BY_NAME["beneficiaries:detail"], full_file))
    link = page.locator("#personal").get_by_role("link", name=LONG_EMAIL)
    breaks = link.evaluate(LINE_BREAKS)
    assert breaks, "the address fits on one line: widen it or narrow the page"
    for pair in breaks:
        assert pair[0] in "@-" or pair[1] == ".", f"the address breaks inside a word: {breaks}"


# Form controls whose edge is fainter than 3:1 against what is behind them (WCAG 1.4.11);
# a control that is checked, focused or disabled is left out (its look is another state's).
FAINT_CONTROLS = """() => {
  const rgba = (colour) => {
    const [r, g, b, a = 1] = colour.match(/[\\d.]+/g).map(Number);
    return [r, g, b, a];
  };
  const luminance = ([r, g, b]) => {
    const linear = (v) => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  const ratio = (one, other) => {
    const [light, dark] = [luminance(one), luminance(other)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  };
  const behind = (element) => {
    const layers = [];
    for (let box = element.parentElement; box; box = box.parentElement) {
      const colour = rgba(getComputedStyle(box).backgroundColor);
      if (colour[3] > 0) layers.unshift(colour);
      if (colour[3] === 1) break;
    }
    return layers.reduce(
      (under, [r, g, b, a]) => [r, g, b].map((v, i) => v * a + under[i] * (1 - a)),
      [255, 255, 255],
    );
  };
  const faint = [];
  const controls = document.querySelectorAll(".form-control, .form-select, .form-check-input");
  for (const control of controls) {
    if (!control.checkVisibility() || control.matches(":checked, :focus, :disabled")) continue;
    const edge = rgba(getComputedStyle(control).borderTopColor);
    const contrast = ratio(edge, behind(control));
    if (contrast < 3) faint.push(`${control.id || control.name}: ${contrast.toFixed(2)}:1`);
  }
  return faint;
}"""


def test_the_edges_of_form_controls_stand_out_from_the_page(page, coordinator, full_file):
    login(page, coordinator.username)
    faint = {}
    for path in html_paths(page, "coordinator", full_file):
        page.goto(path)
        if found := page.evaluate(FAINT_CONTROLS):
            faint[path] = found
    assert faint == {}
