"""Deadlines at risk: how many items of each kind are overdue or due soon today, by the rules
«Η εργασία μου» and the lists use (requests.due, Referral.objects.overdue_on,
BenefitApplication.objects.renewals_due), each count a link to the list that shows them.

Information and document requests have no list of their own: their links open «Η εργασία μου»
for everyone, at their section. Referrals have only «overdue» (past the follow-up date); a
renewal is «due soon» from 20 working days before its date (services.checklist).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from community_centre.calendar import WorkingCalendar
from referrals.models import Referral
from requests.due import due_soon_until
from requests.models import AssistanceRequest, DocumentRequest, InformationRequest
from requests.views.my_work import EVERYONE
from services.checklist import renewals_due_until
from services.forms.applications import RENEWAL_DUE
from services.models import BenefitApplication


@dataclass(frozen=True)
class DeadlineRow:
    key: str
    label: str
    overdue: int
    due_soon: int | None  # None: the kind has no «due soon»
    overdue_url: str
    due_soon_url: str
    soon_means: str  # what «due soon» means for this kind


def _url(name: str, anchor: str = "", **query) -> str:
    url = reverse(name)
    if query:
        url += "?" + urlencode(query)
    return url + (f"#{anchor}" if anchor else "")


def deadlines(*, user, today: date, calendar: WorkingCalendar) -> list[DeadlineRow]:
    """One row per kind (two counts each, one for referrals: nine queries in all)."""
    soon = due_soon_until(today, calendar)
    renewals_until = renewals_due_until(today, calendar)
    my_work = {"worker": EVERYONE}
    three_days = str(_("έως 3 εργάσιμες"))
    rows = []
    for key, label, model, anchor in (
        ("information_requests", _("Αιτήματα ενημέρωσης"), InformationRequest, "information-title"),
        ("document_requests", _("Δικαιολογητικά που αναμένονται"), DocumentRequest,
         "documents-title"),
    ):  # fmt: skip
        items = model.objects.visible_to(user)
        url = _url("requests:my_work", anchor, **my_work)
        rows.append(DeadlineRow(
            key, str(label), items.overdue(on=today).count(),
            items.due_soon(on=today, until=soon).count(), url, url, three_days,
        ))  # fmt: skip
    requests = AssistanceRequest.objects.visible_to(user)
    rows.append(DeadlineRow(
        "requests", str(_("Αιτήματα")), requests.overdue(on=today).count(),
        requests.due_soon(on=today, until=soon).count(),
        _url("requests:list", overdue="on"), _url("requests:list"), three_days,
    ))  # fmt: skip
    referrals = Referral.objects.visible_to(user)
    rows.append(DeadlineRow(
        "referrals", str(_("Παραπομπές χωρίς απάντηση του φορέα")),
        referrals.overdue_on(today).count(), None,
        _url("referrals:list", overdue="on"), "", "",
    ))  # fmt: skip
    renewals = BenefitApplication.objects.visible_to(user).renewals_due(renewals_until)
    overdue_renewals = renewals.filter(renewal_on__lt=today).count()
    renewals_url = _url("services:application_list", show=RENEWAL_DUE)
    rows.append(DeadlineRow(
        "renewals", str(_("Ανανεώσεις αιτήσεων παροχών")), overdue_renewals,
        renewals.count() - overdue_renewals, renewals_url, renewals_url,
        str(_("έως 20 εργάσιμες")),
    ))  # fmt: skip
    return rows
