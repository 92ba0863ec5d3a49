"""Documents of a case file: checked upload, and download only through this access gate."""

from __future__ import annotations

from functools import partial

from django.contrib.auth.decorators import permission_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from beneficiaries import actions
from beneficiaries.models import Document, DocumentType
from beneficiaries.record_forms import DocumentForm
from beneficiaries.views.common import get_case_file, get_record
from beneficiaries.views.records import record_form_view
from community_centre.audit import log_access
from community_centre.models import AccessLog


class _DocumentUploadForm(DocumentForm):
    """Fills the file's checked facts (type, size, hash, name) into the record before saving."""

    def save(self, commit: bool = True):
        document = super().save(commit=False)
        upload = self.cleaned_data["file"]
        document.original_name = upload.name[:200]
        document.content_type = self.checked.content_type
        document.size = self.checked.size
        document.sha256 = self.checked.sha256
        if commit:
            document.save()
        return document


@require_http_methods(["GET", "POST"])
@permission_required("beneficiaries.add_document", raise_exception=True)
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a document; `?consent=<id>` uploads the signed form of that consent record."""
    beneficiary = get_case_file(request, pk)
    consent = _consent_waiting(beneficiary, request.GET.get("consent"))
    initial = {}
    if consent is not None:
        signed_type = DocumentType.objects.filter(code=DocumentType.CONSENT_FORM).first()
        initial = {"document_type": signed_type, "issued_on": consent.informed_on}
    return record_form_view(
        request,
        beneficiary=beneficiary,
        form_class=_DocumentUploadForm,
        form_kwargs={"initial": initial},
        actor_field="uploaded_by",
        title=_("Υπογεγραμμένο έντυπο συναίνεσης") if consent else _("Νέο δικαιολογητικό"),
        done_message=_("Το δικαιολογητικό αποθηκεύτηκε."),
        anchor="#consent" if consent else "#documents",
        save=partial(actions.document_create, consent_id=consent.pk if consent else None),
    )


def _consent_waiting(beneficiary, raw: str | None):
    """The consent record of this file named by `raw` that still lacks its signed copy."""
    if not (raw or "").isdigit() or len(raw) > 18:
        return None
    return beneficiary.consents.filter(pk=int(raw), signed_copy__isnull=True).first()


@require_GET
@permission_required("beneficiaries.view_document", raise_exception=True)
def document_download(request: HttpRequest, pk: int, doc_pk: int) -> FileResponse:
    beneficiary = get_case_file(request, pk)
    document = get_record(request, Document, beneficiary, doc_pk)
    log_access(request, beneficiary, AccessLog.Action.DOWNLOAD_DOCUMENT, str(document))
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=request.GET.get("inline") != "1",
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
