"""The referral list for staff: every referral, filtered by status, body, worker and overdue,
with the days since its last status change; in the access log with the people it shows."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from community_centre.audit import log_access
from community_centre.models import AccessLog
from referrals.filters import ReferralFilterForm
from referrals.models import Referral

PAGE_SIZE = 25
# What the rows show of the person and of the worker (a case file row is wide).
SHOWN = (
    "beneficiary__surname", "beneficiary__given_name", "body__name", "service__name",
    "referred_by__first_name", "referred_by__last_name", "referred_by__username",
)  # fmt: skip


def _rows(queryset):
    own = [field.name for field in Referral._meta.concrete_fields if field.name != "snapshot"]
    return queryset.select_related("beneficiary", "body", "service", "referred_by").only(
        *own, *SHOWN
    )


@require_GET
@permission_required("referrals.view_referral", raise_exception=True)
def referral_list(request: HttpRequest) -> HttpResponse:
    form = ReferralFilterForm(request.GET)
    today = timezone.localdate()
    queryset = form.filter(Referral.objects.visible_to(request.user), today)
    page = Paginator(_rows(queryset), PAGE_SIZE).get_page(request.GET.get("page"))
    for referral in page.object_list:
        referral.days_in_status = referral.days_in_status_on(today)
        referral.overdue = referral.is_overdue_on(today)
    shown = [referral.beneficiary_id for referral in page.object_list]
    log_access(request, None, AccessLog.Action.VIEW_LIST, _("Λίστα παραπομπών"), shown=shown)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "today": today, "query": query.urlencode()}
    return render(request, "referrals/referral_list.html", context)
