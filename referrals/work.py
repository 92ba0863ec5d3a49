"""What the referrals app adds to «My work» (requests.work.register_work_section): the overdue
referrals — sent and not answered, or accepted and without outcome, past their follow-up date
(`Referral.objects.overdue_on`, the one rule) — the worker's own (those they referred), or
everyone's for the coordinator. One query, whatever the number of referrals."""

from __future__ import annotations

from datetime import date

from referrals.models import Referral
from requests.work import LIST_LIMIT, WorkSectionContent

# What the rows show of the person: their name (a case file row is wide).
PERSON_FIELDS = ("beneficiary__surname", "beneficiary__given_name")
# What the rows show of the referral (its snapshot, reason and outcome are not read).
OWN_FIELDS = (
    "protocol_year", "protocol_number", "status", "follow_up_on", "beneficiary", "body",
    "referred_by",
)  # fmt: skip


def overdue_referrals(*, user, worker, today: date, calendar=None) -> WorkSectionContent:
    """The first LIST_LIMIT overdue referrals, most overdue first (served by the partial indexes
    referral_followed_worker for one worker and referral_followed_due for everyone)."""
    queryset = Referral.objects.visible_to(user).overdue_on(today)
    if worker is not None:
        queryset = queryset.filter(referred_by=worker)
    queryset = (
        queryset.select_related("beneficiary", "body", "referred_by")
        .only(*OWN_FIELDS, *PERSON_FIELDS, "body__name", *_user_fields())
        .order_by("follow_up_on", "pk")
    )
    referrals = list(queryset[:LIST_LIMIT])
    return WorkSectionContent(
        context={"overdue_referrals": referrals, "overdue_referrals_limit": LIST_LIMIT},
        people={r.beneficiary_id for r in referrals},
    )


def _user_fields() -> tuple[str, ...]:
    return ("referred_by__first_name", "referred_by__last_name", "referred_by__username")
