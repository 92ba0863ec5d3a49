"""Document requests: ask a beneficiary for documents, print the list they take home, tick each
document off as it arrives, cancel."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from beneficiaries.views.common import get_case_file
from community_centre.audit import log_access, log_form_page
from community_centre.models import AccessLog, CentreProfile
from community_centre.pdf import pdf_response, render_pdf
from community_centre.submissions import already_saved, posted, submitted_once
from requests.actions import document_requests as actions
from requests.exceptions import RequestError
from requests.forms.document_requests import (
    DocumentReceiveForm,
    DocumentRequestCancelForm,
    DocumentRequestForm,
)
from requests.models import DocumentRequest


def detail_url(docreq: DocumentRequest) -> str:
    return reverse("requests:docreq_detail", kwargs={"pk": docreq.pk})


def get_docreq(request: HttpRequest, pk: int) -> DocumentRequest:
    """The document request `pk` if its case file is visible to the user; 404 otherwise."""
    queryset = DocumentRequest.objects.visible_to(request.user).select_related(
        "beneficiary", "assistance_request__category", "created_by"
    )
    return get_object_or_404(queryset, pk=pk)


@require_http_methods(["GET", "POST"])
@permission_required("requests.add_documentrequest", raise_exception=True)
def docreq_create(request: HttpRequest, beneficiary_pk: int) -> HttpResponse:
    beneficiary = get_case_file(request, beneficiary_pk)
    form = DocumentRequestForm(posted(request), beneficiary=beneficiary)
    if form.is_bound:
        with submitted_once(form.token) as once:
            if once.earlier is not None:
                return already_saved(request, detail_url(once.earlier))
            docreq = _register(request, form, beneficiary)
            if docreq is not None:
                once.keep(docreq)
                messages.success(
                    request, _("Το αίτημα δικαιολογητικών καταχωρίστηκε. Εκτυπώστε τη λίστα.")
                )
                return redirect(detail_url(docreq))
    log_form_page(request, beneficiary, _("Νέο αίτημα δικαιολογητικών"))
    return render(request, "requests/docreq_form.html", {"form": form, "b": beneficiary})


def _register(
    request: HttpRequest, form: DocumentRequestForm, beneficiary
) -> DocumentRequest | None:
    """The document request saved from a valid form; None, with the refusal on the form."""
    if not form.is_valid():
        return None
    try:
        return actions.docreq_create(
            beneficiary=beneficiary,
            documents=form.requested_documents(),
            due_working_days=form.cleaned_data["due_working_days"],
            assistance_request=form.cleaned_data["assistance_request"],
            note=form.cleaned_data["note"],
            actor=request.user,
        )
    except RequestError as error:
        form.add_error(None, str(error))
        return None


def _render_detail(
    request: HttpRequest,
    docreq: DocumentRequest,
    *,
    receive_form: DocumentReceiveForm | None = None,
    cancel_form: DocumentRequestCancelForm | None = None,
) -> HttpResponse:
    """The page of one document request; a refused tick or cancel shows its form's errors."""
    items = list(docreq.items.select_related("document_type", "received_document__document_type"))
    is_open = docreq.is_open
    rows = [(item, None) for item in items]
    if is_open and request.user.has_perm("requests.change_documentrequest"):
        documents = list(
            docreq.beneficiary.documents.select_related("document_type").order_by("-uploaded_at")
        )
        rows = [(item, _receive_form(item, documents, receive_form)) for item in items]
    today = timezone.localdate()
    received = sum(item.received_on is not None for item in items)
    context = {
        "docreq": docreq,
        "b": docreq.beneficiary,
        "rows": rows,
        "received": received,
        "missing": len(items) - received,
        "is_open": is_open,
        "overdue": docreq.is_overdue_on(today),
        "today": today,
        "cancel_form": cancel_form or DocumentRequestCancelForm(),
    }
    return render(request, "requests/docreq_detail.html", context)


def _receive_form(item, documents, refused: DocumentReceiveForm | None):
    if item.received_on is not None:
        return None
    if refused is not None and refused.item.pk == item.pk:
        return refused
    return DocumentReceiveForm(item=item, documents=documents)


@require_GET
@permission_required("requests.view_documentrequest", raise_exception=True)
def docreq_detail(request: HttpRequest, pk: int) -> HttpResponse:
    docreq = get_docreq(request, pk)
    log_access(
        request,
        docreq.beneficiary,
        AccessLog.Action.VIEW_SECTION,
        _("Αίτημα δικαιολογητικών %(docreq)s") % {"docreq": docreq},
    )
    return _render_detail(request, docreq)


@require_POST
@permission_required("requests.change_documentrequest", raise_exception=True)
def docreq_item_receive(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    docreq = get_docreq(request, pk)
    item = get_object_or_404(docreq.items.select_related("document_type"), pk=item_pk)
    documents = list(
        docreq.beneficiary.documents.select_related("document_type").order_by("-uploaded_at")
    )
    form = DocumentReceiveForm(request.POST, item=item, documents=documents)
    if not form.is_valid():
        return _render_detail(request, docreq, receive_form=form)
    try:
        actions.docreq_item_receive(
            item=item,
            received_on=form.cleaned_data["received_on"],
            document=form.cleaned_data["document"],
            actor=request.user,
        )
    except RequestError as error:
        messages.error(request, str(error))
    else:
        docreq.refresh_from_db(fields=["status"])
        if docreq.status == DocumentRequest.Status.COMPLETE:
            messages.success(request, _("Προσκομίστηκαν όλα τα δικαιολογητικά."))
        else:
            messages.success(
                request,
                _("Σημειώθηκε ότι προσκομίστηκε: %(name)s.") % {"name": item.document_type},
            )
    return redirect(detail_url(docreq))


@require_POST
@permission_required("requests.change_documentrequest", raise_exception=True)
def docreq_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    docreq = get_docreq(request, pk)
    form = DocumentRequestCancelForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, docreq, cancel_form=form)
    try:
        actions.docreq_cancel(docreq=docreq, reason=form.cleaned_data["reason"], actor=request.user)
    except RequestError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Το αίτημα δικαιολογητικών ακυρώθηκε."))
    return redirect(detail_url(docreq))


@require_GET
@permission_required("requests.view_documentrequest", raise_exception=True)
def docreq_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The list the person takes home: each document with a box, the date, hours, consequence."""
    docreq = get_docreq(request, pk)
    log_access(
        request,
        docreq.beneficiary,
        AccessLog.Action.PRINT,
        _("Λίστα δικαιολογητικών %(docreq)s") % {"docreq": docreq},
    )
    context = {
        "docreq": docreq,
        "b": docreq.beneficiary,
        "items": docreq.items.select_related("document_type"),
        "centre": CentreProfile.current(),
        "today": timezone.localdate(),
    }
    content = render_pdf("requests/pdf/document_list.html", context, request)
    return pdf_response(content, f"dikaiologitika-{docreq.pk}.pdf")
