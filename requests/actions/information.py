"""«How are my requests going?»: information requests in the protocol book, due in 10 working
days; status letters printed once, kept byte for byte, and delivered. The information request
is answered on the day a letter answering it is delivered."""

from __future__ import annotations

import hashlib
from datetime import date, datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beneficiaries.models import Beneficiary
from community_centre.calendar import WorkingCalendar
from community_centre.models import CentreProfile, User
from community_centre.pdf import render_pdf
from requests.actions.assistance import refuse_future, take_protocol_number
from requests.deadlines import start_day
from requests.exceptions import RequestError
from requests.models import AssistanceRequest, InformationRequest, StatusLetter
from requests.models.information import INFORMATION_DUE_WORKING_DAYS

LETTER_TEMPLATE = "requests/pdf/status_letter.html"


@transaction.atomic
def information_create(
    *,
    beneficiary: Beneficiary,
    received_at: datetime,
    channel: str,
    about: AssistanceRequest | None = None,
    note: str = "",
    actor: User,
) -> InformationRequest:
    """Record that the person asked how their requests stand; due in 10 working days."""
    refuse_future(received_at)
    if about is not None and about.beneficiary_id != beneficiary.pk:
        raise RequestError(_("Το αίτημα δεν ανήκει στον φάκελο αυτού του προσώπου."))
    item = InformationRequest(
        beneficiary=beneficiary,
        about=about,
        received_at=received_at,
        channel=channel,
        note=note.strip(),
        recorded_by=actor,
        due_working_days=INFORMATION_DUE_WORKING_DAYS,
        due_date=WorkingCalendar().add_working_days(
            start_day(received_at), INFORMATION_DUE_WORKING_DAYS
        ),
    )
    take_protocol_number(item)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def letter_create(
    *,
    information_request: InformationRequest | None = None,
    assistance_request: AssistanceRequest | None = None,
    actor: User,
) -> StatusLetter:
    """Print a status letter: the one answering `information_request` (on the one request it
    asked about, or on every open request of the person), or one on `assistance_request` alone,
    when the person asks for a letter on it."""
    if (information_request is None) == (assistance_request is None):
        raise ValueError(
            "letter_create needs exactly one of information_request, assistance_request"
        )
    if assistance_request is not None:
        about = AssistanceRequest.objects.select_for_update().get(pk=assistance_request.pk)
        return _issue(
            beneficiary=about.beneficiary,
            information_request=None,
            about=about,
            items=_one_request(about),
            actor=actor,
        )
    locked = InformationRequest.objects.select_for_update().get(pk=information_request.pk)
    about = locked.about
    return _issue(
        beneficiary=locked.beneficiary,
        information_request=locked,
        about=about,
        items=_open_requests(locked.beneficiary) if about is None else _one_request(about),
        actor=actor,
    )


def _open_requests(beneficiary: Beneficiary) -> list[AssistanceRequest]:
    return list(
        AssistanceRequest.objects.filter(
            beneficiary=beneficiary, status__in=AssistanceRequest.OPEN_STATUSES
        )
        .select_related("category")
        .order_by("received_at", "pk")
    )


def _one_request(item: AssistanceRequest) -> list[AssistanceRequest]:
    return list(AssistanceRequest.objects.select_related("category").filter(pk=item.pk))


def _issue(
    *,
    beneficiary: Beneficiary,
    information_request: InformationRequest | None,
    about: AssistanceRequest | None,
    items: list[AssistanceRequest],
    actor: User,
) -> StatusLetter:
    """Number, render and keep the letter. The PDF carries its own protocol number, so it is
    rendered while this transaction holds the year's counter: other registrations wait for
    that (a fraction of a second) rather than let a rollback leave a gap in the book."""
    letter = StatusLetter(
        beneficiary=beneficiary,
        information_request=information_request,
        about=about,
        issued_on=timezone.localdate(),
        issued_by=actor,
    )
    take_protocol_number(letter)
    content = render_pdf(LETTER_TEMPLATE, letter_context(letter, items))
    letter.sha256 = hashlib.sha256(content).hexdigest()
    letter.pdf.save(f"{letter.protocol}.pdf", ContentFile(content), save=False)
    try:
        letter.full_clean()
        letter.save()
    except Exception:
        letter.pdf.delete(save=False)  # the row was not written: leave no orphan file behind
        raise
    return letter


def letter_context(letter: StatusLetter, items: list[AssistanceRequest]) -> dict:
    """What the letter template prints; the beneficiary's settlement is read here (one query)."""
    beneficiary = Beneficiary.objects.select_related("settlement").get(pk=letter.beneficiary_id)
    return {
        "letter": letter,
        "b": beneficiary,
        "information_request": letter.information_request,
        "items": items,
        "centre": CentreProfile.current(),
        "worker": letter.issued_by,
        "due_working_days": INFORMATION_DUE_WORKING_DAYS,
    }


@transaction.atomic
def letter_deliver(
    *,
    letter: StatusLetter,
    method: str,
    delivered_on: date,
    received_by: str = "",
    received_by_name: str = "",
    actor: User,
) -> StatusLetter:
    """Record how, when and to whom the letter was given; its information request is answered.

    Handed over at the desk, the letter names who took it: the person, their representative or
    another person (then by name).
    """
    locked = StatusLetter.objects.select_for_update().get(pk=letter.pk)
    if locked.delivered_on is not None:
        raise RequestError(_("Η επίδοση της επιστολής έχει ήδη καταχωριστεί."))
    if delivered_on < locked.issued_on:
        raise RequestError(_("Η επίδοση δεν μπορεί να προηγείται της έκδοσης της επιστολής."))
    if delivered_on > timezone.localdate():
        raise RequestError(_("Η ημερομηνία επίδοσης δεν μπορεί να είναι μελλοντική."))
    problem = recipient_problem(method, received_by, received_by_name)
    if problem:
        raise RequestError(problem)
    locked.delivery_method, locked.delivered_on = method, delivered_on
    if received_by in ("", StatusLetter.Recipient.PERSON):
        received_by_name = ""  # the person themselves: their name is the file's
    locked.received_by, locked.received_by_name = received_by, received_by_name.strip()
    locked.full_clean()
    locked.save(
        update_fields=["delivery_method", "delivered_on", "received_by", "received_by_name"]
    )
    if locked.information_request_id is not None:
        _answer(locked.information_request_id, delivered_on)
    return locked


def recipient_problem(method: str, received_by: str, name: str) -> str:
    """Why the recipient given is not enough (Greek), or "" when it is."""
    Recipient = StatusLetter.Recipient
    if method == StatusLetter.Delivery.BY_HAND and not received_by:
        return _("Σημειώστε ποιος παρέλαβε την επιστολή.")
    if received_by and received_by not in Recipient.values:
        return _("Άγνωστος παραλήπτης.")
    if received_by in (Recipient.REPRESENTATIVE, Recipient.OTHER) and not name.strip():
        return _("Γράψτε το ονοματεπώνυμο του παραλήπτη.")
    return ""


def _answer(information_request_id: int, answered_on: date) -> None:
    """The first delivered letter answers the information request; later ones change nothing."""
    item = InformationRequest.objects.select_for_update().get(pk=information_request_id)
    if item.answered_on is None:
        item.answered_on = answered_on
        item.save(update_fields=["answered_on"])
