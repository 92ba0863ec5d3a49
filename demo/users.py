"""The demo accounts of `make run`: one login per role, with a published password.

Idempotent: a second run updates the same accounts and resets their demo password.
`demo.people` assigns the demo case files to the two demo caseworkers when they exist. Two
partner accounts belong to two bodies of the partner directory (the Social Grocery and ΔΥΠΑ),
loaded here from the referrals reference data when `load_reference_data` has not run yet.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from community_centre.models import Role, User
from community_centre.role_actions import role_set_from_server
from community_centre.roles import sync_roles
from community_centre.two_factor.actions import backup_codes_renew
from community_centre.two_factor.policy import second_factor_required
from referrals.models import PartnerBody, PartnerMembership
from referrals.reference_data import load_partner_directory

DEMO_PASSWORD = "karpenisi-demo-2026"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: Role
    title: str = ""
    is_staff: bool = False
    body: str = ""  # a partner account's body (PartnerBody.code)


DEMO_USERS = [
    DemoUser("koinoniki", "Μαρία", "Παπαδοπούλου", Role.SOCIAL_WORKER, "Η Κοινωνική Λειτουργός"),
    DemoUser(
        "syntonistria", "Άννα", "Γεωργίου", Role.COORDINATOR, "Η Κοινωνική Λειτουργός, Συντονίστρια"
    ),
    DemoUser("diaxeiristis", "Διαχειριστής", "Συστήματος", Role.ADMINISTRATOR, is_staff=True),
    DemoUser("pantopoleio", "Γεωργία", "Νικολάου", Role.PARTNER, body="koinoniko-pantopoleio"),
    DemoUser("dypa", "Νικόλαος", "Αθανασίου", Role.PARTNER, body="dypa"),
]


@transaction.atomic
def create_demo_users(password: str = DEMO_PASSWORD) -> list[User]:
    """Create or reset the demo accounts: exactly one role each, the demo password, active."""
    sync_roles()
    users = []
    for demo in DEMO_USERS:
        user, _created = User.objects.get_or_create(username=demo.username)
        user.first_name = demo.first_name
        user.last_name = demo.last_name
        user.email = f"{demo.username}@example.org"
        user.title = demo.title
        user.is_active = True
        user.is_staff = demo.is_staff
        user.is_superuser = False
        user.must_change_password = False
        user.set_password(password)
        user.save()
        role_set_from_server(user=user, role=demo.role, note=str(_("λογαριασμός επίδειξης")))
        if demo.body:
            _join_body(user, demo.body)
        users.append(user)
    return users


def _join_body(user: User, code: str) -> None:
    """Make `user` an account of the body `code`, which then answers in the system."""
    body = PartnerBody.objects.filter(code=code).first()
    if body is None:
        load_partner_directory()
        body = PartnerBody.objects.get(code=code)
    if not body.uses_system:
        body.uses_system = True
        body.save(update_fields=["uses_system", "updated_at"])
    PartnerMembership.objects.update_or_create(user=user, defaults={"body": body})


def demo_backup_codes(users: list[User]) -> dict[str, list[str]]:
    """New backup codes for each demo account whose role requires a second factor, so that the
    demo can be tried without a phone (each code logs in once; a phone can be added later)."""
    return {
        user.username: backup_codes_renew(user=user)
        for user in users
        if second_factor_required(user)
    }
