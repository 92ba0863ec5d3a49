"""The rules of a benefit application's checklist and renewal, in one place.

- **Expansion**: a programme's checklist item «of the applicant» gives one line; «of every adult
  member» one for the applicant and one per covered member aged 18 or more on the day (a member
  without a date of birth counts as an adult: the document is asked rather than forgotten);
  «of every member» one for the applicant and one per covered member.
- **Where a line stands on a day** (`line_state`): not applicable when so marked; collected when
  ticked on the application, or when the line of the document request that asked for it was
  ticked as received; but a collected line whose file of the case file has expired by that day
  does not count: it shows as expired and is missing again.
- **Renewal reminder**: from RENEWAL_REMINDER_WORKING_DAYS working days before the renewal date
  (`reminder_from`), and every day after it until a newer application renews it. On a day D the
  reminded renewal dates are those up to `renewals_due_until(D)`; the two agree for every day
  (tests/services/test_checklist.py walks a year).
"""

from __future__ import annotations

import calendar as month_calendar
import enum
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from community_centre.calendar import WorkingCalendar
from community_centre.choices import ColoredChoices
from services.models import ApplicationDocument, ItemState, Scope

RENEWAL_REMINDER_WORKING_DAYS = 20
ADULT_AGE = 18


class LineState(ColoredChoices):
    COLLECTED = "collected", _("Συγκεντρώθηκε")
    MISSING = "missing", _("Λείπει")
    EXPIRED = "expired", _("Έληξε")
    NOT_APPLICABLE = "not_applicable", _("Δεν ισχύει")

    COLORS = enum.nonmember(
        {"collected": "success", "missing": "warning", "expired": "danger",
         "not_applicable": "secondary"}
    )  # fmt: skip


def age_on(born: date | None, day: date) -> int | None:
    if born is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def is_adult_on(member, day: date) -> bool:
    age = age_on(member.date_of_birth, day)
    return age is None or age >= ADULT_AGE


def whose(checklist, members, on: date) -> list[tuple]:
    """(checklist item, member or None for the applicant) for each line of an application,
    from its programme's `checklist` (in order) and the covered `members` (in order) on `on`."""
    pairs = []
    for item in checklist:
        pairs.append((item, None))
        if item.scope == Scope.ADULT_MEMBER:
            pairs += [(item, m) for m in members if is_adult_on(m, on)]
        elif item.scope == Scope.EVERY_MEMBER:
            pairs += [(item, m) for m in members]
    return pairs


def expand(checklist, members, on: date) -> list[ApplicationDocument]:
    """The unsaved lines of an application (see `whose`)."""
    return [
        ApplicationDocument(
            document_type_id=item.document_type_id,
            member=member,
            requirement=item.requirement,
            note=item.note,
            position=position,
        )
        for position, (item, member) in enumerate(whose(checklist, members, on))
    ]


def satisfying_document(line: ApplicationDocument):
    """The file of the case file the line is collected with: ticked on the application, or
    received on the document request's line; None when none (or not collected)."""
    if line.state == ItemState.COLLECTED:
        return line.document
    requested = line.requested_item
    if line.state == ItemState.MISSING and requested is not None and requested.received_on:
        return requested.received_document
    return None


def line_state(line: ApplicationDocument, on: date) -> LineState:
    """Where the line stands on `on` (reads line.document and line.requested_item: select them)."""
    if line.state == ItemState.NOT_APPLICABLE:
        return LineState.NOT_APPLICABLE
    requested = line.requested_item_id is not None and line.requested_item.received_on is not None
    if line.state != ItemState.COLLECTED and not requested:
        return LineState.MISSING
    document = satisfying_document(line)
    if document is not None and document.is_expired_on(on):
        return LineState.EXPIRED
    return LineState.COLLECTED


def is_missing(line: ApplicationDocument, on: date) -> bool:
    return line_state(line, on) in (LineState.MISSING, LineState.EXPIRED)


def is_to_request(line: ApplicationDocument, on: date) -> bool:
    """Missing, and not asked for on a document request still open (reads
    line.requested_item.document_request)."""
    requested = line.requested_item
    pending = requested is not None and requested.document_request.is_open
    return is_missing(line, on) and not (pending and requested.received_on is None)


@dataclass(frozen=True)
class Tally:
    collected: int
    missing: int
    not_applicable: int

    @property
    def total(self) -> int:
        return self.collected + self.missing + self.not_applicable


def tally(lines, on: date) -> Tally:
    states = [line_state(line, on) for line in lines]
    return Tally(
        collected=states.count(LineState.COLLECTED),
        missing=states.count(LineState.MISSING) + states.count(LineState.EXPIRED),
        not_applicable=states.count(LineState.NOT_APPLICABLE),
    )


def missing_condition(on: date, prefix: str = "") -> Q:
    """`is_missing` as SQL, for lines reached through `prefix` (e.g. "items__"): missing and not
    received on its document request, or collected with a file that expired before `on` (its
    own, or the one received on the request). The tests check both agree on every state."""
    p = prefix
    not_received = Q(**{f"{p}requested_item__isnull": True}) | Q(
        **{f"{p}requested_item__received_on__isnull": True}
    )
    received_expired = Q(**{f"{p}requested_item__received_document__expires_on__lt": on})
    return (Q(**{f"{p}state": ItemState.MISSING}) & (not_received | received_expired)) | (
        Q(**{f"{p}state": ItemState.COLLECTED}) & Q(**{f"{p}document__expires_on__lt": on})
    )


def missing_count(on: date):
    """The number of an application's lines missing on `on`, as a correlated subquery: in a
    list it is computed only for the rows shown (index applicationdoc_application)."""
    lines = (
        ApplicationDocument.objects.filter(application=OuterRef("pk"))
        .filter(missing_condition(on))
        .order_by()
        .values("application")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(lines, output_field=IntegerField()), 0)


def glance(applications, today: date, calendar: WorkingCalendar | None = None) -> list:
    """The applications (annotated with `missing`: missing_count) with `renewal_due` and
    `renewal_overdue` set for the rows of a list."""
    # The calendar reads the holidays (two queries): only when a renewal is to be told.
    renewing = any(application.reminds_renewal for application in applications)
    until = renewals_due_until(today, calendar) if renewing else today
    for application in applications:
        application.renewal_due = application.renewal_due_on(today, until)
        application.renewal_overdue = application.renewal_overdue_on(today)
    return applications


def document_problem(line: ApplicationDocument, document, beneficiary_id: int, on: date) -> str:
    """Why `document` cannot satisfy `line` on `on` ('' when it can)."""
    if document.beneficiary_id != beneficiary_id:
        return _("Το έγγραφο δεν ανήκει σε αυτόν τον φάκελο.")
    if document.document_type_id != line.document_type_id:
        return _("Το έγγραφο είναι άλλου είδους από το δικαιολογητικό που ζητείται.")
    if document.is_expired_on(on):
        return _("Το έγγραφο έληξε στις %(day)s· ανεβάστε ένα σε ισχύ.") % {
            "day": f"{document.expires_on:%d/%m/%Y}"
        }
    return ""


# --- renewal ---------------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it has fewer days)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, month_calendar.monthrange(year, month)[1]))


def default_renewal_on(programme, *, submitted_on: date | None, decided_on: date | None):
    """The decision date (else the submission date) plus the programme's renewal period; None
    for a programme that is not renewed or before submission."""
    start = decided_on or submitted_on
    if programme.renewal_months is None or start is None:
        return None
    return add_months(start, programme.renewal_months)


def reminder_from(renewal_on: date, calendar: WorkingCalendar | None = None) -> date:
    """The first day the renewal shows on «My work»: RENEWAL_REMINDER_WORKING_DAYS working days
    before the renewal date (which is not counted)."""
    calendar = calendar or WorkingCalendar()
    return calendar.add_working_days(renewal_on, -RENEWAL_REMINDER_WORKING_DAYS)


def renewals_due_until(today: date, calendar: WorkingCalendar | None = None) -> date:
    """The last renewal date reminded of on `today`: a renewal date R is reminded exactly when
    reminder_from(R) <= today, that is when fewer than 20 working days lie strictly between
    today and R, that is when R <= the 20th working day after today."""
    calendar = calendar or WorkingCalendar()
    return calendar.add_working_days(today, RENEWAL_REMINDER_WORKING_DAYS)


# --- the ΕΕΕ screening's household ------------------------------------------------------------


def household_counts(members, on: date) -> tuple[int, int]:
    """(adults, minors) of an application's household on `on`: the applicant (an adult) and the
    covered members by their age that day (no date of birth: an adult)."""
    minors = sum(not is_adult_on(m, on) for m in members)
    return 1 + len(members) - minors, minors
