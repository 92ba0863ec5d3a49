"""Referrals: a draft from an assistance request (or from the case file, opening a request of
category «referral»), its corrections, sending (consent or legal basis, what is disclosed frozen
into a snapshot, an outgoing protocol number, a follow-up date in working days), the body's
answers and the outcome, revocation and the withdrawal of consent.

Each action is one transaction, locks the referral and checks the version the page was opened
at (`StaleVersion` otherwise: nothing saved), and raises `ReferralError` with Greek messages by
form field when the rules refuse. Every status move writes a `ReferralStatusChange`.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beneficiaries.models import Beneficiary, Document
from community_centre.models import User
from community_centre.roles import is_partner
from community_centre.versions import lock_unchanged
from referrals.exceptions import NON_FIELD, ReferralError
from referrals.follow_up import DEFAULT_ANSWER_WORKING_DAYS, follow_up_date
from referrals.models import Basis, PartnerBody, PartnerService, Referral, ReferralStatusChange
from referrals.snapshot import freeze
from requests.actions.assistance import request_create, request_move, take_protocol_number
from requests.models import AssistanceRequest, RequestCategory

Status = Referral.Status
REFERRAL_CATEGORY = "referral"  # the request category a referral from the case file opens
# What a worker may change on a draft; nothing changes once it is sent (the snapshot is frozen).
DRAFT_FIELDS = [
    "body", "service", "reason", "urgency", "disclosed_fields", "disclosed_special",
    "basis", "consent_on", "consent_how", "basis_note",
]  # fmt: skip


# --- checks ---------------------------------------------------------------------------------


def target_problems(body: PartnerBody | None, service: PartnerService | None) -> dict[str, str]:
    """Why `body` and `service` cannot receive a referral, by form field."""
    problems = {}
    if body is not None and body.is_helpline:
        problems["body"] = _("Οι γραμμές βοήθειας δεν δέχονται παραπομπές· δώστε τον αριθμό.")
    elif body is not None and not body.is_active:
        problems["body"] = _("Ο φορέας δεν είναι πια σε λειτουργία.")
    if service is not None and (body is None or service.body_id != body.pk):
        problems["service"] = _("Η υπηρεσία δεν ανήκει στον φορέα που επιλέξατε.")
    elif service is not None and not service.is_active:
        problems["service"] = _("Η υπηρεσία δεν προσφέρεται πια.")
    return problems


def basis_problems(referral: Referral) -> dict[str, str]:
    """What the consent or legal basis of `referral` lacks, by form field."""
    if not referral.basis:
        return {"basis": _("Χωρίς συναίνεση ή νόμιμη βάση η παραπομπή δεν στέλνεται.")}
    problems = {}
    if referral.basis == Basis.CONSENT:
        if referral.consent_on is None:
            problems["consent_on"] = _("Γράψτε πότε δόθηκε η συναίνεση.")
        elif referral.consent_on > timezone.localdate():
            problems["consent_on"] = _("Η συναίνεση δεν μπορεί να έχει μελλοντική ημερομηνία.")
        if not referral.consent_how:
            problems["consent_how"] = _("Επιλέξτε πώς δόθηκε η συναίνεση.")
    elif not referral.basis_note.strip():
        problems["basis_note"] = _("Γράψτε σημείωση που τεκμηριώνει τη νόμιμη βάση.")
    return problems


def send_problems(referral: Referral, documents: int) -> dict[str, str]:
    """Everything that stops `referral` from being sent, with `documents` chosen documents."""
    problems = {}
    if referral.body_id is None:
        problems["body"] = _("Επιλέξτε τον φορέα στον οποίο στέλνεται η παραπομπή.")
    problems |= target_problems(referral.body, referral.service)
    problems |= basis_problems(referral)
    if not referral.disclosed_fields and not referral.disclosed_special and not documents:
        problems["disclosed_fields"] = _(
            "Επιλέξτε τι γνωστοποιείται στον φορέα (τουλάχιστον ένα στοιχείο)."
        )
    if not referral.reason.strip():
        problems["reason"] = _("Γράψτε τον λόγο της παραπομπής.")
    if not referral.assistance_request.is_open:
        problems[NON_FIELD] = _("Το αίτημα έχει κλείσει· ανοίξτε νέο αίτημα για την παραπομπή.")
    return problems


def move_problems(to_status: str, *, note: str, confirmed: bool) -> dict[str, str]:
    """What a move to `to_status` lacks (a reason, the outcome, a confirmation), by field."""
    problems = {}
    if not note.strip():
        if to_status == Status.DECLINED:
            problems["note"] = _("Γράψτε γιατί ο φορέας δεν δέχτηκε την παραπομπή.")
        elif to_status == Status.COMPLETED:
            problems["note"] = _("Γράψτε την έκβαση της παραπομπής.")
        elif to_status == Status.REVOKED:
            problems["note"] = _("Γράψτε γιατί ανακαλείται η παραπομπή.")
    if to_status in Referral.FINAL_STATUSES and not confirmed:
        problems["confirm"] = _("Επιβεβαιώστε ότι η παραπομπή κλείνει οριστικά.")
    return problems


def _refuse_closed_request(assistance_request: AssistanceRequest) -> None:
    if not assistance_request.is_open:
        raise ReferralError(
            _("Το αίτημα %(p)s έχει κλείσει· η παραπομπή γίνεται από ανοικτό αίτημα.")
            % {"p": assistance_request.protocol}
        )


def _history(referral: Referral, from_status: str, *, actor: User, note: str = "", **extra):
    return ReferralStatusChange.objects.create(
        referral=referral,
        from_status=from_status,
        to_status=referral.status,
        note=note.strip()[:500],
        actor=actor,
        **extra,
    )


# --- drafts ---------------------------------------------------------------------------------


@transaction.atomic
def referral_create(
    *,
    assistance_request: AssistanceRequest,
    reason: str,
    body: PartnerBody | None = None,
    service: PartnerService | None = None,
    urgency: str = "normal",
    actor: User,
) -> Referral:
    """A draft referral for an open request: nothing is disclosed or numbered until it is sent."""
    _refuse_closed_request(assistance_request)
    problems = target_problems(body, service)
    if problems:
        raise ReferralError(problems)
    referral = Referral(
        beneficiary_id=assistance_request.beneficiary_id,
        assistance_request=assistance_request,
        body=body,
        service=service,
        reason=reason.strip(),
        urgency=urgency,
        status=Status.DRAFT,
        status_changed_at=timezone.now(),
        referred_by=actor,
    )
    referral.full_clean()
    referral.save()
    _history(referral, "", actor=actor)
    return referral


@transaction.atomic
def referral_create_from_case_file(
    *,
    beneficiary: Beneficiary,
    assistance_request: AssistanceRequest | None,
    reason: str,
    body: PartnerBody | None = None,
    service: PartnerService | None = None,
    urgency: str = "normal",
    actor: User,
) -> Referral:
    """A draft from the case file: for the chosen open request of the person, or for a new
    request of category «Παραπομπή σε φορέα» registered now (protocol number, due date)."""
    if assistance_request is None:
        category = RequestCategory.objects.filter(code=REFERRAL_CATEGORY, is_active=True).first()
        if category is None:
            raise ReferralError(
                {
                    "assistance_request": _(
                        "Η κατηγορία «Παραπομπή σε φορέα» δεν είναι σε χρήση· "
                        "επιλέξτε ένα από τα ανοικτά αιτήματα."
                    )
                }  # fmt: skip
            )
        assistance_request = request_create(
            beneficiary=beneficiary,
            received_at=timezone.now(),
            channel="in_person",
            category=category,
            description=reason,
            assigned_worker=beneficiary.assigned_worker or actor,
            actor=actor,
        )
    elif assistance_request.beneficiary_id != beneficiary.pk:
        raise ReferralError({"assistance_request": _("Το αίτημα ανήκει σε άλλο φάκελο.")})
    return referral_create(
        assistance_request=assistance_request, reason=reason, body=body, service=service,
        urgency=urgency, actor=actor,
    )  # fmt: skip


def _check_documents(referral: Referral, documents: list[Document]) -> None:
    if any(d.beneficiary_id != referral.beneficiary_id for d in documents):
        raise ReferralError({"documents": _("Επιλέξτε δικαιολογητικά του ίδιου φακέλου.")})


@transaction.atomic
def referral_update(
    *,
    referral: Referral,
    documents: list[Document],
    expected_version: datetime | None,
    actor: User,
) -> Referral:
    """Save what was typed on the draft `referral` (DRAFT_FIELDS) and the chosen documents,
    unless it changed since the page was opened (`StaleVersion`) or was sent meanwhile."""
    locked = lock_unchanged(Referral, referral.pk, expected_version)
    if not locked.is_draft:
        raise ReferralError(_("Η παραπομπή έχει σταλεί· δεν αλλάζει πια."))
    problems = target_problems(referral.body, referral.service)
    if problems:
        raise ReferralError(problems)
    _check_documents(referral, documents)
    referral.reason = referral.reason.strip()
    referral.full_clean()
    referral.save(update_fields=[*DRAFT_FIELDS, "updated_at"])
    referral.disclosed_documents.set(documents)
    return referral


# --- sending ----------------------------------------------------------------------------------


@transaction.atomic
def referral_send(
    *, referral: Referral, expected_version: datetime | None, actor: User
) -> Referral:
    """Send the draft: check consent or legal basis, body and disclosure; freeze the disclosed
    values into the snapshot; take the outgoing protocol number; set the follow-up date (the
    service's answer time in working days from today); mark the request «Παραπέμφθηκε» where
    its rules allow. A second send of the same page finds it sent (refused, nothing changes)."""
    locked = lock_unchanged(
        Referral.objects.select_related(
            "beneficiary__settlement", "body", "service", "assistance_request"
        ),  # fmt: skip
        referral.pk,
        expected_version,
    )
    if not locked.can_move_to(Status.SENT):
        raise ReferralError(_("Η παραπομπή είναι ήδη «%s».") % locked.get_status_display())
    documents = list(locked.disclosed_documents.select_related("document_type").order_by("pk"))
    problems = send_problems(locked, len(documents))
    if problems:
        raise ReferralError(problems)
    now = timezone.now()
    locked.snapshot = freeze(locked, documents)
    take_protocol_number(locked)
    locked.sent_at = locked.status_changed_at = now
    locked.follow_up_working_days = (
        locked.service.answer_working_days if locked.service else DEFAULT_ANSWER_WORKING_DAYS
    )
    locked.follow_up_on = follow_up_date(timezone.localdate(now), locked.follow_up_working_days)
    locked.status = Status.SENT
    locked.full_clean()
    locked.save()
    _history(locked, Status.DRAFT, actor=actor, note=_("Προς: %(body)s") % {"body": locked.body})
    _mark_request_referred(locked, actor=actor)
    return locked


def _mark_request_referred(referral: Referral, *, actor: User) -> None:
    """Move the request to «Παραπέμφθηκε» through the requests app's own action: a new request
    is taken up first (new → in progress → referred); one that cannot move stays as it is."""
    item = AssistanceRequest.objects.select_for_update().get(pk=referral.assistance_request_id)
    Move = AssistanceRequest.Status  # noqa: N806
    note = _("Παραπομπή %(p)s") % {"p": referral.protocol}
    if item.status == Move.NEW:
        item = request_move(
            assistance_request=item, to_status=Move.IN_PROGRESS, expected_version=item.updated_at,
            note=note, next_step=item.next_step, actor=actor,
        )  # fmt: skip
    if item.can_move_to(Move.REFERRED):
        request_move(
            assistance_request=item, to_status=Move.REFERRED, expected_version=item.updated_at,
            note=note, referred_to=referral.body.name[:200], actor=actor,
        )  # fmt: skip


# --- the body's answers, the outcome, revocation ---------------------------------------------


@transaction.atomic
def referral_move(
    *,
    referral: Referral,
    to_status: str,
    expected_version: datetime | None,
    note: str = "",
    confirmed: bool = False,
    confirmed_by_phone_on: date | None = None,
    actor: User,
) -> Referral:
    """Move a sent referral to `to_status` if TRANSITIONS allow it, with a history row.

    A partner account answers only for its body (accepted, declined, completed, did not attend;
    the move is marked as recorded by the body); staff may also revoke, and record the body's
    answer with the day it was confirmed by phone. A decline carries its reason and a
    completion its outcome (kept in `outcome`); final moves need a confirmation.
    """
    if to_status not in Status.values or to_status == Status.SENT:
        raise ReferralError(_("Η παραπομπή στέλνεται με την «Αποστολή»."))
    by_body = is_partner(actor)
    if by_body and to_status not in Referral.BODY_ANSWERS:
        raise ReferralError(_("Ο φορέας απαντά μόνο για την αποδοχή και την έκβαση."))
    queryset = Referral.objects.visible_to(actor)
    locked = lock_unchanged(queryset, referral.pk, expected_version)
    if not locked.can_move_to(to_status):
        raise ReferralError(
            _("Η παραπομπή δεν μπορεί να περάσει από «%(from)s» σε «%(to)s».")
            % {"from": locked.get_status_display(), "to": Status(to_status).label}
        )
    problems = move_problems(to_status, note=note, confirmed=confirmed)
    if confirmed_by_phone_on is not None and (by_body or to_status not in Referral.BODY_ANSWERS):
        problems["confirmed_by_phone_on"] = _("Η τηλεφωνική επιβεβαίωση αφορά απάντηση του φορέα.")
    elif confirmed_by_phone_on is not None and confirmed_by_phone_on > timezone.localdate():
        problems["confirmed_by_phone_on"] = _("Η ημερομηνία δεν μπορεί να είναι μελλοντική.")
    if problems:
        raise ReferralError(problems)
    from_status = locked.status
    locked.status, locked.status_changed_at = to_status, timezone.now()
    if to_status in (Status.DECLINED, Status.COMPLETED):
        locked.outcome = note.strip()[:500]
    locked.full_clean()
    locked.save(update_fields=["status", "status_changed_at", "outcome", "updated_at"])
    _history(locked, from_status, actor=actor, note=note, recorded_by_body=by_body,
             confirmed_by_phone_on=confirmed_by_phone_on)  # fmt: skip
    return locked


def referral_accept(**kwargs) -> Referral:
    return referral_move(to_status=Status.ACCEPTED, **kwargs)


def referral_decline(**kwargs) -> Referral:
    return referral_move(to_status=Status.DECLINED, **kwargs)


def referral_complete(**kwargs) -> Referral:
    return referral_move(to_status=Status.COMPLETED, **kwargs)


def referral_mark_did_not_attend(**kwargs) -> Referral:
    return referral_move(to_status=Status.DID_NOT_ATTEND, **kwargs)


def referral_revoke(**kwargs) -> Referral:
    return referral_move(to_status=Status.REVOKED, **kwargs)


@transaction.atomic
def referral_withdraw_consent(
    *,
    referral: Referral,
    expected_version: datetime | None,
    withdrawn_on: date,
    note: str = "",
    actor: User,
) -> Referral:
    """The person withdrew their consent on `withdrawn_on`: the body loses access to the
    snapshot at once (Referral.body_sees_snapshot); a referral still open (draft, sent,
    accepted) is revoked, with a history row. The snapshot stays for the Centre's own record."""
    locked = lock_unchanged(Referral, referral.pk, expected_version)
    if locked.basis != Basis.CONSENT:
        raise ReferralError(_("Η παραπομπή δεν στηρίχθηκε σε συναίνεση."))
    if locked.consent_withdrawn:
        raise ReferralError(_("Η συναίνεση έχει ήδη ανακληθεί."))
    if withdrawn_on > timezone.localdate():
        raise ReferralError({"withdrawn_on": _("Η ανάκληση δεν μπορεί να είναι μελλοντική.")})
    if locked.consent_on and withdrawn_on < locked.consent_on:
        raise ReferralError({"withdrawn_on": _("Η ανάκληση δεν προηγείται της συναίνεσης.")})
    locked.consent_withdrawn_on = withdrawn_on
    from_status = locked.status
    if locked.can_move_to(Status.REVOKED):
        locked.status, locked.status_changed_at = Status.REVOKED, timezone.now()
    locked.full_clean()
    locked.save(update_fields=["consent_withdrawn_on", "status", "status_changed_at", "updated_at"])
    if locked.status != from_status:
        text = _("Ανάκληση συναίνεσης στις %(d)s") % {"d": withdrawn_on.strftime("%d/%m/%Y")}
        _history(locked, from_status, actor=actor, note=f"{text}. {note}".strip())
    return locked
