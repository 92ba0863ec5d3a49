"""Helpers every test module may import (fixtures stay in conftest.py, which is never imported).

- `query_count(client, url)`: how many SQL queries one page costs, after checking its answer;
  `captured_queries()` for code that is not a page (a search, a health check).
- `login(page, username)`: log a Playwright page in through the login form, as a person does.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from django.db import connection
from django.test.utils import CaptureQueriesContext

PASSWORD = "Demo-pass-2026!"  # every test user's password (tests.community_centre.factories)
SCREENSHOTS = Path(__file__).resolve().parent.parent / "var" / "screenshots"


# --- SQL queries ------------------------------------------------------------------------------


@contextmanager
def captured_queries() -> Iterator[CaptureQueriesContext]:
    """The queries run inside the block: `len(queries)` after it, `queries.captured_queries`."""
    with CaptureQueriesContext(connection) as queries:
        yield queries


def query_count(
    client, url: str, data: dict | None = None, *, method: str = "get", status: int = 200
) -> int:
    """The number of queries of one request (GET parameters or POST fields in `data`), after
    asserting that it answered `status`."""
    with captured_queries() as queries:
        response = getattr(client, method)(url, data or {})
    assert response.status_code == status, (url, response.status_code)
    return len(queries)


# --- the browser ------------------------------------------------------------------------------


def login(page, username: str, password: str = PASSWORD) -> None:
    """Log in through the login form and wait until the browser has left it."""
    page.goto("/login/")
    page.get_by_label("Όνομα χρήστη").fill(username)
    page.get_by_label("Συνθηματικό").fill(password)
    page.get_by_role("button", name="Σύνδεση").click()
    page.wait_for_url(lambda url: urlsplit(url).path != "/login/")
