"""Signing a month off and re-opening it: the reporting app's only writes.

`sign_off(period, user)` stores the month's figures, counted at that moment, as the exact
kk-report JSON text with signed_off=True; `reopen(period, user, reason)` takes the signed report
out of force (it is kept, never deleted) with the reason, so that the month can be signed again.
Both hold an advisory lock named by the period for their transaction, so a double click or two
coordinators at once sign a month once. Refusals are `SignOffError`s with a Greek message.
"""

from __future__ import annotations

from dataclasses import replace

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reporting.figures import build_report
from reporting.models import Reopening, SignedReport
from reporting.period import Period
from reporting.signoff import document_text

REASON_MAX = 1000
# An arbitrary constant that keeps these locks apart from other advisory locks.
_NAMESPACE = 0x51C0


class SignOffError(ValueError):
    """The month cannot be signed off or re-opened; the message says why, in Greek."""


def _hold(period: Period) -> None:
    """Until the transaction ends, be the only one signing or re-opening `period`."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, %s)", [_NAMESPACE, period.first.toordinal()]
        )


def can_sign(period: Period) -> str | None:
    """Why `period` cannot be signed off (a Greek sentence), or None when it can."""
    if not period.is_month:
        return _("Υπογράφεται μόνο ολόκληρος ημερολογιακός μήνας, όχι ένα διάστημα ημερών.")
    if not period.has_ended():
        return _("Ο μήνας δεν έχει τελειώσει ακόμη: υπογράφεται μετά την τελευταία του ημέρα.")
    return None


@transaction.atomic
def sign_off(period: Period, user) -> SignedReport:
    """Store the figures of the ended month `period` as signed by `user`."""
    if (reason := can_sign(period)) is not None:
        raise SignOffError(reason)
    _hold(period)
    if SignedReport.objects.in_force().of(period).exists():
        raise SignOffError(_("Ο μήνας %(month)s έχει ήδη υπογραφεί.") % {"month": period.label})
    now = timezone.now()
    report = replace(build_report(period, generated_at=now), signed_off=True, publication=False)
    text = document_text(report)
    row = SignedReport(
        period_first=period.first,
        period_last=period.last,
        document=text,
        sha256=SignedReport.digest(text),
        signed_by=user,
        signed_at=now,
    )
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def reopen(period: Period, user, reason: str) -> Reopening:
    """Take the signed report of `period` out of force, saying why; it is kept."""
    reason = (reason or "").strip()
    if not reason:
        raise SignOffError(_("Γράψτε γιατί ανοίγει ξανά ο μήνας."))
    if len(reason) > REASON_MAX:
        raise SignOffError(
            _("Η αιτιολογία δεν μπορεί να ξεπερνά τους %(count)d χαρακτήρες.")
            % {"count": REASON_MAX}
        )
    _hold(period)
    row = SignedReport.objects.in_force().of(period).select_for_update().first()
    if row is None:
        raise SignOffError(
            _("Ο μήνας %(month)s δεν είναι υπογεγραμμένος.") % {"month": period.label}
        )
    row.in_force = False
    row.save(update_fields=["in_force"])
    reopening = Reopening(
        signed_report=row, reopened_by=user, reopened_at=timezone.now(), reason=reason
    )
    reopening.full_clean()
    reopening.save()
    return reopening
