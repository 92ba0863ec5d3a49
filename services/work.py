"""What the services app adds to «My work» (requests.work.register_work_section): the desk
tools of benefit applications (the ΕΕΕ screening calculator: no query, no person), the
applications to submit and the renewals due — the worker's own, or everyone's for the
coordinator (worker None)."""

from __future__ import annotations

from datetime import date

from community_centre.permissions import EEE_CALCULATOR
from requests.work import LIST_LIMIT, WorkSectionContent
from services.checklist import glance, missing_count, renewals_due_until
from services.models import BenefitApplication


def desk_tools(*, user, worker, today: date, calendar=None) -> WorkSectionContent:
    return WorkSectionContent(
        context={"can_screen_eee": user.has_perm(EEE_CALCULATOR)}, people=set()
    )


# --- benefit applications ------------------------------------------------------------------

# What the rows show: the application's dates and status, the person's and programme's name.
APPLICATION_FIELDS = (
    "status", "prepared_from", "submitted_on", "renewal_on", "renewed_by", "beneficiary",
    "programme", "worker", "beneficiary__surname", "beneficiary__given_name", "programme__name",
    "worker__first_name", "worker__last_name", "worker__username",
)  # fmt: skip


def _applications(user, worker):
    queryset = BenefitApplication.objects.visible_to(user)
    if worker is not None:
        queryset = queryset.filter(worker=worker)
    return queryset.select_related("beneficiary", "programme", "worker").only(*APPLICATION_FIELDS)


def applications_to_submit(*, user, worker, today: date, calendar=None) -> WorkSectionContent:
    """Applications in preparation, the oldest first, with their missing documents (one
    query; served by application_to_submit and application_to_submit_worker)."""
    queryset = _applications(user, worker).to_submit().order_by("prepared_from", "pk")
    rows = glance(
        list(queryset.annotate(missing=missing_count(today))[:LIST_LIMIT]), today, calendar
    )
    return WorkSectionContent(
        context={"applications_to_submit": rows, "applications_limit": LIST_LIMIT},
        people={a.beneficiary_id for a in rows},
    )


def renewals_due(*, user, worker, today: date, calendar=None) -> WorkSectionContent:
    """Submitted or approved applications whose renewal is reminded today (from 20 working days
    before the renewal date) or overdue, the soonest first (one query; application_renewal_due
    and application_renewal_worker)."""
    until = renewals_due_until(today, calendar)
    queryset = _applications(user, worker).renewals_due(until).order_by("renewal_on", "pk")
    rows = list(queryset[:LIST_LIMIT])
    for application in rows:
        application.renewal_overdue = application.renewal_overdue_on(today)
    return WorkSectionContent(
        context={"renewals_due": rows, "renewals_due_until": until},
        people={a.beneficiary_id for a in rows},
    )
