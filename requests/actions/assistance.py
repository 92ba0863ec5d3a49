"""Assistance requests: registration in the protocol book with a due date in working days,
status moves with their history, and corrections. Each action is one transaction, validates
before it saves, and raises `RequestError` with a Greek message when it refuses; a move or a
correction from a page opened before another change raises `StaleVersion`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from beneficiaries.models import Beneficiary
from community_centre.calendar import WorkingCalendar
from community_centre.models import User
from community_centre.protocol import next_protocol_number
from community_centre.versions import lock_unchanged
from requests.deadlines import start_day
from requests.exceptions import RequestError
from requests.models import AssistanceRequest, RequestCategory, RequestStatusChange
from requests.models.base import ProtocolNumbered

DEFAULT_NEXT_STEP = gettext_lazy("Εξέταση του αιτήματος από τον/την υπεύθυνο/η.")
# What a worker may correct after registration; receipt, channel and protocol number are facts.
EDITABLE_FIELDS = ["description", "category", "assigned_worker", "next_step"]


def refuse_future(received_at: datetime) -> None:
    if received_at > timezone.now():
        raise RequestError(_("Η παραλαβή δεν μπορεί να είναι μελλοντική."))


def take_protocol_number(record: ProtocolNumbered) -> None:
    """Give `record` the next number of this year's protocol book (the counter's row stays
    locked until the transaction ends, so a rollback gives the number back)."""
    year = timezone.localdate().year
    record.protocol_year, record.protocol_number = year, next_protocol_number(year)


def set_due_date(
    item: AssistanceRequest, category: RequestCategory, calendar: WorkingCalendar | None = None
) -> None:
    """The category's usual handling time, counted in working days from the day of receipt."""
    calendar = calendar or WorkingCalendar()
    item.due_working_days = category.due_working_days
    item.due_date = calendar.add_working_days(
        start_day(item.received_at), category.due_working_days
    )


@transaction.atomic
def request_create(
    *,
    beneficiary: Beneficiary,
    received_at: datetime,
    channel: str,
    category: RequestCategory,
    description: str,
    assigned_worker: User | None,
    next_step: str = "",
    actor: User,
) -> AssistanceRequest:
    """Register a new request: protocol number, due date, status «new» and its first history row."""
    refuse_future(received_at)
    if not category.is_active:
        raise RequestError(_("Η κατηγορία «%(name)s» δεν είναι πια σε χρήση.") % {"name": category})
    now = timezone.now()
    item = AssistanceRequest(
        beneficiary=beneficiary,
        received_at=received_at,
        channel=channel,
        category=category,
        description=description.strip(),
        assigned_worker=assigned_worker,
        status=AssistanceRequest.Status.NEW,
        next_step=next_step.strip() or str(DEFAULT_NEXT_STEP),
        last_action_at=now,
        created_by=actor,
    )
    set_due_date(item, category)
    take_protocol_number(item)
    item.full_clean()
    item.save()
    RequestStatusChange.objects.create(
        request=item, from_status="", to_status=item.status, actor=actor
    )
    return item


@dataclass(frozen=True)
class Move:
    """What a status move carries besides the new status."""

    note: str = ""
    next_step: str = ""
    referred_to: str = ""
    confirmed: bool = False  # a final move was confirmed by the worker


def move_problems(to_status: str, move: Move) -> dict[str, str]:
    """What a move to `to_status` lacks, by the form field that should carry it (Greek)."""
    problems = {}
    if AssistanceRequest.is_final(to_status):
        if not move.note.strip():
            problems["note"] = (
                _("Γράψτε την έκβαση του αιτήματος.")
                if to_status == AssistanceRequest.Status.COMPLETED
                else _("Γράψτε την αιτιολογία.")
            )
        if not move.confirmed:
            problems["confirm"] = _("Επιβεβαιώστε ότι το αίτημα κλείνει οριστικά.")
    if to_status == AssistanceRequest.Status.REFERRED and not move.referred_to.strip():
        problems["referred_to"] = _("Γράψτε σε ποιον φορέα παραπέμφθηκε.")
    return problems


def _check_move(locked: AssistanceRequest, to_status: str, move: Move) -> None:
    """Refuse a move the rules do not allow, or one without what it must carry."""
    if not locked.can_move_to(to_status):
        raise RequestError(
            _("Το αίτημα δεν μπορεί να περάσει από «%(from)s» σε «%(to)s».")
            % {
                "from": locked.get_status_display(),
                "to": AssistanceRequest.Status(to_status).label,
            }
        )
    problems = move_problems(to_status, move)
    if problems:
        raise RequestError(" ".join(problems.values()))


@transaction.atomic
def request_move(
    *,
    assistance_request: AssistanceRequest,
    to_status: str,
    expected_version: datetime | None,
    note: str = "",
    next_step: str = "",
    referred_to: str = "",
    confirmed: bool = False,
    actor: User,
) -> AssistanceRequest:
    """Move the request to `to_status` if TRANSITIONS allow it, with a history row; only from
    the version the page was opened at (`StaleVersion` otherwise, nothing saved).

    A final move (completed, rejected, withdrawn) needs its outcome or reason and a
    confirmation, and clears the next step; a referral names the body. Any other move sets the
    next step to what the form carries (the current one, edited or emptied), so that a letter
    never prints a stale next step.
    """
    move = Move(note=note, next_step=next_step, referred_to=referred_to, confirmed=confirmed)
    if to_status not in AssistanceRequest.Status.values:
        raise RequestError(_("Άγνωστη κατάσταση αιτήματος."))
    locked = lock_unchanged(AssistanceRequest, assistance_request.pk, expected_version)
    _check_move(locked, to_status, move)
    note = move.note.strip()
    if to_status == AssistanceRequest.Status.REFERRED:
        locked.referred_to = move.referred_to.strip()
        note = _("Προς: %(body)s") % {"body": locked.referred_to} + (f" — {note}" if note else "")
    RequestStatusChange.objects.create(
        request=locked, from_status=locked.status, to_status=to_status, note=note, actor=actor
    )
    locked.status = to_status
    locked.last_action_at = timezone.now()
    locked.next_step = _next_step_after(locked, to_status, move)
    if AssistanceRequest.is_final(to_status):
        locked.outcome = move.note.strip()
    locked.full_clean()
    locked.save(
        update_fields=[
            "status", "last_action_at", "next_step", "referred_to", "outcome", "updated_at",
        ]
    )  # fmt: skip
    return locked


def _next_step_after(locked: AssistanceRequest, to_status: str, move: Move) -> str:
    if AssistanceRequest.is_final(to_status):
        return ""
    if to_status == AssistanceRequest.Status.REFERRED and not move.next_step.strip():
        return _("Αναμονή απάντησης από: %(body)s") % {"body": locked.referred_to}
    return move.next_step.strip()


@transaction.atomic
def request_update(
    *, assistance_request: AssistanceRequest, expected_version: datetime | None, actor: User
) -> AssistanceRequest:
    """Save the corrections typed on `assistance_request` unless it changed since the form was
    opened at `expected_version` (`StaleVersion`, nothing saved).

    A new category brings its own handling time: the due date is computed again from the day
    of receipt, never typed. The change itself is in the audit log, with `actor`'s name.
    """
    locked = lock_unchanged(AssistanceRequest, assistance_request.pk, expected_version)
    item = assistance_request
    if item.category_id != locked.category_id:
        set_due_date(item, item.category)
    item.last_action_at = timezone.now()
    item.full_clean()
    item.save(
        update_fields=[*EDITABLE_FIELDS, "due_working_days", "due_date", "last_action_at"]
        + ["updated_at"]
    )
    return item
