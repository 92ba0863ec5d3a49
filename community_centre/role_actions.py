"""Giving and taking away roles, with four eyes for the roles that read case files.

An administrator proposes a role for another member of staff. The administrator's own role
opens no case file and is in force at once; a social worker's, coordinator's or partner body's
role (CONFIRMED_ROLES: they read personal data) is in force only when a coordinator other than
the proposer and the holder confirms it, and never on an administrator's or superuser's account.
A partner body's account holds no other role. Nobody proposes, confirms, refuses or revokes a
role of their own. Every step leaves a `StaffEvent` for the coordinator and an audit-trail entry.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community_centre.models import User
from community_centre.staff_models import (
    CASE_FILE_ROLES,
    CONFIRMED_ROLES,
    Role,
    RoleGrant,
    StaffEvent,
)

PROPOSE_PERMISSION = "community_centre.add_rolegrant"
CONFIRM_PERMISSION = "community_centre.confirm_rolegrant"
REVOKE_PERMISSIONS = ("community_centre.change_rolegrant", CONFIRM_PERMISSION)


class RoleError(Exception):
    """A role change that the rules forbid; the message says why, in Greek."""


def _refuse_own(actor, user) -> None:
    if actor is not None and actor.pk == user.pk:
        raise RoleError(_("Κανείς δεν αλλάζει τους δικούς του ρόλους."))


def _refuse_conflicting_roles(user, role: str) -> None:
    """A role that reads personal data and an administrator's account never meet; a partner
    body's account holds no other role."""
    open_roles = set(user.role_grants.open().values_list("role", flat=True))
    if (role == Role.PARTNER and open_roles - {Role.PARTNER}) or (
        role != Role.PARTNER and Role.PARTNER in open_roles
    ):
        raise RoleError(_("Λογαριασμός συνεργαζόμενου φορέα δεν έχει άλλον ρόλο."))
    if role in CONFIRMED_ROLES:
        if user.is_superuser or user.is_staff or Role.ADMINISTRATOR in open_roles:
            raise RoleError(
                _("Λογαριασμός διαχείρισης δεν μπορεί να έχει ρόλο με πρόσβαση σε φακέλους.")
            )
    elif open_roles & CASE_FILE_ROLES:
        raise RoleError(_("Ο χρήστης έχει ρόλο με πρόσβαση σε φακέλους: ανακαλέστε τον πρώτα."))
    if role in open_roles:
        raise RoleError(_("Ο χρήστης έχει ήδη αυτόν τον ρόλο ή εκκρεμεί η επιβεβαίωσή του."))


def _event(kind: str, *, grant: RoleGrant, actor, ip_address: str | None, detail: str = ""):
    text = f"{grant.get_role_display()}" + (f" — {detail}" if detail else "")
    return StaffEvent.objects.create(
        kind=kind, subject=grant.user, actor=actor, ip_address=ip_address, detail=text[:300]
    )


def _lock_user(user):
    """Role changes of one user wait for each other (the checks read their other grants)."""
    return type(user).objects.select_for_update().get(pk=user.pk)


def _set_staff(user, is_staff: bool) -> None:
    if user.is_staff != is_staff:
        user.is_staff = is_staff
        user.save(update_fields=["is_staff"])


def role_check_proposal(*, user: User, role: str, actor: User | None) -> None:
    """Raise RoleError if `actor` may not propose `role` for `user` (forms call it to explain)."""
    _refuse_own(actor, user)
    if actor is None or not actor.has_perm(PROPOSE_PERMISSION):
        raise RoleError(_("Δεν έχετε δικαίωμα να προτείνετε ρόλους."))
    _refuse_conflicting_roles(user, role)


@transaction.atomic
def role_propose(*, user: User, role: str, actor: User, ip_address: str | None = None) -> RoleGrant:
    """Propose `role` for `user`; the administrator's role is in force at once."""
    user = _lock_user(user)
    role_check_proposal(user=user, role=role, actor=actor)
    grant = RoleGrant(user=user, role=role, requested_by=actor)
    if role not in CONFIRMED_ROLES:
        grant.status, grant.decided_at = RoleGrant.Status.ACTIVE, timezone.now()
        _set_staff(user, True)
    grant.full_clean()
    grant.save()
    if grant.status == RoleGrant.Status.ACTIVE:
        detail = _("ισχύει αμέσως: δεν δίνει πρόσβαση σε φακέλους")
        _event(StaffEvent.Kind.ROLE_CONFIRMED, grant=grant, actor=actor, ip_address=ip_address,
               detail=detail)  # fmt: skip
    else:
        _event(StaffEvent.Kind.ROLE_PROPOSED, grant=grant, actor=actor, ip_address=ip_address)
    return grant


def _lock_grant(grant: RoleGrant, *, to: str) -> RoleGrant:
    locked = RoleGrant.objects.select_for_update().select_related("user").get(pk=grant.pk)
    if not locked.can_move_to(to):
        raise RoleError(
            _("Η ανάθεση είναι ήδη «%(status)s».") % {"status": locked.get_status_display()}
        )
    return locked


def _decide(grant: RoleGrant, *, to: str, actor: User) -> RoleGrant:
    _refuse_own(actor, grant.user)
    if not actor.has_perm(CONFIRM_PERMISSION):
        raise RoleError(_("Μόνο ο/η συντονιστής/τρια επιβεβαιώνει ρόλους."))
    locked = _lock_grant(grant, to=to)
    if locked.requested_by_id == actor.pk:
        raise RoleError(_("Την ανάθεση επιβεβαιώνει άλλος από αυτόν που την πρότεινε."))
    locked.status, locked.decided_by, locked.decided_at = to, actor, timezone.now()
    return locked


@transaction.atomic
def role_confirm(*, grant: RoleGrant, actor: User, ip_address: str | None = None) -> RoleGrant:
    """Put a proposed role in force (the second pair of eyes)."""
    _lock_user(grant.user)
    locked = _decide(grant, to=RoleGrant.Status.ACTIVE, actor=actor)
    user = locked.user
    if locked.reads_personal_data and (user.is_superuser or user.is_staff):
        raise RoleError(
            _("Λογαριασμός διαχείρισης δεν μπορεί να έχει ρόλο με πρόσβαση σε φακέλους.")
        )
    if locked.reads_personal_data and user.must_change_password:
        raise RoleError(
            _(
                "Ο λογαριασμός έχει ακόμη το συνθηματικό που όρισε η διαχείριση. Επιβεβαιώστε "
                "όταν ο/η κάτοχος συνδεθεί και ορίσει δικό του/της."
            )
        )
    locked.full_clean()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    _event(StaffEvent.Kind.ROLE_CONFIRMED, grant=locked, actor=actor, ip_address=ip_address)
    return locked


@transaction.atomic
def role_reject(
    *, grant: RoleGrant, actor: User, note: str = "", ip_address: str | None = None
) -> RoleGrant:
    """Refuse a proposed role; it never comes into force."""
    locked = _decide(grant, to=RoleGrant.Status.REJECTED, actor=actor)
    locked.note = note.strip()[:300]
    locked.full_clean()
    locked.save(update_fields=["status", "decided_by", "decided_at", "note"])
    _event(StaffEvent.Kind.ROLE_REJECTED, grant=locked, actor=actor, ip_address=ip_address,
           detail=locked.note)  # fmt: skip
    return locked


@transaction.atomic
def role_revoke(
    *, grant: RoleGrant, actor: User, note: str = "", ip_address: str | None = None
) -> RoleGrant:
    """End a role in force, at once (taking access away needs no second pair of eyes)."""
    _refuse_own(actor, grant.user)
    if not any(actor.has_perm(p) for p in REVOKE_PERMISSIONS):
        raise RoleError(_("Δεν έχετε δικαίωμα να ανακαλείτε ρόλους."))
    user = _lock_user(grant.user)
    locked = _lock_grant(grant, to=RoleGrant.Status.REVOKED)
    locked.status, locked.ended_by, locked.ended_at = (
        RoleGrant.Status.REVOKED,
        actor,
        timezone.now(),
    )
    locked.note = note.strip()[:300]
    locked.full_clean()
    locked.save(update_fields=["status", "ended_by", "ended_at", "note"])
    if locked.role == Role.ADMINISTRATOR:
        _set_staff(user, False)
    _event(StaffEvent.Kind.ROLE_REVOKED, grant=locked, actor=actor, ip_address=ip_address,
           detail=locked.note)  # fmt: skip
    return locked


@transaction.atomic
def role_grant_from_server(*, user: User, role: str, note: str = "") -> RoleGrant:
    """Put a role in force from the server's command line (`manage.py grant_role`).

    For setting up a new installation, which has no coordinator yet to confirm anything: whoever
    runs commands on the server already holds the database. The event says so to the coordinator.
    """
    user = _lock_user(user)
    _refuse_conflicting_roles(user, role)
    grant = RoleGrant(
        user=user, role=role, status=RoleGrant.Status.ACTIVE, decided_at=timezone.now(), note=note
    )
    grant.full_clean()
    grant.save()
    _set_staff(user, role == Role.ADMINISTRATOR or user.is_staff)
    _event(StaffEvent.Kind.ROLE_FROM_SERVER, grant=grant, actor=None, ip_address=None, detail=note)
    return grant


@transaction.atomic
def role_end_from_server(*, grant: RoleGrant, note: str = "") -> RoleGrant:
    """End a grant (pending or in force) from the server's command line."""
    locked = RoleGrant.objects.select_for_update().select_related("user").get(pk=grant.pk)
    if locked.status not in RoleGrant.OPEN_STATUSES:
        return locked
    if locked.status == RoleGrant.Status.PENDING:
        locked.status, locked.decided_at = RoleGrant.Status.REJECTED, timezone.now()
    else:
        locked.status, locked.ended_at = RoleGrant.Status.REVOKED, timezone.now()
    locked.note = note[:300]
    locked.save(update_fields=["status", "decided_at", "ended_at", "note"])
    if locked.role == Role.ADMINISTRATOR:
        _set_staff(locked.user, False)
    _event(StaffEvent.Kind.ROLE_FROM_SERVER, grant=locked, actor=None, ip_address=None,
           detail=locked.get_status_display())  # fmt: skip
    return locked


@transaction.atomic
def role_set_from_server(*, user: User, role: str, note: str = "") -> RoleGrant:
    """Make `role` the only role of `user`, from the server's command line (demo accounts)."""
    for other in user.role_grants.open().exclude(role=role):
        role_end_from_server(grant=other, note=note)
    current = user.role_grants.in_force().filter(role=role).first()
    if current is not None:
        return current
    for pending in user.role_grants.open().filter(role=role):
        role_end_from_server(grant=pending, note=note)
    return role_grant_from_server(user=user, role=role, note=note)


@transaction.atomic
def password_set(*, user: User, actor: User, ip_address: str | None = None) -> StaffEvent:
    """An administrator set `user`'s password: the administrator now knows it.

    The account must choose its own password before anything else, and its roles that read
    case files stop and wait for a coordinator's confirmation again, proposed by the same
    administrator: whoever knows a password must not be able to open case files with it alone.
    """
    user = _lock_user(user)
    user.must_change_password = True
    user.save(update_fields=["must_change_password"])
    note = str(_("το συνθηματικό ορίστηκε από τη διαχείριση: χρειάζεται νέα επιβεβαίωση"))
    for grant in user.role_grants.in_force().filter(role__in=CONFIRMED_ROLES):
        RoleGrant.objects.filter(pk=grant.pk).update(
            status=RoleGrant.Status.REVOKED, ended_by=actor, ended_at=timezone.now(), note=note
        )
        again = RoleGrant(user=user, role=grant.role, requested_by=actor, note=note)
        again.full_clean()
        again.save()
    return StaffEvent.objects.create(
        kind=StaffEvent.Kind.PASSWORD_SET, subject=user, actor=actor, ip_address=ip_address
    )


@transaction.atomic
def account_mark_created(*, user: User, actor: User, ip_address: str | None = None) -> StaffEvent:
    """An administrator created the account `user` with a password they know."""
    type(user).objects.filter(pk=user.pk).update(must_change_password=True)
    return StaffEvent.objects.create(
        kind=StaffEvent.Kind.ACCOUNT_CREATED, subject=user, actor=actor, ip_address=ip_address
    )


@transaction.atomic
def staff_events_mark_seen(*, actor: User) -> int:
    """The coordinator has read the account events so far; returns how many were marked."""
    if not actor.has_perm(CONFIRM_PERMISSION):
        raise RoleError(_("Μόνο ο/η συντονιστής/τρια ελέγχει τα συμβάντα λογαριασμών."))
    return StaffEvent.objects.unseen().update(seen_by=actor, seen_at=timezone.now())
