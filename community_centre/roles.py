"""The three roles as groups with model permissions (DESIGN.md §6).

`sync_roles()` is idempotent: reference-data loading and tests call it to (re)create the groups.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from community_centre.models import Role

# Permissions as "app_label.codename" patterns; "*" stands for add, change, delete and view.
CASE_FILE_MODELS = [
    "beneficiaries.beneficiary",
    "beneficiaries.householdmember",
    "beneficiaries.representative",
    "beneficiaries.consent",
    "beneficiaries.document",
    "beneficiaries.casenote",
    "beneficiaries.need",
    "beneficiaries.casestatuschange",
    "requests.assistancerequest",
    "requests.requeststatuschange",
    "requests.informationrequest",
    "requests.statusletter",
    "requests.documentrequest",
    "requests.documentrequestitem",
    "requests.appointment",
]
REFERENCE_MODELS = [
    "community_centre.centreprofile",
    "community_centre.settlement",
    "community_centre.localholiday",
    "community_centre.holidayadjustment",
    "beneficiaries.documenttype",
    "beneficiaries.needcategory",
    "requests.requestcategory",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.SOCIAL_WORKER: [
        *(f"{m}.*" for m in CASE_FILE_MODELS),
        "community_centre.view_settlement",
        "requests.requestcategory.view",
    ],
    Role.COORDINATOR: [
        *(f"{m}.*" for m in CASE_FILE_MODELS),
        "community_centre.view_settlement",
        "community_centre.view_accesslog",
        "requests.requestcategory.view",
        "requests.view_all_work",
    ],
    Role.ADMINISTRATOR: [
        *(f"{m}.*" for m in REFERENCE_MODELS),
        "community_centre.user.*",
        "auth.group.view",
    ],
}


def _permissions(patterns: list[str]) -> list[Permission]:
    condition = Q(pk__in=[])
    for pattern in patterns:
        app_label, rest = pattern.split(".", 1)
        if "." in rest:
            model, action = rest.split(".")
            actions = ["add", "change", "delete", "view"] if action == "*" else [action]
            codenames = [f"{a}_{model}" for a in actions]
        else:
            codenames = [rest]
        condition |= Q(content_type__app_label=app_label, codename__in=codenames)
    return list(Permission.objects.filter(condition))


def sync_roles() -> dict[str, Group]:
    """Create or update the role groups so that each has exactly its permissions."""
    groups = {}
    for role, patterns in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set(_permissions(patterns))
        groups[role] = group
    return groups
