"""What each role may do, as model permissions (DESIGN.md §6); no database access here.

Permissions are written "app_label.model.action" ("*" stands for add, change, delete and view)
or "app_label.codename". `sync_roles()` (community_centre.roles) writes them into the groups.
"""

from __future__ import annotations

from functools import cache

from community_centre.staff_models import CONFIRMED_ROLES, Role

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
    "referrals.referral",
    "referrals.referralstatuschange",
    "referrals.referraldocument",
    "services.benefitapplication",
    "services.applicationdocument",
    "services.applicationstatuschange",
    "services.counsellingsession",
    "services.sessionseries",
    "services.event",
    "services.eventattendance",
]
# The partner directory: caseworkers keep it up to date at the desk (a phone number, new hours),
# administrators in the admin; nobody deletes a body or a service (they are taken out of use).
DIRECTORY_MODELS = ["referrals.partnerbody", "referrals.partnerservice"]
DIRECTORY_PERMISSIONS = [f"{m}.{a}" for m in DIRECTORY_MODELS for a in ("view", "add", "change")]
# The programme catalogue, the same way (a programme is taken out of use, never deleted; a line
# of its checklist may be removed).
PROGRAMME_PERMISSIONS = [
    *(f"services.programme.{a}" for a in ("view", "add", "change")),
    "services.programmedocument.*",
]
REFERENCE_MODELS = [
    "community_centre.centreprofile",
    "community_centre.settlement",
    "community_centre.localholiday",
    "community_centre.holidayadjustment",
    "beneficiaries.documenttype",
    "beneficiaries.needcategory",
    "requests.requestcategory",
    "services.eeerate",
]
# The ΕΕΕ screening at the desk: caseworkers only (administrators keep its amounts).
EEE_CALCULATOR = "services.use_eee_calculator"
# The monthly Ε.Π.Σ. report, its exports and sign-off, and the dashboard: the coordinator's
# (permissions of reporting's SignedReport model). Social workers have «Η εργασία μου».
REPORTING_PERMISSIONS = [
    "reporting.view_report",
    "reporting.sign_off_report",
    "reporting.view_dashboard",
]
# The subject-access export (GDPR art. 15): the whole file, with who consulted it. Caseworkers
# only, never administrators (beneficiaries.subject_access).
SUBJECT_ACCESS = "beneficiaries.export_subject_access"
# What a partner body's staff do: read the referrals sent to their body (their queryset narrows
# them) and answer them. No case file, no directory, no report.
PARTNER_PERMISSIONS = [
    "referrals.view_referral",
    "referrals.answer_referral",
    "referrals.view_referralstatuschange",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.SOCIAL_WORKER: [
        *(f"{m}.*" for m in CASE_FILE_MODELS),
        "community_centre.view_settlement",
        "requests.requestcategory.view",
        EEE_CALCULATOR,
        SUBJECT_ACCESS,
        *DIRECTORY_PERMISSIONS,
        *PROGRAMME_PERMISSIONS,
    ],
    Role.COORDINATOR: [
        *(f"{m}.*" for m in CASE_FILE_MODELS),
        "community_centre.view_settlement",
        "community_centre.view_accesslog",
        "community_centre.confirm_rolegrant",
        "requests.requestcategory.view",
        "requests.view_all_work",
        # Only the coordinator imports a register: the mapping, the preview and the error
        # report show the people's data, which administrators must never read.
        "beneficiaries.import_register",
        # Retention (beneficiaries.retention): the policies, their runs, a file's legal hold.
        "beneficiaries.manage_retention",
        "beneficiaries.set_legal_hold",
        *REPORTING_PERMISSIONS,
        EEE_CALCULATOR,
        SUBJECT_ACCESS,
        *DIRECTORY_PERMISSIONS,
        *PROGRAMME_PERMISSIONS,
    ],
    Role.ADMINISTRATOR: [
        *(f"{m}.*" for m in REFERENCE_MODELS),
        "community_centre.user.*",
        "community_centre.rolegrant.add",
        "community_centre.rolegrant.change",
        "community_centre.rolegrant.view",
        "community_centre.staffevent.view",
        "auth.group.view",
        *DIRECTORY_PERMISSIONS,
        *PROGRAMME_PERMISSIONS,
        "referrals.partnermembership.*",
    ],
    Role.PARTNER: PARTNER_PERMISSIONS,
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
    """ "app_label.codename" of every permission of a role that reads personal data (case-file
    roles and partner bodies) that administrators lack: reading and changing case files and
    referrals, the access log, confirming roles. Never a superuser's."""
    caseworker = set().union(*(permission_names(ROLE_PERMISSIONS[r]) for r in CONFIRMED_ROLES))
    administrator = permission_names(ROLE_PERMISSIONS[Role.ADMINISTRATOR])
    return frozenset(f"{app}.{codename}" for app, codename in caseworker - administrator)
