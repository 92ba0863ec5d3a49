"""The roles as groups that hold their model permissions (community_centre.permissions).

`sync_roles()` is idempotent and cheap when nothing changed; it runs after every `migrate`
(post_migrate, as Django creates permissions), and reference-data loading calls it too.
Nobody is a member of these groups: `RoleBackend` gives a user the permissions of the roles of
their grants in force.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

from community_centre.permissions import ROLE_PERMISSIONS, permission_names

# Reading case files is what every case-file role may do; its permission stands for them all.
CASE_FILE_PERMISSION = "beneficiaries.view_beneficiary"


def can_read_case_files(user) -> bool:
    """Caseworkers read case files; administrators (superusers included) run the system only."""
    return (
        user.is_authenticated
        and user.is_active
        and not user.is_superuser
        and user.has_perm(CASE_FILE_PERMISSION)
    )


# What only a partner body's staff may do (community_centre.permissions.PARTNER_PERMISSIONS).
PARTNER_PERMISSION = "referrals.answer_referral"


def is_partner(user) -> bool:
    """Staff of a partner body (role in force): they reach only the pages marked `partner_page`
    (PartnerBoundaryMiddleware); which body is theirs, referrals.PartnerMembership says."""
    return (
        user.is_authenticated
        and user.is_active
        and not user.is_superuser
        and user.has_perm(PARTNER_PERMISSION)
    )


def partner_page(view):
    """Mark a view as one a partner body's staff may open (their inbox and referral pages);
    every other page answers them 403. The view still fetches through `visible_to`."""
    view.partner_page = True
    return view


def _permission_ids() -> dict[tuple[str, str], int]:
    wanted = set().union(*(permission_names(p) for p in ROLE_PERMISSIONS.values()))
    apps = {app for app, _codename in wanted}
    rows = Permission.objects.filter(content_type__app_label__in=apps).values_list(
        "content_type__app_label", "codename", "pk"
    )
    return {(app, codename): pk for app, codename, pk in rows if (app, codename) in wanted}


def sync_roles() -> dict[str, Group]:
    """Create or update the role groups so that each has exactly its permissions (those that
    exist yet: during `migrate`, apps' permissions appear one app after the other)."""
    ids = _permission_ids()
    groups = {}
    for role, patterns in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        wanted = {ids[name] for name in permission_names(patterns) if name in ids}
        if set(group.permissions.values_list("pk", flat=True)) != wanted:
            group.permissions.set(wanted)
        groups[role] = group
    return groups


def sync_roles_after_migrate(sender, **kwargs) -> None:
    """post_migrate receiver, called once per app after Django created that app's permissions."""
    sync_roles()
