"""The referrals of one assistance request, on the request's page (requests.panels): each with
its body, status and outcome, so that the loop closes where the request is followed."""

from __future__ import annotations

from referrals.models import Referral


def request_referrals(assistance_request, user) -> dict:
    """The request's referrals, newest first, in one query."""
    referrals = (
        Referral.objects.visible_to(user)
        .filter(assistance_request=assistance_request)
        .select_related("body", "service")
        .order_by("-created_at", "-pk")
    )
    return {"request_referrals": list(referrals)}
