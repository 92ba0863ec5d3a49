"""The role a member of staff held at a moment: how the export names who read or changed the file.

CJEU C-579/21 (Pankki S, 22 June 2023): art. 15 gives the person the dates and purposes of the
consultations of their data, but not the identity of the employees who made them, who act under
the controller's authority; the export names their role instead (and the Centre can name an
employee if the person contests the lawfulness of a consultation).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import datetime

from django.utils.translation import gettext as _

from community_centre.models import RoleGrant
from community_centre.staff_models import Role

# Grants that were in force for a while: confirmed (decided_at), perhaps ended (ended_at).
HELD = [RoleGrant.Status.ACTIVE, RoleGrant.Status.REVOKED]

# Who a partner body's staff work for (art. 15(1)(c): the recipients of the data): referrals
# registers a function of the partner users' ids -> {id: the body's name}, one query.
_partner_bodies: list[Callable[[Iterable[int]], dict[int, str]]] = []


def register_partner_bodies(bodies: Callable[[Iterable[int]], dict[int, str]]) -> None:
    if bodies not in _partner_bodies:
        _partner_bodies.append(bodies)


class StaffRoles:
    """Every role grant of the staff, read in one query (a few dozen rows at the Centre)."""

    def __init__(self) -> None:
        self._grants: dict[int, list[tuple[str, datetime, datetime | None]]] = defaultdict(list)
        rows = RoleGrant.objects.filter(status__in=HELD, decided_at__isnull=False).values_list(
            "user_id", "role", "decided_at", "ended_at"
        )
        for user_id, role, start, end in rows:
            self._grants[user_id].append((role, start, end))
        partners = {
            user
            for user, grants in self._grants.items()
            if any(g[0] == Role.PARTNER for g in grants)
        }
        self._bodies: dict[int, str] = {}
        for bodies in _partner_bodies if partners else []:
            self._bodies.update(bodies(partners))

    def role_at(
        self, user_id: int | None, moment: datetime | None = None, *, nobody: str = ""
    ) -> str:
        """The role(s) of `user_id` at `moment` (now when None), in words; `nobody` (or «a
        command on the server») when no user did it."""
        if user_id is None:
            return nobody or _("Εντολή στον διακομιστή")
        grants = self._grants.get(user_id, [])
        held = [g for g in grants if _in_force(g, moment)]
        if not held and grants:  # e.g. a change saved a moment before the grant was confirmed
            held = [max(grants, key=lambda g: g[1])]
        roles = sorted({role for role, _start, _end in held})
        if not roles:
            return _("Χωρίς ρόλο")
        return ", ".join(self._label(role, user_id) for role in roles)

    def _label(self, role: str, user_id: int) -> str:
        label = str(Role(role).label)
        body = self._bodies.get(user_id) if role == Role.PARTNER else None
        return f"{label}: {body}" if body else label


def _in_force(grant: tuple[str, datetime, datetime | None], moment: datetime | None) -> bool:
    _role, start, end = grant
    if moment is None:
        return end is None
    return start <= moment and (end is None or moment < end)
