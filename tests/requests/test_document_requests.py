"""Document requests: the checklist with a due date in working days, double submission, ticking
each document off (linked to the case file's copy) until complete, overdue with its
consequence, cancelling, and the printed list read back from the PDF."""

from __future__ import annotations

import datetime as dt
import threading
import uuid

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from community_centre.calendar import add_working_days
from community_centre.models import AccessLog, CentreProfile
from community_centre.submissions import ALREADY_SAVED, submitted_once
from requests.actions.document_requests import RequestedDocument, docreq_create
from requests.exceptions import RequestError
from requests.models import DocumentRequest, DocumentRequestItem
from tests import pdf
from tests.beneficiaries.factories import BeneficiaryFactory, DocumentFactory, DocumentTypeFactory
from tests.helpers import query_count
from tests.once import create_once
from tests.requests.factories import (
    AssistanceRequestFactory,
    DocumentRequestFactory,
    DocumentRequestItemFactory,
)

pytestmark = pytest.mark.django_db

EXCLUSION = (
    "Σε περίπτωση μη προσκόμισης, ενδέχεται να εξαιρεθείτε από προγράμματα των οποίων "
    "οφείλετε να τηρείτε τις προϋποθέσεις και να μην καταστείτε ωφελούμενοι."
)


@pytest.fixture
def centre(db) -> CentreProfile:
    return CentreProfile.objects.create(
        name="Κέντρο Κοινότητας Δήμου Καρπενησίου",
        municipality="Δήμος Καρπενησίου",
        town="Καρπενήσι",
        phones="2237 3 52200, 2237 3 52221",
    )


@pytest.fixture
def person(db):
    return BeneficiaryFactory(surname="Κωνσταντίνου", given_name="Ελένη", father_name="Πέτρος")


@pytest.fixture
def types(db):
    return {
        "identity": DocumentTypeFactory(code="identity", name="Αστυνομική ταυτότητα"),
        "e1": DocumentTypeFactory(code="tax-return-e1", name="Φορολογική δήλωση (Ε1)"),
        "iban": DocumentTypeFactory(code="iban", name="Βεβαίωση IBAN"),
        "old": DocumentTypeFactory(code="old", name="Βιβλιάριο απορίας", is_active=False),
    }


def create_url(person) -> str:
    return reverse("requests:docreq_create", kwargs={"beneficiary_pk": person.pk})


def detail_url(docreq) -> str:
    return reverse("requests:docreq_detail", kwargs={"pk": docreq.pk})


def post_create(client, person, chosen, **fields):
    data = {
        "submission_token": str(uuid.uuid4()),
        "document_types": [t.pk for t in chosen],
        "due_working_days": "10",
        **fields,
    }
    return client.post(create_url(person), data)


# --- creating ---------------------------------------------------------------------------------


def test_a_worker_asks_for_documents_due_in_ten_working_days(
    worker_client, social_worker, person, types
):
    request = AssistanceRequestFactory(beneficiary=person, status="in_progress")
    response = post_create(
        worker_client,
        person,
        [types["identity"], types["e1"]],
        **{f"detail_{types['e1'].pk}": "του 2025", "assistance_request": request.pk},
        note="Τηλεφωνεί την Πέμπτη.",
    )
    docreq = DocumentRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == detail_url(docreq)
    today = timezone.localdate()
    assert docreq.requested_on == today
    assert (docreq.due_working_days, docreq.due_date) == (10, add_working_days(today, 10))
    assert docreq.status == DocumentRequest.Status.OPEN
    assert (docreq.beneficiary, docreq.created_by) == (person, social_worker)
    assert docreq.assistance_request == request and docreq.note == "Τηλεφωνεί την Πέμπτη."
    lines = [(i.document_type.name, i.description) for i in docreq.items.order_by("pk")]
    assert lines == [("Αστυνομική ταυτότητα", ""), ("Φορολογική δήλωση (Ε1)", "του 2025")]
    request.refresh_from_db()
    assert request.last_action_at > timezone.now() - dt.timedelta(minutes=1)


def test_the_worker_may_type_another_number_of_working_days(worker_client, person, types):
    post_create(worker_client, person, [types["iban"]], due_working_days="3")
    docreq = DocumentRequest.objects.get()
    assert docreq.due_working_days == 3
    assert docreq.due_date == add_working_days(docreq.requested_on, 3)


def test_the_form_offers_active_types_and_says_the_default_due_date(worker_client, person, types):
    response = worker_client.get(create_url(person))
    html = response.content.decode()
    assert "Αστυνομική ταυτότητα" in html and "Βιβλιάριο απορίας" not in html
    due = add_working_days(timezone.localdate(), 10).strftime("%d/%m/%Y")
    assert "Με 10 εργάσιμες: έως" in html and due in html
    assert response.context["form"]["due_working_days"].value() == 10


def test_the_same_form_sent_twice_creates_one_document_request(worker_client, person, types):
    token = str(uuid.uuid4())
    first = post_create(worker_client, person, [types["iban"]], submission_token=token)
    second = post_create(worker_client, person, [types["iban"]], submission_token=token)
    docreq = DocumentRequest.objects.get()
    assert DocumentRequestItem.objects.count() == 1
    assert first["Location"] == second["Location"] == detail_url(docreq)
    messages = [str(m) for m in worker_client.get(detail_url(docreq)).context["messages"]]
    assert [str(ALREADY_SAVED)] == messages[-1:]


def test_a_second_submission_finds_the_first_record(social_worker, person, types):
    token = uuid.uuid4()
    lines = [RequestedDocument(types["identity"])]

    def create():
        return docreq_create(beneficiary=person, documents=lines, actor=social_worker)

    first = create_once(token, create)
    assert create_once(token, create) == first
    assert DocumentRequest.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_submissions_at_the_same_moment_create_one_document_request(
    social_worker, person, types
):
    """The second waits on the token's lock while the first is saving, then finds it."""
    token, lines = uuid.uuid4(), [RequestedDocument(types["iban"])]
    saved, release = threading.Event(), threading.Event()

    def first_click() -> None:
        try:
            with submitted_once(token) as once:
                once.keep(docreq_create(beneficiary=person, documents=lines, actor=social_worker))
                saved.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=first_click)
    thread.start()
    assert saved.wait(10)
    threading.Timer(0.5, release.set).start()
    second = create_once(
        token, lambda: docreq_create(beneficiary=person, documents=lines, actor=social_worker)
    )
    thread.join(10)
    assert second == DocumentRequest.objects.get()
    assert DocumentRequestItem.objects.count() == 1


def test_nothing_chosen_is_refused_beside_the_checklist_and_nothing_is_saved(
    worker_client, person, types
):
    response = post_create(worker_client, person, [], due_working_days="12")
    assert response.status_code == 200
    assert response.context["form"].errors["document_types"] == [
        "Επιλέξτε τουλάχιστον ένα δικαιολογητικό."
    ]
    html = response.content.decode()
    assert 'id="document_types_error"' in html and 'value="12"' in html
    assert not DocumentRequest.objects.exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("δέκα", "Γράψτε έναν ακέραιο αριθμό εργάσιμων ημερών (π.χ. 10)."),
        ("0", "Η προθεσμία είναι τουλάχιστον μία εργάσιμη ημέρα."),
        ("400", "Η προθεσμία είναι το πολύ 60 εργάσιμες ημέρες."),
    ],
)
def test_an_impossible_number_of_working_days_keeps_what_was_typed(
    worker_client, person, types, typed, message
):
    detail = f"detail_{types['identity'].pk}"
    response = post_create(
        worker_client, person, [types["identity"]], due_working_days=typed, **{detail: "νέα"}
    )
    assert response.context["form"].errors["due_working_days"] == [message]
    html = response.content.decode()
    assert f'value="{typed}"' in html and 'value="νέα"' in html
    checkbox = (
        f'value="{types["identity"].pk}" id="id_document_types_{types["identity"].pk}" checked'
    )
    assert checkbox in html
    assert not DocumentRequest.objects.exists()


def test_a_clarification_for_an_unticked_document_is_not_dropped_silently(
    worker_client, person, types
):
    detail = f"detail_{types['e1'].pk}"
    response = post_create(worker_client, person, [types["identity"]], **{detail: "του 2024"})
    assert response.context["form"].errors[detail] == [
        "Επιλέξτε και το δικαιολογητικό ή σβήστε τη διευκρίνιση."
    ]
    assert not DocumentRequest.objects.exists()


def test_a_type_no_longer_in_use_is_refused(worker_client, person, types):
    response = post_create(worker_client, person, [types["old"]])
    assert response.context["form"].errors["document_types"] == [
        "Το δικαιολογητικό αυτό δεν είναι πια σε χρήση."
    ]
    assert not DocumentRequest.objects.exists()


def test_only_an_open_request_of_the_same_person_can_be_linked(social_worker, person, types):
    others = AssistanceRequestFactory(beneficiary=BeneficiaryFactory())
    with pytest.raises(RequestError, match="ανοικτό αίτημα αυτού του φακέλου"):
        docreq_create(
            beneficiary=person,
            documents=[RequestedDocument(types["identity"])],
            assistance_request=others,
            actor=social_worker,
        )
    assert not DocumentRequest.objects.exists()


# --- ticking off ------------------------------------------------------------------------------


@pytest.fixture
def docreq(person, social_worker, types):
    docreq = DocumentRequestFactory(
        beneficiary=person,
        created_by=social_worker,
        requested_on=timezone.localdate() - dt.timedelta(days=3),
        due_date=timezone.localdate() + dt.timedelta(days=10),
    )
    for key in ("identity", "e1"):
        DocumentRequestItemFactory(document_request=docreq, document_type=types[key])
    return docreq


def receive(client, docreq, item, **fields):
    url = reverse("requests:docreq_item_receive", kwargs={"pk": docreq.pk, "item_pk": item.pk})
    prefix = f"item-{item.pk}"
    data = {f"{prefix}-{name}": value for name, value in fields.items()}
    return client.post(url, data)


def test_ticking_an_item_links_the_case_files_copy_and_records_the_day(
    worker_client, docreq, person, social_worker, types
):
    copy = DocumentFactory(
        beneficiary=person, document_type=types["identity"], uploaded_by=social_worker
    )
    item = docreq.items.get(document_type=types["identity"])
    today = timezone.localdate()
    response = receive(
        worker_client, docreq, item, document=copy.pk, received_on=today.strftime("%d/%m/%Y")
    )
    item.refresh_from_db()
    docreq.refresh_from_db()
    assert (item.received_document, item.received_on) == (copy, today)
    assert docreq.status == DocumentRequest.Status.OPEN
    assert response["Location"] == detail_url(docreq)


def test_the_case_files_new_copy_of_that_type_is_proposed(worker_client, docreq, person, types):
    DocumentFactory(beneficiary=person, document_type=types["e1"], description="Ε1 2023")
    docreq.requested_on = timezone.localdate() - dt.timedelta(days=400)
    docreq.save()
    newest = DocumentFactory(beneficiary=person, document_type=types["e1"], description="Ε1 2025")
    response = worker_client.get(detail_url(docreq))
    form = dict(response.context["rows"])[docreq.items.get(document_type=types["e1"])]
    assert form["document"].value() == newest.pk
    html = response.content.decode()
    assert f'<option value="{newest.pk}" selected>' in html  # offered in the list, and chosen
    assert "Ε1 2023" in html


def test_ticking_every_item_completes_the_request(worker_client, docreq, social_worker):
    day = timezone.localdate().strftime("%d/%m/%Y")
    for item in docreq.items.all():
        receive(worker_client, docreq, item, document="", received_on=day)
    docreq.refresh_from_db()
    assert docreq.status == DocumentRequest.Status.COMPLETE
    assert not docreq.items.filter(received_on__isnull=True).exists()
    page = worker_client.get(detail_url(docreq))
    assert "Προσκομίστηκαν όλα τα δικαιολογητικά." in [str(m) for m in page.context["messages"]]
    assert "Εκπρόθεσμο" not in page.content.decode()


def test_an_item_ticked_twice_is_refused_and_keeps_the_first_tick(
    worker_client, docreq, social_worker
):
    from requests.actions.document_requests import docreq_item_receive

    item = docreq.items.first()
    first_day = timezone.localdate() - dt.timedelta(days=1)
    docreq_item_receive(item=item, received_on=first_day, actor=social_worker)
    with pytest.raises(RequestError, match="έχει ήδη σημειωθεί"):
        docreq_item_receive(item=item, received_on=timezone.localdate(), actor=social_worker)
    item.refresh_from_db()
    assert item.received_on == first_day


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/02/2026", "Δεν υπάρχει τέτοια ημερομηνία."),
        ("01/01/2099", "Η ημερομηνία προσκόμισης δεν μπορεί να είναι μελλοντική."),
    ],
)
def test_a_bad_receipt_date_is_shown_beside_the_item_and_nothing_is_saved(
    worker_client, docreq, typed, message
):
    item = docreq.items.first()
    response = receive(worker_client, docreq, item, document="", received_on=typed)
    assert response.status_code == 200
    rows = dict(response.context["rows"])
    assert rows[item].errors["received_on"] == [message]
    assert f'value="{typed}"' in response.content.decode()
    item.refresh_from_db()
    assert item.received_on is None


def test_a_document_of_another_persons_file_cannot_be_linked(worker_client, docreq):
    strangers = DocumentFactory(beneficiary=BeneficiaryFactory())
    item = docreq.items.first()
    day = timezone.localdate().strftime("%d/%m/%Y")
    response = receive(worker_client, docreq, item, document=strangers.pk, received_on=day)
    assert "document" in dict(response.context["rows"])[item].errors
    item.refresh_from_db()
    assert item.received_document is None and item.received_on is None


# --- overdue and cancelled --------------------------------------------------------------------


def test_an_open_request_past_its_due_date_is_flagged_with_the_consequence(worker_client, docreq):
    docreq.due_date = timezone.localdate() - dt.timedelta(days=1)
    docreq.save()
    response = worker_client.get(detail_url(docreq))
    assert response.context["overdue"] is True
    html = response.content.decode()
    assert "Εκπρόθεσμο" in html and EXCLUSION in html
    assert "λείπουν 2 δικαιολογητικά" in html


def test_a_request_due_today_is_not_yet_overdue(worker_client, docreq):
    docreq.due_date = timezone.localdate()
    docreq.save()
    response = worker_client.get(detail_url(docreq))
    assert response.context["overdue"] is False
    assert EXCLUSION not in response.content.decode()


def test_a_complete_or_cancelled_request_is_never_overdue(docreq):
    past = timezone.localdate() - dt.timedelta(days=30)
    docreq.due_date = past
    for status in (DocumentRequest.Status.COMPLETE, DocumentRequest.Status.CANCELLED):
        docreq.status = status
        assert not docreq.is_overdue_on(timezone.localdate())


def test_cancelling_keeps_the_reason_in_the_note_and_stops_ticking(
    worker_client, docreq, social_worker
):
    url = reverse("requests:docreq_cancel", kwargs={"pk": docreq.pk})
    response = worker_client.post(url, {"reason": "Αποσύρθηκε η αίτηση ΕΕΕ"})
    docreq.refresh_from_db()
    assert docreq.status == DocumentRequest.Status.CANCELLED
    assert "Αποσύρθηκε η αίτηση ΕΕΕ" in docreq.note
    assert social_worker.get_full_name() in docreq.note
    assert response["Location"] == detail_url(docreq)
    item = docreq.items.first()
    receive(
        worker_client,
        docreq,
        item,
        document="",
        received_on=timezone.localdate().strftime("%d/%m/%Y"),
    )
    item.refresh_from_db()
    assert item.received_on is None


def test_cancelling_without_a_reason_is_refused_beside_the_field(worker_client, docreq):
    url = reverse("requests:docreq_cancel", kwargs={"pk": docreq.pk})
    response = worker_client.post(url, {"reason": "  "})
    assert response.status_code == 200
    assert response.context["cancel_form"].errors["reason"] == ["Γράψτε τον λόγο της ακύρωσης."]
    docreq.refresh_from_db()
    assert docreq.status == DocumentRequest.Status.OPEN


# --- the page and the printed list ------------------------------------------------------------


def test_the_detail_page_makes_the_same_queries_for_two_and_twelve_documents(
    worker_client, docreq, person, types, social_worker
):
    DocumentFactory(beneficiary=person, document_type=types["identity"], uploaded_by=social_worker)
    few = query_count(worker_client, detail_url(docreq))
    for n in range(10):
        document_type = DocumentTypeFactory(code=f"type-{n}", name=f"Είδος {n}")
        item = DocumentRequestItemFactory(document_request=docreq, document_type=document_type)
        copy = DocumentFactory(
            beneficiary=person, document_type=document_type, uploaded_by=social_worker
        )
        if n % 2:
            item.received_document, item.received_on = copy, timezone.localdate()
            item.save()
    many = query_count(worker_client, detail_url(docreq))
    assert many == few
    assert many <= 12


def test_the_detail_page_is_logged_as_a_view_of_the_case_file(worker_client, docreq, social_worker):
    worker_client.get(detail_url(docreq))
    log = AccessLog.objects.get()
    assert (log.user, log.beneficiary_id, log.action) == (
        social_worker,
        docreq.beneficiary_id,
        AccessLog.Action.VIEW_SECTION,
    )


def pdf_text(response) -> str:
    reader = pdf.read(response.content)
    assert pdf.first_page_size(reader) == [595.28, 841.89]
    return pdf.text(reader)


def test_the_printed_list_names_the_person_each_document_the_date_and_the_consequence(
    worker_client, docreq, social_worker, centre
):
    docreq.due_date = dt.date(2026, 12, 11)  # a Friday
    docreq.save()
    docreq.items.filter(document_type__code="tax-return-e1").update(description="του 2025")
    response = worker_client.get(reverse("requests:docreq_pdf", kwargs={"pk": docreq.pk}))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response)
    for expected in [
        "Δικαιολογητικά που πρέπει να προσκομίσετε",
        "Κωνσταντίνου Ελένη",
        "Αστυνομική ταυτότητα",
        "Φορολογική δήλωση (Ε1)",
        "του 2025",
        "Προσκομίστε τα έως: Παρασκευή 11/12/2026",
        "Δευτέρα έως Παρασκευή, 07:00–15:00",
        "2237 3 52200",
        EXCLUSION,
        social_worker.get_full_name(),
    ]:
        assert expected in text, expected
    log = AccessLog.objects.get()
    assert (log.action, log.beneficiary_id) == (AccessLog.Action.PRINT, docreq.beneficiary_id)


def test_the_printed_list_ticks_what_already_arrived(worker_client, docreq, centre):
    docreq.items.filter(document_type__code="identity").update(received_on=timezone.localdate())
    text = pdf_text(worker_client.get(reverse("requests:docreq_pdf", kwargs={"pk": docreq.pk})))
    assert text.count("✓") == 2  # the column's heading and the one item that arrived
    assert f"προσκομίστηκε {timezone.localdate():%d/%m/%Y}" in text
