"""Helpers every test module may import (fixtures stay in conftest.py, which is never imported).

- `query_count(client, url)`: how many SQL queries one page costs, after checking its answer;
  `captured_queries()` for code that is not a page (a search, a health check).
- `login(page, username)`: log a Playwright page in through the login form, as a person does,
  typing the code of the user's phone (computed from its device) at the second step.
- `totp_code(device)`: the code a phone shows now for a TOTP device (one not used yet).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_otp.oath import TOTP

PASSWORD = "Demo-pass-2026!"  # every test user's password (tests.community_centre.factories)
SCREENSHOTS = Path(__file__).resolve().parent.parent / "var" / "screenshots"
# The device that verifies the session of a forced login (tests/conftest.py).
FORCED_LOGIN_DEVICE = "tests"


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


def totp_code(device) -> str:
    """What the phone of `device` (a TOTPDevice) shows: the code of the current 30-second step,
    or of the next one if the current one was used already (the device accepts one step ahead);
    waits for the step after if even that one was used."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    while totp.t() + 1 <= device.last_t:
        time.sleep(1)
    totp.drift = device.drift + (1 if totp.t() <= device.last_t else 0)
    return f"{totp.token():0{device.digits}d}"


def enrolled_phone(username: str):
    """The user's confirmed phone; one is added (as if enrolled before) when their role requires
    a second factor and they have none, so that logging in reaches the pages, not the enrolment."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from community_centre.models import User
    from community_centre.two_factor.policy import phone_device, second_factor_required

    user = User.objects.get(username=username)
    device = phone_device(user)
    if device is None and second_factor_required(user):
        device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return device


def login(page, username: str, password: str = PASSWORD, *, enrolled: bool = True) -> None:
    """Log in through the login form and, if the user has a phone (with `enrolled`, every user
    whose role requires one has it), type its code at the second step; wait until the browser
    has left the login. With enrolled=False, a user without a phone stops at the enrolment."""
    device = enrolled_phone(username) if enrolled else None
    page.goto("/login/")
    page.get_by_label("Όνομα χρήστη").fill(username)
    page.get_by_label("Συνθηματικό").fill(password)
    page.get_by_role("button", name="Σύνδεση").click()
    page.wait_for_url(lambda url: urlsplit(url).path != "/login/")
    if urlsplit(page.url).path == "/login/code/" and device is not None:
        page.get_by_label("Κωδικός").fill(totp_code(device))
        page.get_by_role("button", name="Επιβεβαίωση").click()
        page.wait_for_url(lambda url: urlsplit(url).path != "/login/code/")
