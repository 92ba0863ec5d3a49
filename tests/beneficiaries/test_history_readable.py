"""The audit trail reads like the rest of the app: labels, local dd/mm/yyyy times, protocol
numbers, records named by what they are, no internal ids."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from requests.actions import assistance as actions
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.requests.factories import (
    AssistanceRequestFactory,
    DocumentRequestFactory,
    DocumentRequestItemFactory,
    InformationRequestFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(social_worker):
    person = BeneficiaryFactory()
    item = AssistanceRequestFactory(
        beneficiary=person, assigned_worker=social_worker, protocol_number=523
    )
    actions.request_move(
        assistance_request=item,
        to_status="in_progress",
        note="ξεκίνησε",
        next_step="τηλέφωνο",
        expected_version=item.updated_at,
        actor=social_worker,
    )
    DocumentRequestItemFactory(document_request=DocumentRequestFactory(beneficiary=person))
    InformationRequestFactory(beneficiary=person, protocol_number=524)
    return person


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_history_page_shows_labels_local_times_and_protocol_numbers(
    coordinator_client, history
):
    html = coordinator_client.get(reverse("beneficiaries:history", args=[history.pk]))
    page = text(html.content.decode())
    assert "Νέο → Σε εξέλιξη" in page
    assert "new → in_progress" not in page and "in_progress" not in page
    assert "Αλλαγή κατάστασης αιτήματος: 2026/000523 · Νέο → Σε εξέλιξη" in page
    assert "Αίτημα ενημέρωσης: 2026/000524" in page and "2026/000524 ενημέρωση" not in page
    assert "Αίτημα δικαιολογητικών: της 02/11/2026" in page
    assert not re.search(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", page)  # no ISO moments
    assert "+00:00" not in page and " ID " not in page
    assert "02/11/2026 09:30" in page  # the moment of receipt, in Athens time


def test_the_case_file_lists_what_each_recent_change_changed(worker_client, history):
    page = text(worker_client.get(history.get_absolute_url()).content.decode())
    assert "Κατάσταση: Νέο → Σε εξέλιξη" in page


def test_the_views_name_a_document_request_by_its_date_not_its_id(
    worker_client, coordinator, history
):
    docreq = history.document_requests.get()
    worker_client.get(reverse("requests:docreq_detail", args=[docreq.pk]))
    worker_client.force_login(coordinator)
    page = text(
        worker_client.get(reverse("beneficiaries:history", args=[history.pk])).content.decode()
    )
    assert "Αίτημα δικαιολογητικών της 02/11/2026" in page
    assert f"Αίτημα δικαιολογητικών {docreq.pk}" not in page
