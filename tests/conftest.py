"""Shared fixtures: the people by role, and a real Chromium for browser tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test.client import ClientMixin
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice

from community_centre.models import Role
from community_centre.role_actions import role_grant_from_server
from community_centre.roles import sync_roles
from tests.community_centre.factories import UserFactory
from tests.helpers import FORCED_LOGIN_DEVICE, PASSWORD, SCREENSHOTS
from tests.referrals.factories import PartnerBodyFactory
from tests.referrals.factories import partner_user as make_partner_user


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's language: a request in English leaves English active in
    the thread after it (LocaleMiddleware activates, nothing deactivates), so a later test in
    the same process would read English where it expects Greek."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


# --- the second factor of a forced login --------------------------------------------------------
# Two-factor login is ON in the test settings, as in production (community_centre.two_factor).
# Tests that log in with `client.force_login(user)` (the `worker_client`, `coordinator_client`
# fixtures, the access matrix …) test what comes after the login, so here a forced login also
# gives the second factor: the session is verified with a device made for it (a confirmed
# backup-code device named FORCED_LOGIN_DEVICE, tests.helpers, without codes), exactly as a code
# typed at the code step verifies it (django_otp.login). The only such mechanism in the tests.
# The tests of the login itself mark themselves `@pytest.mark.real_two_factor`: there a forced
# login leaves the session as a password alone does, and the middleware sends it to the code step
# or the enrolment. Browser tests log in through the form and type a real code (tests.helpers).


@pytest.fixture(autouse=True)
def _second_factor_for_forced_login(request, monkeypatch):
    if request.node.get_closest_marker("real_two_factor"):
        return
    forced_login = ClientMixin.force_login

    def force_login(self, user, backend=None):
        forced_login(self, user, backend)
        # Not get_or_create: racing threads logging in one user (tests/test_submit_once_race.py)
        # may each create one, and any of them verifies the session.
        devices = StaticDevice.objects.filter(user=user, name=FORCED_LOGIN_DEVICE).order_by("pk")
        device = devices.first() or StaticDevice.objects.create(user=user, name=FORCED_LOGIN_DEVICE)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()

    monkeypatch.setattr(ClientMixin, "force_login", force_login)


@pytest.fixture
def roles(db):
    return sync_roles()


def _user_with_role(roles, role: Role, username: str, **fields):
    user = UserFactory(username=username, password=PASSWORD, **fields)
    role_grant_from_server(user=user, role=role)
    return user


@pytest.fixture
def no_role(roles):
    """A member of staff whose role nobody has confirmed yet: logged in, and may do nothing."""
    return UserFactory(username="stavros", password=PASSWORD)


@pytest.fixture
def social_worker(roles):
    return _user_with_role(roles, Role.SOCIAL_WORKER, "maria")


@pytest.fixture
def other_social_worker(roles):
    return _user_with_role(roles, Role.SOCIAL_WORKER, "eleni")


@pytest.fixture
def coordinator(roles):
    return _user_with_role(roles, Role.COORDINATOR, "anna")


@pytest.fixture
def administrator(roles):
    return _user_with_role(roles, Role.ADMINISTRATOR, "admin")


@pytest.fixture
def superuser(roles):
    return UserFactory(username="root", password=PASSWORD, is_staff=True, is_superuser=True)


@pytest.fixture
def partner_body(db):
    return PartnerBodyFactory(name="Κοινωνικό Παντοπωλείο Δήμου Καρπενησίου")


@pytest.fixture
def partner_user(roles, partner_body):
    """Staff of a partner body (the Social Grocery): reads only its referrals."""
    return make_partner_user(partner_body, "pantopoleio")


@pytest.fixture
def other_partner_user(roles):
    """Staff of another partner body."""
    return make_partner_user(PartnerBodyFactory(name="Βοήθεια στο Σπίτι"), "voitheia")


@pytest.fixture
def anonymous():
    return AnonymousUser()


@pytest.fixture
def worker_client(client, social_worker):
    client.force_login(social_worker)
    return client


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


# --- browser -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium")
    if not path:
        pytest.fail("Debian's chromium package is not installed (apt-get install chromium).")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="el-GR", timezone_id="Europe/Athens", accept_downloads=True
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(request, page):
    """Call with a short name to save a PNG of the current page under var/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = SCREENSHOTS / f"{request.node.name}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
