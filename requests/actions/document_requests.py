"""Document requests: the supporting documents a beneficiary must bring by a due date counted in
working days, ticked off one by one as they arrive, complete when the last one is in. Each
action is one transaction, validates before it saves, and raises `RequestError` with a Greek
message when it refuses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from beneficiaries.models import Beneficiary, Document, DocumentType
from community_centre.calendar import WorkingCalendar
from community_centre.models import User
from requests.exceptions import RequestError
from requests.models import AssistanceRequest, DocumentRequest, DocumentRequestItem

DEFAULT_DUE_WORKING_DAYS = 10


@dataclass(frozen=True)
class RequestedDocument:
    """One line of a new document request: the type and what exactly is meant by it."""

    document_type: DocumentType
    description: str = ""


def due_date_for(requested_on: date, working_days: int, calendar: WorkingCalendar | None = None):
    """The due date: `working_days` after the day of the request, which is not counted."""
    return (calendar or WorkingCalendar()).add_working_days(requested_on, working_days)


def _check_lines(
    beneficiary: Beneficiary,
    documents: list[RequestedDocument],
    assistance_request: AssistanceRequest | None,
) -> None:
    if not documents:
        raise RequestError(_("Επιλέξτε τουλάχιστον ένα δικαιολογητικό."))
    inactive = [str(line.document_type) for line in documents if not line.document_type.is_active]
    if inactive:
        raise RequestError(_("Δεν είναι πια σε χρήση: %(names)s.") % {"names": ", ".join(inactive)})
    if assistance_request is not None and (
        assistance_request.beneficiary_id != beneficiary.pk or not assistance_request.is_open
    ):
        raise RequestError(_("Το αίτημα δεν είναι ανοικτό αίτημα αυτού του φακέλου."))


@transaction.atomic
def docreq_create(
    *,
    beneficiary: Beneficiary,
    documents: list[RequestedDocument],
    due_working_days: int = DEFAULT_DUE_WORKING_DAYS,
    assistance_request: AssistanceRequest | None = None,
    note: str = "",
    actor: User,
) -> DocumentRequest:
    """Ask `beneficiary` for `documents`, due `due_working_days` working days from today."""
    _check_lines(beneficiary, documents, assistance_request)
    today = timezone.localdate()
    docreq = DocumentRequest(
        beneficiary=beneficiary,
        assistance_request=assistance_request,
        requested_on=today,
        due_working_days=due_working_days,
        due_date=due_date_for(today, due_working_days),
        note=note.strip(),
        created_by=actor,
    )
    docreq.full_clean()
    docreq.save()
    items = [
        DocumentRequestItem(
            document_request=docreq,
            document_type=line.document_type,
            description=line.description.strip(),
        )
        for line in documents
    ]
    for item in items:
        item.full_clean()
    DocumentRequestItem.objects.bulk_create(items)
    if assistance_request is not None:
        # Asking for documents is an action on the request: it is no longer idle.
        AssistanceRequest.objects.filter(pk=assistance_request.pk).update(
            last_action_at=timezone.now()
        )
    return docreq


def _lock_open(docreq: DocumentRequest) -> DocumentRequest:
    """The document request's row, locked until the transaction ends; refused unless open."""
    locked = DocumentRequest.objects.select_for_update().get(pk=docreq.pk)
    if locked.status != DocumentRequest.Status.OPEN:
        raise RequestError(
            _("Το αίτημα δικαιολογητικών δεν εκκρεμεί πια (%(status)s). Δεν αποθηκεύτηκε τίποτα.")
            % {"status": locked.get_status_display()}
        )
    return locked


@transaction.atomic
def docreq_item_receive(
    *,
    item: DocumentRequestItem,
    received_on: date,
    document: Document | None = None,
    actor: User,
) -> DocumentRequestItem:
    """Tick `item` off as brought on `received_on`, linked to `document` of the case file.

    When it is the last item still missing, the document request becomes complete. A second
    tick of the same item (two workers, or the back button) is refused and changes nothing.
    """
    docreq = _lock_open(item.document_request)
    locked = DocumentRequestItem.objects.select_for_update().get(pk=item.pk)
    if locked.received_on is not None:
        raise RequestError(
            _("Το δικαιολογητικό «%(name)s» έχει ήδη σημειωθεί ως προσκομισμένο στις %(day)s.")
            % {"name": locked.document_type, "day": date_format(locked.received_on)}
        )
    _check_receipt(docreq, received_on, document)
    locked.received_on = received_on
    locked.received_document = document
    locked.full_clean()
    locked.save(update_fields=["received_on", "received_document"])
    if not docreq.items.filter(received_on__isnull=True).exists():
        docreq.status = DocumentRequest.Status.COMPLETE
        docreq.save(update_fields=["status"])
    return locked


def _check_receipt(docreq: DocumentRequest, received_on: date, document: Document | None) -> None:
    if received_on > timezone.localdate():
        raise RequestError(_("Η ημερομηνία προσκόμισης δεν μπορεί να είναι μελλοντική."))
    if received_on < docreq.requested_on:
        raise RequestError(
            _("Η ημερομηνία προσκόμισης δεν μπορεί να προηγείται της ημερομηνίας του αιτήματος.")
        )
    if document is not None and document.beneficiary_id != docreq.beneficiary_id:
        raise RequestError(_("Το έγγραφο δεν ανήκει σε αυτόν τον φάκελο."))


@transaction.atomic
def docreq_cancel(*, docreq: DocumentRequest, reason: str, actor: User) -> DocumentRequest:
    """Cancel an open document request; the reason, who and when are added to its note."""
    reason = reason.strip()
    if not reason:
        raise RequestError(_("Γράψτε τον λόγο της ακύρωσης."))
    locked = _lock_open(docreq)
    entry = _("Ακυρώθηκε στις %(day)s από %(who)s: %(reason)s") % {
        "day": date_format(timezone.localdate()),
        "who": actor.get_full_name() or actor.get_username(),
        "reason": reason,
    }
    locked.note = f"{locked.note}\n{entry}".strip()
    locked.status = DocumentRequest.Status.CANCELLED
    locked.full_clean()
    locked.save(update_fields=["note", "status"])
    return locked
