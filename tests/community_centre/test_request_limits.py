"""Bodies larger than REQUEST_MAX_BYTES are refused from their Content-Length, before reading."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from beneficiaries.models import Document, DocumentType
from tests.beneficiaries.factories import BeneficiaryFactory

pytestmark = pytest.mark.django_db

TWO_HUNDRED_MB = 200 * 1024 * 1024


def test_the_cap_is_a_little_above_the_document_limit():
    assert settings.REQUEST_MAX_BYTES == settings.DOCUMENT_MAX_BYTES + 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == settings.REQUEST_MAX_BYTES
    assert settings.MIDDLEWARE[0] == "community_centre.middleware.RequestSizeLimitMiddleware"


def test_an_upload_over_the_cap_answers_413_in_greek_and_saves_nothing(worker_client, settings):
    settings.REQUEST_MAX_BYTES = 2000
    person = BeneficiaryFactory()
    data = {
        "document_type": DocumentType.objects.create(code="id", name="Ταυτότητα").pk,
        "file": SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * 3000),
    }
    response = worker_client.post(
        reverse("beneficiaries:document_upload", kwargs={"pk": person.pk}), data
    )
    assert response.status_code == 413
    assert response.content.decode() == "Το αίτημα είναι πολύ μεγάλο: το όριο είναι 2,0\xa0KB."
    assert not Document.objects.exists()


def test_an_announced_200_mb_body_is_refused_unread(client):
    response = client.post(
        reverse("login"), {"username": "maria"}, CONTENT_LENGTH=str(TWO_HUNDRED_MB)
    )
    assert response.status_code == 413
    assert "το όριο είναι 11,0\xa0MB" in response.content.decode()
    assert response.wsgi_request._read_started is False  # the body was never touched


def test_the_refusal_follows_the_chosen_language(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(reverse("login"), {}, CONTENT_LENGTH=str(TWO_HUNDRED_MB))
    assert response.content.decode().startswith("The request is too large")


def test_a_body_within_the_cap_reaches_the_view(client):
    response = client.post(reverse("login"), {"username": "maria", "password": "x"})
    assert response.status_code == 200
