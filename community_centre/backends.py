"""Permissions come from roles in force, never from per-user grants (DESIGN.md §6)."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from community_centre.staff_models import CONFIRMED_ROLES, RoleGrant


class RoleBackend(ModelBackend):
    """Django's username/password backend whose permissions are those of the user's roles.

    A role counts while its grant is in force; a role that reads personal data (case files, or a
    partner body's referrals) never counts for an administrator's (staff) or a superuser's
    account, however the grant came to exist, nor for an account whose password an
    administrator chose and its holder has not yet changed.
    """

    def _get_user_permissions(self, user_obj):
        return Permission.objects.none()

    def _get_group_permissions(self, user_obj):
        roles = RoleGrant.objects.in_force().filter(user=user_obj)
        if user_obj.is_staff or user_obj.is_superuser or user_obj.must_change_password:
            roles = roles.exclude(role__in=CONFIRMED_ROLES)
        return Permission.objects.filter(group__name__in=roles.values("role"))
