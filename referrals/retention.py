"""Anonymising the referrals of case files past their retention (beneficiaries.retention).

The snapshot (what was disclosed to the body) loses every identifier; what kind of data was
disclosed, to whom and when stays, as the record of the disclosure.
"""

from __future__ import annotations

from beneficiaries.retention.records import delete_files, scrub_rows
from beneficiaries.retention.scrub import REDACTED, Scrubber
from referrals.models import RectificationTask, Referral, ReferralSlip, ReferralStatusChange


def anonymise_referrals(ids: list[int], scrub: Scrubber, to_delete: list) -> int:
    referrals = Referral.objects.filter(beneficiary__in=ids)
    changed = scrub_rows(referrals, scrub, ["reason", "basis_note", "outcome"], json=["snapshot"])
    changed += scrub_rows(
        ReferralStatusChange.objects.filter(referral__in=referrals), scrub, ["note"]
    )
    slips = ReferralSlip.objects.filter(referral__in=referrals)
    changed += delete_files(slips, "pdf", to_delete)
    slips.update(sha256="")
    return changed + _anonymise_correction_tasks(ids, scrub)


def _anonymise_correction_tasks(ids: list[int], scrub: Scrubber) -> int:
    """A correction task keeps which items were corrected, not their old and new values (the
    old ones are in no other record the scrubber knows)."""
    changed = 0
    for task in RectificationTask.objects.filter(beneficiary__in=ids).only("pk", "items", "note"):
        items = [{**item, "old": REDACTED, "new": REDACTED} for item in task.items]
        RectificationTask.objects.filter(pk=task.pk).update(items=items, note=scrub.text(task.note))
        changed += 1
    return changed
