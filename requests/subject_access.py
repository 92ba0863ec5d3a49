"""What the requests app adds to the subject-access export (beneficiaries.subject_access):
assistance requests with their status history, information requests, status letters (their
PDFs in the ZIP), document requests with their items, appointments. One or two queries a part."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from beneficiaries.subject_access.case_file import document_label
from beneficiaries.subject_access.registry import register_part
from beneficiaries.subject_access.values import Group, Record, fields_of, item, local_moment
from requests.models import (
    Appointment,
    AssistanceRequest,
    DocumentRequest,
    DocumentRequestItem,
    InformationRequest,
    RequestStatusChange,
    StatusLetter,
)

# A status move's own row: the request it belongs to is the record it is listed under.
MOVE_EXCLUDE = ("id", "request")
# Printed once, as «2026/000153» (the `protocol` item).
PROTOCOL = ("protocol_year", "protocol_number")


def _protocol(record) -> list:
    return [item("protocol", _("Αριθμός πρωτοκόλλου"), record.protocol)]


def moved(change) -> str:
    return f"{change.get_from_status_display() or '—'} → {change.get_to_status_display()}"


def assistance_requests(beneficiary) -> list[Record]:
    history = Prefetch("history", RequestStatusChange.objects.order_by("at", "pk"))
    rows = (
        AssistanceRequest.objects.filter(beneficiary=beneficiary)
        .select_related("category", "assigned_worker")
        .prefetch_related(history)
        .order_by("received_at", "pk")
    )
    return [
        Record(
            _("Αίτημα %(request)s") % {"request": request},
            _protocol(request) + fields_of(request, exclude=PROTOCOL),
            [
                Group(
                    "status_history",
                    _("Ιστορικό κατάστασης"),
                    [
                        Record(moved(change), fields_of(change, exclude=MOVE_EXCLUDE))
                        for change in request.history.all()
                    ],
                )
            ],
        )
        for request in rows
    ]


def information_requests(beneficiary) -> list[Record]:
    rows = (
        InformationRequest.objects.filter(beneficiary=beneficiary)
        .select_related("about__category")
        .order_by("received_at", "pk")
    )
    return [
        Record(
            _("Αίτημα ενημέρωσης %(protocol)s") % {"protocol": info.protocol},
            _protocol(info) + fields_of(info, exclude=PROTOCOL),
        )
        for info in rows
    ]


def letter_path(letter: StatusLetter) -> str:
    return f"letters/{letter.protocol.replace('/', '-')}-{letter.pk}.pdf"


def _letters(beneficiary):
    return (
        StatusLetter.objects.filter(beneficiary=beneficiary)
        .select_related("information_request", "about__category", "issued_by")
        .order_by("issued_on", "pk")
    )


def status_letters(beneficiary) -> list[Record]:
    return [
        Record(
            _("Επιστολή ενημέρωσης %(protocol)s") % {"protocol": letter.protocol},
            _protocol(letter)
            + fields_of(letter, exclude=PROTOCOL)
            + [item("file", _("Αρχείο στο ZIP"), letter_path(letter))],
        )
        for letter in _letters(beneficiary)
    ]


def letter_files(beneficiary):
    for letter in _letters(beneficiary):
        yield letter_path(letter), letter.pdf


def document_requests(beneficiary) -> list[Record]:
    items = Prefetch(
        "items",
        DocumentRequestItem.objects.select_related("document_type", "received_document").order_by(
            "pk"
        ),
    )
    rows = (
        DocumentRequest.objects.filter(beneficiary=beneficiary)
        .select_related("assistance_request__category")
        .prefetch_related(items)
        .order_by("requested_on", "pk")
    )
    return [
        Record(
            _("Αίτημα δικαιολογητικών %(day)s") % {"day": f"{row.requested_on:%d/%m/%Y}"},
            fields_of(row),
            [
                Group(
                    "items",
                    _("Δικαιολογητικά που ζητήθηκαν"),
                    [_item(line) for line in row.items.all()],
                )
            ],
        )
        for row in rows
    ]


def _item(line: DocumentRequestItem) -> Record:
    path, text = document_label(line.received_document)
    items = fields_of(line, exclude=("id", "document_request", "received_document"))
    items.append(item("received_document_file", _("Έγγραφο που προσκομίστηκε"), path, text))
    return Record(str(line), items)


def appointments(beneficiary) -> list[Record]:
    rows = (
        Appointment.objects.filter(beneficiary=beneficiary)
        .select_related("worker", "assistance_request__category")
        .order_by("starts_at", "pk")
    )
    return [
        Record(_("Ραντεβού %(at)s") % {"at": local_moment(row.starts_at)}, fields_of(row))
        for row in rows
    ]


def register() -> None:
    """Called by RequestsConfig.ready()."""
    register_part(
        "assistance_requests",
        gettext_lazy("Αιτήματα και η εξέλιξή τους"),
        assistance_requests,
        order=100,
        models=(AssistanceRequest, RequestStatusChange),
    )
    register_part(
        "information_requests",
        gettext_lazy("Αιτήματα ενημέρωσης"),
        information_requests,
        order=110,
        models=(InformationRequest,),
    )
    register_part(
        "status_letters",
        gettext_lazy("Επιστολές ενημέρωσης"),
        status_letters,
        order=120,
        files=letter_files,
        models=(StatusLetter,),
    )
    register_part(
        "document_requests",
        gettext_lazy("Αιτήματα δικαιολογητικών"),
        document_requests,
        order=130,
        models=(DocumentRequest, DocumentRequestItem),
    )
    register_part(
        "appointments", gettext_lazy("Ραντεβού"), appointments, order=140, models=(Appointment,)
    )
