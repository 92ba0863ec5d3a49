"""The administrators' admin speaks Greek: no English string of Django's that its Greek catalogue
lacks (the project's catalogue supplies them), roles by their Greek names, labelled inputs."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from community_centre import admin_translations, i18n
from community_centre.models import Role
from tests.requests.factories import RequestCategoryFactory
from tests.test_access_matrix import objects  # noqa: F401 - the fixture, reused

pytestmark = pytest.mark.django_db

# Strings Django's admin shows in English when the Greek catalogue lacks them, as whole words
# in the page's text or in an attribute a screen reader reads.
ENGLISH = [
    "Skip to main content", "Toggle theme", "Breadcrumbs", "Sidebar", "Start typing to filter",
    "Filter navigation items", "Show counts", "Hide counts", "Reset password", "Set password",
    "Enable password-based authentication", "Disable password-based authentication",
    "Password-based authentication", "Raw passwords are not stored", "Model name", "Add link",
    "Change or view list link", "Added:", "Changed:", "Deleted:", "Select all objects",
    "Select this object", "View selected", "After you’ve created a user", "Can add",
    "Can change", "Can delete", "Can view", "True", "False", "Home", "History", "Filter",
    "Django administration", "Log out", "View site", "Recent actions", "Toggle navigation",
    "Please correct", "Save and", "Choose all", "Remove all",
]  # fmt: skip
FOUND = re.compile(r"(?<![\w-])(" + "|".join(re.escape(s) for s in ENGLISH) + r")(?![\w-])")
HIDDEN = re.compile(r"<(script|style)\b.*?</\1>|<input type=\"hidden\"[^>]*>", re.S)
READ_ALOUD = re.compile(r'\b(?:aria-label|title|placeholder|alt)="([^"]*)"')
ADMIN_LINK = re.compile(r'href="(/admin/[^"?#]*)')
SKIPPED = ("/admin/logout/", "/admin/jsi18n/", "/admin/r/")
GREEK_LETTER = re.compile("[\u0370-\u03ff]")


def _admin_pages(client):
    """Every admin page linked from the index, each once, as (path, HTML)."""
    seen, queue = set(), ["/admin/"]
    while queue:
        path = queue.pop(0)
        if path in seen or path.startswith(SKIPPED):
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        html = response.content.decode()
        queue += ADMIN_LINK.findall(html)
        yield path, html


def _english(html: str) -> set[str]:
    visible = HIDDEN.sub(" ", html)
    text = re.sub(r"<[^>]+>", " ", visible) + " " + " ".join(READ_ALOUD.findall(visible))
    return set(FOUND.findall(text))


@pytest.fixture
def reference(objects):  # noqa: F811
    RequestCategoryFactory()  # a changelist with editable columns
    return objects


def test_no_admin_page_shows_an_english_string(client, administrator, reference):
    client.force_login(administrator)
    found = {path: words for path, html in _admin_pages(client) if (words := _english(html))}
    assert found == {}


def test_the_admin_javascript_strings_are_greek(client, administrator):
    client.force_login(administrator)
    body = client.get(reverse("admin:jsi18n")).content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});", body, re.S).group(1))
    with (i18n.LOCALE_DIR / "el" / "LC_MESSAGES" / "djangojs.po").open("rb") as handle:
        ours = [m for m in read_po(handle, locale="el") if m.id]
    assert ours
    for message in ours:
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        key = f"{message.context}\x04{msgid}" if message.context else msgid
        greek = catalogue[key]
        assert re.search(GREEK_LETTER, str(greek)), (msgid, greek)


def test_the_role_groups_are_shown_by_their_greek_names(client, administrator):
    client.force_login(administrator)
    listing = client.get(reverse("admin:auth_group_changelist")).content.decode()
    group = Group.objects.get(name=Role.SOCIAL_WORKER)
    page = client.get(reverse("admin:auth_group_change", args=[group.pk])).content.decode()
    history = client.get(reverse("admin:auth_group_history", args=[group.pk])).content.decode()
    for role in Role:
        assert str(role.label) in listing
    for html in (page, history):
        breadcrumbs = re.search(r'<div class="breadcrumbs">(.*?)</div>', html, re.S).group(1)
        assert "Κοινωνικός/ή λειτουργός" in breadcrumbs
        assert "social_worker" not in breadcrumbs
    assert "Ωφελούμενος: προβολή" in page  # a permission, by its Greek name


def test_the_editable_columns_of_a_changelist_are_labelled(client, administrator):
    category = RequestCategoryFactory(name="Στέγαση")
    client.force_login(administrator)
    html = client.get(reverse("admin:requests_requestcategory_changelist")).content.decode()
    for field in ("order", "is_active"):
        tag = re.search(rf'<input[^>]*name="form-\d+-{field}"[^>]*>', html).group(0)
        assert 'aria-label="' in tag and str(category) in tag, tag


def _listed_msgids() -> list[tuple[str, str | None]]:
    """(singular, plural) of every string community_centre/admin_translations.py lists."""
    tree = ast.parse(Path(admin_translations.__file__).read_text())
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and hasattr(n.func, "id")]
    return [
        (call.args[0].value, call.args[1].value if len(call.args) > 1 else None)
        for call in calls
        if call.func.id in {"gettext_noop", "ngettext_lazy"}
    ]


def test_every_listed_django_string_has_its_greek_translation():
    listed = _listed_msgids()
    assert len(listed) > 50
    with translation.override("el"):
        for singular, plural in listed:
            greek = ngettext(singular, plural, 2) if plural else gettext(singular)
            assert re.search(GREEK_LETTER, greek), singular  # not left in English by `i18n fill`
