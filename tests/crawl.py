"""The pages a role reaches: the GET routes of the URL table it may open, and the admin's pages.

Browser tests walk these with one logged-in page per role. The list comes from
tests.test_access_matrix.ROUTES, so a new page is checked as soon as it is in the matrix.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

from tests.test_access_matrix import ROUTES, _url


def route_paths(role: str, objects: dict) -> list[str]:
    """Paths of the GET routes that answer `role` with a page of their own (200)."""
    return [
        _url(route, objects)
        for route in ROUTES
        if route.method == "get" and route.expected(role) == 200
    ]


def is_html(page, path: str) -> bool:
    """Whether `path` answers this browser context with an HTML page (not a PDF, a download,
    or the JSON of a health check). Asked with the context's cookies, without navigating."""
    response = page.request.get(path, max_redirects=0)
    return response.status == 200 and "text/html" in response.headers.get("content-type", "")


def html_paths(page, role: str, objects: dict) -> list[str]:
    return [path for path in route_paths(role, objects) if is_html(page, path)]


# Admin pages that act or leave when opened, or repeat a page already seen with other data.
ADMIN_SKIPPED_VIEWS = {"logout", "jsi18n", "view_on_site", "autocomplete"}


def _admin_view(path: str) -> str | None:
    """Which admin page `path` is, apart from the object it shows ("auth_group_change",
    "app_list community_centre"), or None for paths outside the admin or skipped."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.namespace != "admin" or match.url_name in ADMIN_SKIPPED_VIEWS:
        return None
    kwargs = [f"{k}={v}" for k, v in sorted(match.kwargs.items()) if k != "object_id"]
    return " ".join([match.url_name, *kwargs])


def crawl_admin(page, start: str = "/admin/") -> Iterator[str]:
    """Open every admin page reachable by links from the index, one per admin view, and yield
    its path while it is on screen: the index, the app indexes, each changelist, add page,
    change page (of the first object linked), history, delete and password pages. Query strings
    (filters, sorting) are left out: they show the same page with other rows."""
    seen: set[str] = set()
    queue = [start]
    while queue:
        path = queue.pop(0)
        view = _admin_view(path)
        if view is None or view in seen:
            continue
        seen.add(view)
        page.goto(path)
        if urlsplit(page.url).path != path:
            continue  # redirected: not a page of this role
        yield path
        hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        queue += [urlsplit(h).path for h in hrefs if urlsplit(h).path.startswith("/admin/")]
