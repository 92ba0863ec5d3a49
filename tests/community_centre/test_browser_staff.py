"""The coordinator confirms a proposed role in the browser; a reset password must be replaced."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from community_centre import role_actions
from community_centre.models import Role, RoleGrant, User
from tests.community_centre.factories import UserFactory
from tests.helpers import PASSWORD, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_coordinator_confirms_a_role_and_sees_a_password_reset(
    page, screenshot, coordinator, administrator, social_worker
):
    eleni = UserFactory(username="eleni", first_name="Ελένη", last_name="Αντωνίου")
    role_actions.role_propose(user=eleni, role=Role.SOCIAL_WORKER, actor=administrator)
    role_actions.password_set(user=social_worker, actor=administrator)
    login(page, coordinator.username)
    navigation = page.get_by_role("navigation", name="Κύρια πλοήγηση")
    expect(navigation.get_by_role("button", name="Συντονισμός").locator(".badge")).to_be_visible()
    navigation.get_by_role("button", name="Συντονισμός").click()
    navigation.get_by_role("link", name="Προσωπικό").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Προσωπικό και ρόλοι")
    expect(page.locator("#pending-title")).to_contain_text("2")  # Eleni, and Maria again
    expect(page.locator("main")).to_contain_text("Ορισμός συνθηματικού από διαχειριστή")
    screenshot("staff")
    page.locator("tr", has_text="eleni").get_by_role("button", name="Επιβεβαίωση").click()
    expect(page.locator(".alert-success")).to_contain_text("ισχύει")
    assert RoleGrant.objects.get(user=eleni).status == RoleGrant.Status.ACTIVE
    page.get_by_role("button", name="Τα έλεγξα").click()
    expect(page.locator("main")).not_to_contain_text("νέο")
    screenshot("staff-confirmed")


def test_a_password_set_by_an_administrator_must_be_replaced(page, screenshot, social_worker):
    User.objects.filter(pk=social_worker.pk).update(must_change_password=True)
    login(page, social_worker.username)
    expect(page.get_by_role("heading", level=1)).to_have_text("Αλλαγή συνθηματικού")
    screenshot("password")
    page.locator("#id_old_password").fill(PASSWORD)
    page.locator("#id_new_password1").fill("Maria-own-pass-2026!")
    page.locator("#id_new_password2").fill("Maria-own-pass-2026!")
    page.get_by_role("button", name="Αλλαγή συνθηματικού").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Η εργασία μου")
