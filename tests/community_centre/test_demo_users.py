"""`manage.py create_demo_users`: one login per role, idempotent, not by accident in production."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from community_centre.models import Role, User
from community_centre.roles import can_read_case_files, is_partner
from demo.users import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def debug(settings):
    """pytest-django runs tests with DEBUG=False; the demo set-up runs with DJANGO_DEBUG=1."""
    settings.DEBUG = True


def create(*args: str) -> str:
    out = StringIO()
    call_command("create_demo_users", *args, stdout=out)
    return out.getvalue()


def test_it_creates_one_user_per_role_with_the_demo_password():
    create()
    expected = {
        "koinoniki": (Role.SOCIAL_WORKER, "Μαρία", "Παπαδοπούλου"),
        "syntonistria": (Role.COORDINATOR, "Άννα", "Γεωργίου"),
        "diaxeiristis": (Role.ADMINISTRATOR, None, None),
        "pantopoleio": (Role.PARTNER, "Γεωργία", "Νικολάου"),
        "dypa": (Role.PARTNER, "Νικόλαος", "Αθανασίου"),
    }
    for username, (role, first_name, last_name) in expected.items():
        user = User.objects.get(username=username)
        assert list(user.role_grants.in_force().values_list("role", flat=True)) == [role]
        assert user.check_password(DEMO_PASSWORD)
        assert user.is_active
        assert not user.is_superuser
        if first_name:
            assert (user.first_name, user.last_name) == (first_name, last_name)


def test_only_the_administrator_is_staff():
    create()
    staff = set(User.objects.filter(is_staff=True).values_list("username", flat=True))
    assert staff == {"diaxeiristis"}


def test_the_caseworkers_can_be_assigned_case_files_and_the_administrator_cannot():
    create()
    caseworkers = set(User.objects.caseworkers().values_list("username", flat=True))
    assert caseworkers == {"koinoniki", "syntonistria"}


def test_it_prints_the_logins():
    output = create()
    for username in ("koinoniki", "syntonistria", "diaxeiristis", "pantopoleio", "dypa"):
        assert username in output
    assert "Κοινωνικό Παντοπωλείο Δήμου Καρπενησίου" in output
    assert DEMO_PASSWORD in output
    assert "Μαρία Παπαδοπούλου" in output


def test_a_second_run_resets_the_password_and_creates_no_one():
    create()
    user = User.objects.get(username="koinoniki")
    user.set_password("something-else-2026")
    user.is_active = False
    user.save()
    create()
    user.refresh_from_db()
    assert user.check_password(DEMO_PASSWORD)
    assert user.is_active
    assert User.objects.count() == 5


def test_it_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError) as excinfo:
        create()
    assert "DJANGO_DEBUG=1" in str(excinfo.value)
    assert "Demo accounts" in str(excinfo.value)  # English after the Greek
    assert "λογαριασμοί επίδειξης" in str(excinfo.value)
    assert not User.objects.exists()


def test_force_creates_them_without_debug(settings):
    settings.DEBUG = False
    create("--force")
    assert User.objects.filter(username="syntonistria").exists()


def test_the_partner_accounts_belong_to_two_bodies_and_read_only_their_referrals():
    create()
    create()  # idempotent: the same accounts, the same bodies
    pantopoleio, dypa = User.objects.get(username="pantopoleio"), User.objects.get(username="dypa")
    assert pantopoleio.partner_membership.body.code == "koinoniko-pantopoleio"
    assert dypa.partner_membership.body.code == "dypa"
    assert is_partner(pantopoleio) and is_partner(dypa)
    assert not can_read_case_files(pantopoleio)
    assert pantopoleio.partner_membership.body.uses_system
