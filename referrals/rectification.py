"""What the referrals app does when a case file is rectified (beneficiaries.rectification):
for each referral already sent that gave the body the old value of a corrected field (in its
frozen snapshot, or in an earlier correction), a task «Ενημέρωση φορέα για διόρθωση
στοιχείων» (old → new, as the body was given it and as it is now). The tasks show on «My work»
until done (requests.work.register_work_section), and on the body's own page of the referral,
where its staff see the corrected values and acknowledge them.

A referral revoked, or whose consent was withdrawn, gets no task: the body may no longer keep
the person's data, so it is sent no more of it (its page of the referral shows only a stub).
"""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from django.utils.translation import gettext as _

from beneficiaries import special_categories
from beneficiaries.models import Beneficiary
from community_centre.audit import log_access
from community_centre.models import AccessLog
from referrals.actions.rectification import rectification_task_create
from referrals.models import Disclosed, RectificationTask, Referral
from referrals.models.correction import item_label, special_category, special_item
from referrals.snapshot import disclosed_value
from requests.work import LIST_LIMIT, WorkSectionContent

# The case-file fields each disclosed item is read from (referrals.snapshot.disclosed_value);
# a special category's, from its own (beneficiaries.special_categories, item "special:<key>").
SOURCES: dict[str, set[str]] = {
    Disclosed.NAME: {"surname", "given_name"},
    Disclosed.DATE_OF_BIRTH: {"date_of_birth"},
    Disclosed.AMKA: {"amka"},
    Disclosed.AFM: {"afm"},
    Disclosed.PHONE: {"phone_mobile", "phone_other"},
    Disclosed.ADDRESS: {"address", "postal_code", "settlement"},
}

# The household member's fields the snapshot's household lists (referrals.snapshot._household).
MEMBER_SOURCES = {"surname", "given_name", "relationship", "date_of_birth"}


def _value(referral: Referral, field: str, person: Beneficiary):
    """What the item `field` of `referral` reads of `person` (as it was, or as it is now)."""
    if (category := special_category(field)) is not None:
        return category.value(person)
    return disclosed_value(Referral(beneficiary=person, reason=referral.reason), field)


def told(referral: Referral) -> dict:
    """What the body was last given of each item: the snapshot (its special categories as
    "special:<key>"), as corrected by the referral's earlier tasks (oldest first: the latest
    correction wins)."""
    values = dict(referral.snapshot.get("values", {}))
    values |= {special_item(k): v for k, v in referral.snapshot.get("special", {}).items()}
    for task in sorted(referral.rectification_tasks.all(), key=lambda t: (t.created_at, t.pk)):
        values.update({item["field"]: item["new"] for item in task.items})
    return values


def corrected_items(referral: Referral, fields: list[str], before, after) -> list[dict]:
    """The items of `fields` the body was given with the value `before` had (at sending, or
    by an earlier correction), which `after` no longer has: [{"field", "old", "new"}], in the
    order of `Disclosed`, then the special categories'."""
    values = told(referral)
    items = []
    for field in fields:
        if field not in values:
            continue
        old, new = _value(referral, field, before), _value(referral, field, after)
        if values[field] == old and old != new:
            items.append({"field": field, "old": old, "new": new})
    return items


def on_rectification(*, rectification, before, after) -> None:
    """The listener registered with beneficiaries.rectification: one task per referral."""
    changed = set(rectification.changes)
    if rectification.member_id:  # a household member: what the snapshot's household lists
        fields = [Disclosed.HOUSEHOLD.value] if MEMBER_SOURCES & changed else []
    else:
        fields = [c.value for c in Disclosed if SOURCES.get(c.value, set()) & changed]
        categories = special_categories.CATEGORIES
        fields += [special_item(c.key) for c in categories if set(c.fields) & changed]
    if not fields:
        return
    referrals = (
        Referral.objects.filter(
            beneficiary_id=after.pk, sent_at__isnull=False, consent_withdrawn_on__isnull=True
        )  # fmt: skip
        .exclude(status=Referral.Status.REVOKED)
        .prefetch_related("rectification_tasks")
        .order_by("pk")
    )
    for referral in referrals:
        items = corrected_items(referral, fields, before, after)
        if items:
            rectification_task_create(referral=referral, rectification=rectification, items=items)


# --- «My work» ------------------------------------------------------------------------------

PERSON_FIELDS = ("beneficiary__surname", "beneficiary__given_name")
REFERRER_FIELDS = tuple(
    f"referral__referred_by__{name}" for name in ("first_name", "last_name", "username")
)


def open_tasks(*, user, worker, today: date, calendar=None) -> WorkSectionContent:
    """The first LIST_LIMIT open tasks, oldest first: the worker's (they sent the referral or
    the person is theirs), everyone's for the coordinator. One query."""
    queryset = (
        RectificationTask.objects.visible_to(user).open().for_worker(worker)
        .select_related("beneficiary", "referral__body", "referral__referred_by")
        .only("created_at", "status", "items", "beneficiary", "referral__protocol_year",
              "referral__protocol_number", "referral__body__name", *PERSON_FIELDS,
              *REFERRER_FIELDS)
        .order_by("created_at", "pk")
    )  # fmt: skip
    tasks = list(queryset[:LIST_LIMIT])
    return WorkSectionContent(
        context={"rectification_tasks": tasks, "rectification_tasks_limit": LIST_LIMIT},
        people={t.beneficiary_id for t in tasks},
    )


# --- the partner body's page ----------------------------------------------------------------


def partner_corrections(request: HttpRequest, referral: Referral) -> list[RectificationTask]:
    """The corrections of what the referral disclosed to the body, for its own page: only while
    the body may read the referral's data; each reading in the access log."""
    if not referral.body_sees_snapshot:
        return []
    tasks = list(referral.rectification_tasks.order_by("created_at", "pk"))
    if tasks:
        log_access(request, referral.beneficiary_id, AccessLog.Action.VIEW_SECTION,
                   _("Διόρθωση στοιχείων παραπομπής %s (φορέας)") % referral.protocol)  # fmt: skip
    return tasks


def corrected(items: list[tuple[str, list[str]]], tasks: list[RectificationTask]) -> list[tuple]:
    """The snapshot's items (Referral.disclosed_items) with each corrected one as it is now:
    (label, lines, the day it was corrected or None), the latest correction winning."""
    latest: dict[str, tuple] = {}
    for task in tasks:  # oldest first
        for item in task.items:
            latest[item_label(item["field"])] = (item["new"], task.created_at)
    rows = []
    for label, lines in items:
        if label in latest:
            value, on = latest[label]
            rows.append((label, value if isinstance(value, list) else [value], on))
        else:
            rows.append((label, lines, None))
    return rows


def corrected_name(name: str, tasks: list[RectificationTask]) -> str:
    """The person's name as disclosed, or as corrected since."""
    for task in reversed(tasks):  # newest first
        for item in task.items:
            if item["field"] == Disclosed.NAME:
                return item["new"]
    return name
