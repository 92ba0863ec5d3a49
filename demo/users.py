"""The demo accounts of `make run`: one login per role, with a published password.

Idempotent: a second run updates the same three accounts and resets their demo password.
`demo.people` assigns the demo case files to the two demo caseworkers when they exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from community_centre.models import Role, User
from community_centre.role_actions import role_set_from_server
from community_centre.roles import sync_roles

DEMO_PASSWORD = "karpenisi-demo-2026"


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: Role
    title: str = ""
    is_staff: bool = False


DEMO_USERS = [
    DemoUser("koinoniki", "Μαρία", "Παπαδοπούλου", Role.SOCIAL_WORKER, "Η Κοινωνική Λειτουργός"),
    DemoUser(
        "syntonistria", "Άννα", "Γεωργίου", Role.COORDINATOR, "Η Κοινωνική Λειτουργός, Συντονίστρια"
    ),
    DemoUser("diaxeiristis", "Διαχειριστής", "Συστήματος", Role.ADMINISTRATOR, is_staff=True),
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
        users.append(user)
    return users
