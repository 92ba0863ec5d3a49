"""What the referrals app adds to the subject-access export: each referral with what it
disclosed (the frozen snapshot) to which body and when, on what basis, its status history and
outcome, and its printed slip (the PDF in the ZIP)."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from beneficiaries.subject_access.registry import register_part
from beneficiaries.subject_access.roles import register_partner_bodies
from beneficiaries.subject_access.values import Group, Record, fields_of, item
from referrals.models import (
    PartnerMembership,
    RectificationTask,
    Referral,
    ReferralDocument,
    ReferralSlip,
    ReferralStatusChange,
)


def _moved(change: ReferralStatusChange) -> str:
    return f"{change.get_from_status_display() or '—'} → {change.get_to_status_display()}"


def slip_path(slip: ReferralSlip, referral: Referral) -> str:
    number = referral.protocol.replace("/", "-") or str(referral.pk)
    return f"referral-slips/{number}-{referral.pk}.pdf"


def _referrals(beneficiary):
    history = Prefetch("history", ReferralStatusChange.objects.order_by("at", "pk"))
    tasks = Prefetch("rectification_tasks", RectificationTask.objects.order_by("created_at", "pk"))
    return (
        Referral.objects.filter(beneficiary=beneficiary)
        .select_related("body", "service", "assistance_request__category", "referred_by", "slip")
        .prefetch_related(history, tasks)
        .order_by("created_at", "pk")
    )


def _slip(referral: Referral) -> ReferralSlip | None:
    try:
        return referral.slip
    except ReferralSlip.DoesNotExist:
        return None


def _disclosed(referral: Referral) -> Group:
    """What the body received, as frozen when the referral was sent (nothing for a draft)."""
    lines = [
        Record(label, [item("item", _("Στοιχείο"), label), item("value", _("Τιμή"), values)])
        for label, values in referral.disclosed_items()
    ]
    return Group("disclosed", _("Τι γνωστοποιήθηκε στον φορέα"), lines)


def referral_record(referral: Referral) -> Record:
    slip = _slip(referral)
    items = [item("protocol", _("Αριθμός πρωτοκόλλου"), referral.protocol)]
    items += fields_of(referral, exclude=("protocol_year", "protocol_number"))
    # The snapshot as it was frozen, for the JSON (the PDF prints it as a list, below).
    items.append(item("snapshot", _("Στιγμιότυπο"), referral.snapshot, ""))
    if slip is not None:
        items.append(item("slip_file", _("Παραπεμπτικό σημείωμα"), slip_path(slip, referral)))
        items.append(item("slip_printed_at", _("Τυπώθηκε"), slip.printed_at))
    history = [
        Record(_moved(change), fields_of(change, exclude=("id", "referral")))
        for change in referral.history.all()
    ]
    corrections = [
        Record(str(task), fields_of(task, exclude=("id", "referral", "beneficiary")))
        for task in referral.rectification_tasks.all()
    ]
    groups = [
        _disclosed(referral),
        Group("status_history", _("Ιστορικό κατάστασης"), history),
        Group("corrections", _("Ενημερώσεις του φορέα για διορθώσεις"), corrections),
    ]
    return Record(_("Παραπομπή %(referral)s") % {"referral": referral}, items, groups)


def referrals(beneficiary) -> list[Record]:
    return [referral_record(referral) for referral in _referrals(beneficiary)]


def slip_files(beneficiary):
    for referral in _referrals(beneficiary):
        slip = _slip(referral)
        if slip is not None:
            yield slip_path(slip, referral), slip.pdf


def partner_bodies(user_ids) -> dict[int, str]:
    """The body each partner account works for: a reader is named by role and body."""
    memberships = PartnerMembership.objects.filter(user_id__in=list(user_ids)).select_related(
        "body"
    )
    return {m.user_id: m.body.name for m in memberships}


def register() -> None:
    """Called by ReferralsConfig.ready()."""
    register_partner_bodies(partner_bodies)
    register_part(
        "referrals",
        gettext_lazy("Παραπομπές: τι γνωστοποιήθηκε, σε ποιον και πότε"),
        referrals,
        order=200,
        files=slip_files,
        models=(Referral, ReferralStatusChange, ReferralDocument, ReferralSlip, RectificationTask),
    )
