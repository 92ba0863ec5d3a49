"""Benefit applications: a new one for a household and a programme (its checklist taken from the
programme, per-member lines for each covered member), its corrections, each checklist line
collected / missing / not applicable, the request of the missing documents (through the
requests app's document request, printed there), and the status moves with their history.

Each action is one transaction, locks the application (or the line) and checks the version the
page was opened at (`StaleVersion` otherwise: nothing saved), and raises `ApplicationError`
with Greek messages by form field when the rules refuse.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beneficiaries.models import Beneficiary, Document, HouseholdMember
from community_centre.grammar import by_sex
from community_centre.models import User
from community_centre.versions import lock_unchanged
from requests.actions.document_requests import (
    RequestedDocument,
    docreq_create,
    docreq_item_receive,
)
from requests.exceptions import RequestError
from services import checklist
from services.models import (
    ApplicationDocument,
    ApplicationStatusChange,
    BenefitApplication,
    ItemState,
    Programme,
    Requirement,
)

Status = BenefitApplication.Status
NON_FIELD = "__all__"
# What an edit of the application may change (the status and the checklist have their own).
EDIT_FIELDS = [
    "single_parent", "unprotected_children", "income_6m", "submitted_on", "submitted_via",
    "external_protocol", "decided_on", "monthly_amount", "renewal_on", "notes",
]  # fmt: skip


class ApplicationError(Exception):
    """An application action the rules forbid; `problems` maps form fields (or NON_FIELD) to
    Greek messages. Nothing was saved."""

    def __init__(self, problems: dict[str, str] | str) -> None:
        self.problems = problems if isinstance(problems, dict) else {NON_FIELD: problems}
        super().__init__(" ".join(str(m) for m in self.problems.values()))


# --- checks ---------------------------------------------------------------------------------


def member_problems(beneficiary: Beneficiary, members) -> dict[str, str]:
    strangers = [m for m in members if m.beneficiary_id != beneficiary.pk]
    if strangers:
        names = ", ".join(f"{m.surname} {m.given_name}" for m in strangers)
        return {"covered_members": _("Δεν είναι μέλη του νοικοκυριού αυτού του φακέλου: "
                                     "%(names)s.") % {"names": names}}  # fmt: skip
    return {}


def date_problems(application: BenefitApplication, today: date) -> dict[str, str]:
    """The dates of `application` that cannot be, by form field."""
    problems = {}
    submitted, decided = application.submitted_on, application.decided_on
    if submitted is not None:
        if submitted > today:
            problems["submitted_on"] = _("Η ημερομηνία υποβολής δεν μπορεί να είναι μελλοντική.")
        elif submitted < application.prepared_from:
            problems["submitted_on"] = _(
                "Η υποβολή δεν μπορεί να προηγείται της έναρξης της προετοιμασίας (%(day)s)."
            ) % {"day": f"{application.prepared_from:%d/%m/%Y}"}
    if decided is not None:
        if decided > today:
            problems["decided_on"] = _("Η ημερομηνία απόφασης δεν μπορεί να είναι μελλοντική.")
        elif submitted is None:
            problems["decided_on"] = _("Απόφαση υπάρχει μόνο για αίτηση που υποβλήθηκε.")
        elif decided < submitted:
            problems["decided_on"] = _(
                "Η απόφαση δεν μπορεί να προηγείται της υποβολής (%(day)s)."
            ) % {"day": f"{submitted:%d/%m/%Y}"}
    renewal = application.renewal_on
    if renewal is not None and submitted is not None and renewal < submitted:
        problems["renewal_on"] = _("Η ανανέωση δεν μπορεί να προηγείται της υποβολής.")
    return problems


def screening_problems(application: BenefitApplication, minors: int) -> dict[str, str]:
    if application.unprotected_children > minors:
        message = _("Τα απροστάτευτα τέκνα είναι από τους ανήλικους που καλύπτει η αίτηση· "
                    "έως %(n)s.")  # fmt: skip
        return {"unprotected_children": message % {"n": minors}}
    return {}


def _validated(application: BenefitApplication, problems: dict[str, str]) -> None:
    if problems:
        raise ApplicationError(problems)
    try:
        application.full_clean(exclude=["beneficiary", "programme", "worker"])
    except ValidationError as exc:
        raise ApplicationError(
            {k if k != "__all__" else NON_FIELD: " ".join(v) for k, v in exc.message_dict.items()}
        ) from exc


def _history(application, from_status: str, note: str, actor: User) -> None:
    ApplicationStatusChange.objects.create(
        application=application,
        from_status=from_status,
        to_status=application.status,
        note=note.strip()[:500],
        actor=actor,
    )


def _open_taken() -> ApplicationError:
    return ApplicationError(
        {
            "programme": _(
                "Ο φάκελος έχει ήδη ανοικτή αίτηση σε αυτό το πρόγραμμα· συνεχίστε εκείνη."
            )
        }  # fmt: skip
    )


# --- create and edit --------------------------------------------------------------------------


@dataclass(frozen=True)
class Screening:
    """What the application form asks for the ΕΕΕ screening."""

    single_parent: bool = False
    unprotected_children: int = 0
    income_6m: Decimal | None = None


@transaction.atomic
def application_create(
    *,
    beneficiary: Beneficiary,
    programme: Programme,
    members: list[HouseholdMember],
    screening: Screening = Screening(),
    notes: str = "",
    actor: User,
) -> BenefitApplication:
    """A new application of `beneficiary` to `programme` covering `members`, in preparation
    from today, with its checklist; the earlier application it renews stops reminding."""
    today = timezone.localdate()
    problems = member_problems(beneficiary, members)
    if not programme.is_active:
        problems["programme"] = _("Το πρόγραμμα δεν είναι πια σε ισχύ.")
    elif BenefitApplication.objects.open().filter(beneficiary=beneficiary,
                                                  programme=programme).exists():  # fmt: skip
        problems |= _open_taken().problems
    application = BenefitApplication(
        beneficiary=beneficiary,
        programme=programme,
        status=Status.PREPARING,
        status_changed_at=timezone.now(),
        worker=actor,
        prepared_from=today,
        submitted_via=programme.submitted_via[:200],
        single_parent=screening.single_parent,
        unprotected_children=screening.unprotected_children,
        income_6m=screening.income_6m,
        notes=notes.strip(),
    )
    minors = checklist.household_counts(members, today)[1]
    _validated(application, problems | screening_problems(application, minors))
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as exc:  # another worker opened one at the same moment
        raise _open_taken() from exc
    application.covered_members.set(members)
    lines = checklist.expand(programme.checklist.all(), _ordered(members), today)
    for line in lines:
        line.application = application
    ApplicationDocument.objects.bulk_create(lines)
    _history(application, "", "", actor)
    renewed = BenefitApplication.objects.filter(
        beneficiary=beneficiary, programme=programme, renewed_by__isnull=True,
        status__in=BenefitApplication.RENEWED_STATUSES,
    ).exclude(pk=application.pk)  # fmt: skip
    renewed.update(renewed_by=application, updated_at=timezone.now())
    return application


def _ordered(members) -> list[HouseholdMember]:
    return sorted(members, key=lambda m: (m.date_of_birth or date.max, m.pk))


@transaction.atomic
def application_update(
    *,
    application: BenefitApplication,
    members: list[HouseholdMember],
    expected_version: datetime | None,
    actor: User,
) -> BenefitApplication:
    """Save the corrections typed on `application` (its EDIT_FIELDS and the covered members)
    unless it changed since the form was opened. A member added gets their checklist lines; a
    member taken out loses theirs."""
    locked = lock_unchanged(BenefitApplication, application.pk, expected_version)
    today = timezone.localdate()
    problems = member_problems(application.beneficiary, members)
    if not locked.is_preparing and {m.pk for m in members} != set(
        locked.covered_members.values_list("pk", flat=True)
    ):
        problems["covered_members"] = _("Τα μέλη αλλάζουν μόνο όσο η αίτηση ετοιμάζεται.")
    if locked.is_preparing and application.submitted_on != locked.submitted_on:
        problems["submitted_on"] = _("Η υποβολή καταχωρίζεται με «Υποβλήθηκε».")
    decision = (application.decided_on, application.monthly_amount)
    if locked.status not in (Status.APPROVED, Status.REJECTED) and decision != (
        locked.decided_on,
        locked.monthly_amount,
    ):
        problems["decided_on"] = _("Η απόφαση καταχωρίζεται με την έγκριση ή την απόρριψη.")
    minors = checklist.household_counts(members, today)[1]
    problems |= date_problems(application, today) | screening_problems(application, minors)
    for name in EDIT_FIELDS:
        setattr(locked, name, getattr(application, name))
    _validated(locked, problems)
    locked.save()
    if locked.is_preparing:
        _sync_member_lines(locked, members, today)
    return locked


def _sync_member_lines(application: BenefitApplication, members, today: date) -> None:
    before = set(application.covered_members.values_list("pk", flat=True))
    after = {m.pk for m in members}
    if before == after:
        return
    application.items.filter(member_id__in=before - after).delete()
    added = [m for m in _ordered(members) if m.pk not in before]
    per_member = [
        line for line in application.programme.checklist.all() if line.scope != "applicant"
    ]
    lines = [line for line in checklist.expand(per_member, added, today) if line.member is not None]
    start = (application.items.order_by("-position").values_list("position", flat=True).first()
             or 0) + 1  # fmt: skip
    for offset, line in enumerate(lines):
        line.application, line.position = application, start + offset
    ApplicationDocument.objects.bulk_create(lines)
    application.covered_members.set(members)


# --- the checklist ----------------------------------------------------------------------------


@transaction.atomic
def application_line_set(
    *,
    line: ApplicationDocument,
    state: str,
    document: Document | None = None,
    collected_on: date | None = None,
    expected_version: datetime | None,
    actor: User,
) -> ApplicationDocument:
    """Mark a checklist line collected (on `collected_on`, with the `document` of the case file
    that satisfies it), missing or not applicable. When collected and the line was asked for
    on an open document request, that request's line is ticked as received too."""
    locked = lock_unchanged(
        ApplicationDocument.objects.select_related("application", "requested_item"),
        line.pk,
        expected_version,
    )
    today = timezone.localdate()
    application = locked.application
    if not application.is_open:
        message = _("Η αίτηση έχει κλείσει (%(status)s)· ο έλεγχος δικαιολογητικών δεν αλλάζει.")
        raise ApplicationError(message % {"status": application.get_status_display()})
    problems = {}
    if state not in ItemState.values:
        problems["state"] = _("Επιλέξτε αν συγκεντρώθηκε, λείπει ή δεν ισχύει.")
    if state == ItemState.COLLECTED:
        collected_on = collected_on or today
        if collected_on > today:
            problems["collected_on"] = _("Η ημερομηνία δεν μπορεί να είναι μελλοντική.")
        if document is not None:
            problem = checklist.document_problem(
                locked, document, application.beneficiary_id, today
            )
            if problem:
                problems["document"] = problem
    elif document is not None:
        problems["document"] = _("Έγγραφο συνδέεται μόνο με δικαιολογητικό που συγκεντρώθηκε.")
    if problems:
        raise ApplicationError(problems)
    collected = state == ItemState.COLLECTED
    locked.state = state
    locked.document = document if collected else None
    locked.collected_on = collected_on if collected else None
    locked.full_clean(exclude=["application", "document_type", "member", "requested_item"])
    locked.save()
    if collected:
        _tick_request(locked, document, locked.collected_on, actor)
    return locked


def _tick_request(line: ApplicationDocument, document, day: date, actor: User) -> None:
    requested = line.requested_item
    if requested is None or requested.received_on is not None:
        return
    if not requested.document_request.is_open or day < requested.document_request.requested_on:
        return
    # Ticked meanwhile, or closed: the application's tick stands alone.
    with contextlib.suppress(RequestError):
        docreq_item_receive(item=requested, received_on=day, document=document, actor=actor)


@transaction.atomic
def application_request_missing(
    *,
    application: BenefitApplication,
    due_working_days: int,
    expected_version: datetime | None,
    actor: User,
):
    """A document request (requests app) with one line per missing checklist line, the member
    named in its clarification; the lines are linked to it and the application points at it."""
    locked = lock_unchanged(BenefitApplication, application.pk, expected_version)
    if not locked.is_open:
        raise ApplicationError(_("Η αίτηση έχει κλείσει· δεν ζητούνται δικαιολογητικά."))
    today = timezone.localdate()
    lines = list(
        locked.items.select_related(
            "document_type",
            "member",
            "document",
            "requested_item__received_document",
            "requested_item__document_request",
        )
    )
    missing = [line for line in lines if checklist.is_to_request(line, today)]
    if not missing:
        raise ApplicationError(_("Δεν λείπει κανένα δικαιολογητικό που να μην έχει ήδη ζητηθεί."))
    docreq = docreq_create(
        beneficiary=locked.beneficiary,
        documents=[
            RequestedDocument(line.document_type, _clarification(line, locked.beneficiary))
            for line in missing
        ],
        due_working_days=due_working_days,
        note=_("Για την αίτηση «%(programme)s».") % {"programme": locked.programme},
        actor=actor,
    )
    for line, item in zip(missing, docreq.items.order_by("pk"), strict=True):
        line.requested_item = item
    ApplicationDocument.objects.bulk_update(missing, ["requested_item"])
    locked.document_request = docreq
    locked.save(update_fields=["document_request", "updated_at"])
    return docreq


def _clarification(line: ApplicationDocument, applicant: Beneficiary) -> str:
    """Whose the document is (the member's name and relationship, or the applicant's), where
    relevant, and the programme's note: the line's clarification on the printed list."""
    parts = []
    if line.member is not None:
        parts.append(f"{line.member.surname} {line.member.given_name} "
                     f"({line.member.get_relationship_display()})")  # fmt: skip
    else:
        role = by_sex(applicant.sex, female=_("αιτούσα"), male=_("αιτών"), other=_("αιτών/ούσα"))
        parts.append(f"{applicant.full_name} ({role})")
    if line.requirement == Requirement.WHERE_RELEVANT:
        parts.append(_("όπου ισχύει"))
    if line.note:
        parts.append(line.note)
    return " · ".join(parts)[:300]


def _set_renewal(locked: BenefitApplication, to_status: str) -> None:
    """The renewal date from the programme: on submission when still blank; on approval moved
    to count from the decision, unless a worker had typed another one."""
    programme = locked.programme
    from_submission = checklist.default_renewal_on(
        programme, submitted_on=locked.submitted_on, decided_on=None
    )
    if to_status == Status.SUBMITTED and locked.renewal_on is None:
        locked.renewal_on = from_submission
    elif to_status == Status.APPROVED and locked.renewal_on in (None, from_submission):
        locked.renewal_on = checklist.default_renewal_on(
            programme, submitted_on=locked.submitted_on, decided_on=locked.decided_on
        )


# --- status moves -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Move:
    """What a status move records beside the new status."""

    note: str = ""
    submitted_on: date | None = None
    submitted_via: str = ""
    external_protocol: str = ""
    decided_on: date | None = None
    monthly_amount: Decimal | None = None


def move_problems(to_status: str, move: Move) -> dict[str, str]:
    """What a move to `to_status` lacks, by form field (before the application is read)."""
    problems = {}
    if to_status == Status.SUBMITTED:
        if move.submitted_on is None:
            problems["submitted_on"] = _("Γράψτε πότε υποβλήθηκε η αίτηση.")
        if not move.submitted_via.strip():
            problems["submitted_via"] = _("Γράψτε πού υποβλήθηκε (πλατφόρμα ή φορέας).")
    if to_status in (Status.APPROVED, Status.REJECTED) and move.decided_on is None:
        problems["decided_on"] = _("Γράψτε την ημερομηνία της απόφασης.")
    if to_status == Status.REJECTED and move.monthly_amount:
        problems["monthly_amount"] = _("Μια αίτηση που απορρίφθηκε δεν έχει ποσό.")
    if to_status == Status.WITHDRAWN and not move.note.strip():
        problems["note"] = _("Γράψτε γιατί αποσύρθηκε η αίτηση.")
    return problems


@transaction.atomic
def application_move(
    *,
    application: BenefitApplication,
    to_status: str,
    move: Move,
    expected_version: datetime | None,
    actor: User,
) -> BenefitApplication:
    """Move `application` to `to_status`, recording the submission or the decision, with a
    history row; the renewal date is set from the programme when it is still blank."""
    locked = lock_unchanged(
        BenefitApplication.objects.select_related("programme"), application.pk, expected_version
    )
    if not locked.can_move_to(to_status):
        raise ApplicationError(
            {"to_status": _("Η αίτηση δεν μπορεί να γίνει «%(to)s» από «%(from)s».")
             % {"to": Status(to_status).label if to_status in Status.values else to_status,
                "from": locked.get_status_display()}}
        )  # fmt: skip
    problems = move_problems(to_status, move)
    from_status = locked.status
    if to_status == Status.SUBMITTED:
        locked.submitted_on = move.submitted_on
        locked.submitted_via = move.submitted_via.strip()
        locked.external_protocol = move.external_protocol.strip()
    elif to_status in (Status.APPROVED, Status.REJECTED):
        locked.decided_on = move.decided_on
        locked.monthly_amount = move.monthly_amount if to_status == Status.APPROVED else None
    problems = date_problems(locked, timezone.localdate()) | problems
    _set_renewal(locked, to_status)
    locked.status = to_status
    locked.status_changed_at = timezone.now()
    _validated(locked, problems)
    locked.save()
    _history(locked, from_status, move.note, actor)
    return locked
