"""The printed referral slip for the Centre's staff: rendered on the first print after sending,
then always the stored bytes (reprinted exactly as it was given)."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from community_centre.audit import log_access
from community_centre.models import AccessLog
from community_centre.pdf import pdf_response
from referrals.actions.slip import slip_issue
from referrals.models import Referral, ReferralSlip
from referrals.views.referral import get_referral


def slip_filename(referral: Referral) -> str:
    return f"parapempitiko-{referral.protocol_year}-{referral.protocol_number:06d}.pdf"


def stored_slip(slip: ReferralSlip) -> bytes:
    with slip.pdf.open("rb") as stored:
        return stored.read()


@require_GET
@permission_required("referrals.view_referral", raise_exception=True)
def referral_slip(request: HttpRequest, pk: int) -> HttpResponse:
    referral = get_referral(request, pk)
    if referral.sent_at is None:
        raise Http404  # a draft has no slip: nothing was sent, nothing numbered
    slip = slip_issue(referral=referral, actor=request.user)
    log_access(request, referral.beneficiary, AccessLog.Action.PRINT,
               _("Παραπεμπτικό σημείωμα %s") % referral.protocol)  # fmt: skip
    return pdf_response(stored_slip(slip), slip_filename(referral))
