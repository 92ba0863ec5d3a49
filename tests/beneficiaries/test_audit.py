"""Who saw and who changed a case file: access log on every view, auditlog on every change."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from beneficiaries import actions
from community_centre.models import AccessLog
from tests.beneficiaries.factories import (
    BeneficiaryFactory,
    DocumentFactory,
    HouseholdMemberFactory,
)

pytestmark = pytest.mark.django_db


def test_viewing_a_case_file_writes_an_access_log_entry(worker_client, social_worker):
    beneficiary = BeneficiaryFactory()
    worker_client.get(reverse("beneficiaries:detail", args=[beneficiary.pk]))
    entry = AccessLog.objects.get(beneficiary_id=beneficiary.pk)
    assert entry.user == social_worker
    assert entry.action == AccessLog.Action.VIEW_CASE_FILE


def test_downloading_a_document_writes_an_access_log_entry(worker_client, social_worker):
    document = DocumentFactory(uploaded_by=social_worker)
    url = reverse("beneficiaries:document_download", args=[document.beneficiary_id, document.pk])
    response = worker_client.get(url)
    assert response.status_code == 200
    assert AccessLog.objects.filter(
        beneficiary_id=document.beneficiary_id, action=AccessLog.Action.DOWNLOAD_DOCUMENT
    ).exists()


def test_changes_to_the_file_and_its_records_are_logged_with_the_beneficiary(social_worker):
    beneficiary = BeneficiaryFactory()
    member = HouseholdMemberFactory(beneficiary=beneficiary)
    member.delete()
    actions.beneficiary_close(beneficiary=beneficiary, reason="Μετακόμισε", actor=social_worker)
    logged = LogEntry.objects.filter(additional_data__beneficiary_id=beneficiary.pk)
    models = {entry.content_type.model for entry in logged}
    assert {"beneficiary", "householdmember", "casestatuschange"} <= models
    assert logged.filter(action=LogEntry.Action.DELETE).exists()


def test_the_coordinator_sees_who_viewed_and_who_changed_a_file(client, social_worker, coordinator):
    beneficiary = BeneficiaryFactory()
    client.force_login(social_worker)
    client.post(reverse("beneficiaries:close", args=[beneficiary.pk]), {"reason": "Μετακόμισε"})
    client.get(reverse("beneficiaries:detail", args=[beneficiary.pk]))
    client.force_login(coordinator)
    response = client.get(reverse("beneficiaries:history", args=[beneficiary.pk]))
    assert response.status_code == 200
    views = list(response.context["views"])
    changes = list(response.context["changes"])
    assert any(v.user == social_worker for v in views)
    assert any(c.actor == social_worker for c in changes)
    assert social_worker.username in response.content.decode() or str(social_worker) in (
        response.content.decode()
    )


def test_a_social_worker_cannot_read_the_audit_trail(worker_client):
    beneficiary = BeneficiaryFactory()
    response = worker_client.get(reverse("beneficiaries:history", args=[beneficiary.pk]))
    assert response.status_code == 403


def test_opening_the_edit_page_is_logged_as_a_view_of_the_file(worker_client, social_worker):
    beneficiary = BeneficiaryFactory()
    worker_client.get(reverse("beneficiaries:edit", args=[beneficiary.pk]))
    entry = AccessLog.objects.get(beneficiary_id=beneficiary.pk)
    assert (entry.user, entry.action) == (social_worker, AccessLog.Action.VIEW_SECTION)
