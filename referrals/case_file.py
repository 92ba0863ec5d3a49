"""What the referrals app adds to a case file (beneficiaries.sections.register_section): the
person's referrals, newest first, with body, service, status and outcome, in one query."""

from __future__ import annotations

from referrals.models import Referral

LIST_LIMIT = 50


def case_file_referrals(beneficiary, user) -> dict:
    """Context for templates/referrals/includes/case_file_referrals.html."""
    referrals = (
        Referral.objects.visible_to(user)
        .filter(beneficiary=beneficiary)
        .select_related("body", "service", "referred_by")
        .order_by("-created_at", "-pk")[:LIST_LIMIT]
    )
    return {"case_file_referrals": list(referrals)}
