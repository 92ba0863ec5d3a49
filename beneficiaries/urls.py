from django.urls import path

from beneficiaries.views import (
    case_file,
    documents,
    household,
    imports,
    intake,
    notes,
    printing,
    rectification,
    retention,
    search,
    special,
    subject_access,
)

app_name = "beneficiaries"

urlpatterns = [
    path("", search.beneficiary_list, name="list"),
    path("search/", search.quick_search, name="quick_search"),
    path("new/", intake.beneficiary_create, name="create"),
    path("<int:pk>/", case_file.beneficiary_detail, name="detail"),
    path("<int:pk>/edit/", case_file.beneficiary_edit, name="edit"),
    path("<int:pk>/rectify/", rectification.beneficiary_rectify_view, name="rectify"),
    path("<int:pk>/close/", case_file.beneficiary_close, name="close"),
    path("<int:pk>/reopen/", case_file.beneficiary_reopen, name="reopen"),
    path("<int:pk>/special/", special.special_show, name="special_show"),
    path("<int:pk>/special/hide/", special.special_hide, name="special_hide"),
    path("<int:pk>/history/", case_file.beneficiary_history, name="history"),
    path("<int:pk>/subject-access/", subject_access.subject_access, name="subject_access"),
    path(
        "<int:pk>/subject-access/export/",
        subject_access.subject_access_export,
        name="subject_access_export",
    ),
    path("<int:pk>/household/new/", household.member_create, name="member_create"),
    path("<int:pk>/household/<int:member_pk>/edit/", household.member_edit, name="member_edit"),
    path(
        "<int:pk>/household/<int:member_pk>/rectify/",
        rectification.member_rectify_view,
        name="member_rectify",
    ),
    path(
        "<int:pk>/household/<int:member_pk>/delete/", household.member_delete, name="member_delete"
    ),
    path("<int:pk>/representative/new/", household.representative_create, name="rep_create"),
    path(
        "<int:pk>/representative/<int:rep_pk>/edit/",
        household.representative_edit,
        name="rep_edit",
    ),
    path("<int:pk>/consent/new/", printing.consent_create, name="consent_create"),
    path("<int:pk>/consent/form.pdf", printing.consent_form_pdf, name="consent_pdf"),
    path("<int:pk>/documents/new/", documents.document_upload, name="document_upload"),
    path(
        "<int:pk>/documents/<int:doc_pk>/download/",
        documents.document_download,
        name="document_download",
    ),
    path("<int:pk>/notes/new/", notes.note_create, name="note_create"),
    path("<int:pk>/needs/new/", notes.need_create, name="need_create"),
    path("<int:pk>/needs/<int:need_pk>/edit/", notes.need_edit, name="need_edit"),
    path("<int:pk>/legal-hold/place/", retention.legal_hold_place, name="legal_hold_place"),
    path("<int:pk>/legal-hold/lift/", retention.legal_hold_lift, name="legal_hold_lift"),
    # «Διατήρηση δεδομένων» (the coordinator's).
    path("retention/", retention.retention_overview, name="retention"),
    path("retention/<int:pk>/edit/", retention.retention_policy_edit, name="retention_edit"),
    # The register import wizard (the coordinator's).
    path("import/", imports.import_upload, name="import_upload"),
    path("import/<int:pk>/mapping/", imports.import_mapping, name="import_mapping"),
    path("import/<int:pk>/preview/", imports.import_preview, name="import_preview"),
    path("import/<int:pk>/progress/", imports.import_progress, name="import_progress"),
    path("import/<int:pk>/status/", imports.import_status, name="import_status"),
    path("import/<int:pk>/report/", imports.import_report, name="import_report"),
    path("import/<int:pk>/errors.xlsx", imports.import_error_file, name="import_error_file"),
    path("import/<int:pk>/undo/", imports.import_undo, name="import_undo"),
]
