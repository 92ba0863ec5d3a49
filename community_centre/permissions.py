"""What each role may do, as model permissions (DESIGN.md §6); no database access here.

Permissions are written "app_label.model.action" ("*" stands for add, change, delete and view)
or "app_label.codename". `sync_roles()` (community_centre.roles) writes them into the groups.
"""

from __future__ import annotations

from functools import cache

from community_centre.staff_models import CASE_FILE_ROLES, Role

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
        "community_centre.confirm_rolegrant",
        "requests.requestcategory.view",
        "requests.view_all_work",
    ],
    Role.ADMINISTRATOR: [
        *(f"{m}.*" for m in REFERENCE_MODELS),
        "community_centre.user.*",
        "community_centre.rolegrant.add",
        "community_centre.rolegrant.change",
        "community_centre.rolegrant.view",
        "community_centre.staffevent.view",
        "auth.group.view",
    ],
}


def permission_names(patterns: list[str]) -> set[tuple[str, str]]:
    """(app_label, codename) pairs of the permission patterns."""
    names = set()
    for pattern in patterns:
        app_label, rest = pattern.split(".", 1)
        if "." in rest:
            model, action = rest.split(".")
            actions = ["add", "change", "delete", "view"] if action == "*" else [action]
            names |= {(app_label, f"{a}_{model}") for a in actions}
        else:
            names.add((app_label, rest))
    return names


@cache
def case_file_permissions() -> frozenset[str]:
    """ "app_label.codename" of every permission of a case-file role that administrators lack:
    reading and changing case files, the access log, confirming roles. Never a superuser's."""
    caseworker = set().union(*(permission_names(ROLE_PERMISSIONS[r]) for r in CASE_FILE_ROLES))
    administrator = permission_names(ROLE_PERMISSIONS[Role.ADMINISTRATOR])
    return frozenset(f"{app}.{codename}" for app, codename in caseworker - administrator)
