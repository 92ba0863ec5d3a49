"""Documents of a case file: checked uploads, private storage, and downloads through the gate."""

from __future__ import annotations

import hashlib
import io
import re
import struct
import zlib
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfWriter

from beneficiaries.models import Document, DocumentType
from community_centre.models import AccessLog
from tests.beneficiaries.factories import BeneficiaryFactory

# --- real files, made here -----------------------------------------------------------------------


def pdf_bytes(*, password: str | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(user_password=password, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def image_bytes(kind: str, size: tuple[int, int] = (60, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (180, 40, 40)).save(buffer, kind)
    return buffer.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def huge_png_bytes(side: int) -> bytes:
    """A few dozen bytes that claim side × side pixels (a decompression bomb)."""
    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + _png_chunk(b"IEND", b"")
    )


def truncated(content: bytes) -> bytes:
    """The first half of a file, as an interrupted upload or copy leaves it."""
    return content[: len(content) // 2]


# --- fixtures and helpers ------------------------------------------------------------------------


@pytest.fixture
def private_root(settings, tmp_path) -> Path:
    """Each test stores into its own folder, so counting files is not disturbed by other runs."""
    root = tmp_path / "documents"
    settings.PRIVATE_MEDIA_ROOT = root
    default = settings.STORAGES["default"]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**default, "OPTIONS": {**default["OPTIONS"], "location": root}},
    }
    return root


@pytest.fixture
def person(db):
    return BeneficiaryFactory()


@pytest.fixture
def doc_type(db) -> DocumentType:
    return DocumentType.objects.create(code="tax-assessment", name="Εκκαθαριστικό εφορίας")


def stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def upload(client, person, doc_type, name: str, content: bytes, **fields):
    data = {
        "document_type": doc_type.pk,
        "description": "Φορολογικό έτος 2025",
        "issued_on": "",
        "expires_on": "",
        "file": SimpleUploadedFile(name, content, content_type="application/octet-stream"),
        **fields,
    }
    url = reverse("beneficiaries:document_upload", kwargs={"pk": person.pk})
    return client.post(url, data)


def download_url(beneficiary_pk: int, document: Document) -> str:
    return reverse(
        "beneficiaries:document_download", kwargs={"pk": beneficiary_pk, "doc_pk": document.pk}
    )


def field_error(html: str, field: str) -> str:
    """The error text shown beside one field: the element its input is described by."""
    assert re.search(rf'<input[^>]*id="id_{field}"[^>]*aria-describedby="id_{field}_error"', html)
    match = re.search(rf'id="id_{field}_error"[^>]*>(.*?)</div>', html, re.DOTALL)
    assert match, f"no error shown beside {field}"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


# --- accepted uploads ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("εκκαθαριστικό 2025.pdf", pdf_bytes(), "application/pdf"),
        ("scan.png", image_bytes("PNG"), "image/png"),
        ("photo.JPG", image_bytes("JPEG"), "image/jpeg"),
        ("photo.jpeg", image_bytes("JPEG"), "image/jpeg"),
    ],
)
def test_a_real_pdf_or_image_is_stored_with_its_checked_facts(
    worker_client, social_worker, person, doc_type, private_root, name, content, content_type
):
    response = upload(worker_client, person, doc_type, name, content, issued_on="10/04/2026")

    assert response.status_code == 302
    assert response["Location"] == f"{person.get_absolute_url()}#documents"
    document = Document.objects.get(beneficiary=person)
    assert document.original_name == name
    assert document.content_type == content_type
    assert document.size == len(content)
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert document.uploaded_by == social_worker
    assert document.document_type == doc_type
    assert document.issued_on.isoformat() == "2026-04-10"
    stored = Path(document.file.path)
    assert content not in stored.read_bytes()  # encrypted at rest
    with document.file.open("rb") as opened:
        assert opened.read() == content
    assert document.file.size == len(content)
    assert stored.is_relative_to(private_root)
    assert stored_files(private_root) == [stored]


def test_the_stored_name_is_random_and_keeps_nothing_of_the_original(
    worker_client, person, doc_type, private_root
):
    upload(worker_client, person, doc_type, "Ταυτότητα Παπαδόπουλου.pdf", pdf_bytes())

    document = Document.objects.get()
    stored_name = Path(document.file.name).name
    assert re.fullmatch(r"[0-9a-f]{32}", stored_name)
    assert document.file.name == f"beneficiaries/{person.pk}/{stored_name}"


# --- refused uploads -----------------------------------------------------------------------------

REFUSALS = [
    pytest.param(
        "tautotita.pdf",
        image_bytes("PNG"),
        "Το περιεχόμενο του αρχείου δεν είναι το PDF που δηλώνει το όνομά του.",
        id="pdf-that-is-a-png",
    ),
    pytest.param(
        "scan.png",
        "Αυτό είναι κείμενο, όχι εικόνα.\n".encode() * 20,
        "Το περιεχόμενο του αρχείου δεν είναι το PNG που δηλώνει το όνομά του.",
        id="png-that-is-text",
    ),
    pytest.param(
        "scan.jpg",
        image_bytes("PNG"),
        "Το περιεχόμενο του αρχείου δεν είναι το JPG που δηλώνει το όνομά του.",
        id="jpg-that-is-a-png",
    ),
    pytest.param(
        "setup.exe",
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200,
        "Επιτρέπονται μόνο αρχεία PDF, JPEG ή PNG.",
        id="exe",
    ),
    pytest.param(
        "no-extension",
        pdf_bytes(),
        "Επιτρέπονται μόνο αρχεία PDF, JPEG ή PNG.",
        id="no-extension",
    ),
    pytest.param("empty.pdf", b"", "Το αρχείο που υποβλήθηκε είναι κενό.", id="empty"),
    pytest.param(
        "header-only.pdf",
        b"%PDF-1.7\n%%EOF\n",
        "Το περιεχόμενο του αρχείου δεν είναι το PDF που δηλώνει το όνομά του.",
        id="pdf-header-only",
    ),
    pytest.param(
        "cut.jpg",
        truncated(image_bytes("JPEG", (400, 300))),
        "Το περιεχόμενο του αρχείου δεν είναι το JPG που δηλώνει το όνομά του.",
        id="truncated-jpeg",
    ),
    pytest.param(
        "cut.png",
        truncated(image_bytes("PNG", (200, 200))),
        "Το περιεχόμενο του αρχείου δεν είναι το PNG που δηλώνει το όνομά του.",
        id="truncated-png",
    ),
    pytest.param(
        "cut.pdf",
        truncated(pdf_bytes()),
        "Το περιεχόμενο του αρχείου δεν είναι το PDF που δηλώνει το όνομά του.",
        id="truncated-pdf",
    ),
    pytest.param(
        "locked.pdf",
        pdf_bytes(password="1234"),
        "Το PDF είναι κλειδωμένο με συνθηματικό και δεν μπορεί να ελεγχθεί.",
        id="password-locked-pdf",
    ),
    pytest.param(
        "bomb.png",
        huge_png_bytes(30_000),  # past Pillow's own error threshold
        "Η εικόνα έχει υπερβολικά μεγάλες διαστάσεις.",
        id="decompression-bomb",
    ),
    pytest.param(
        "bomb.png",
        huge_png_bytes(10_000),  # where Pillow only warns
        "Η εικόνα έχει υπερβολικά μεγάλες διαστάσεις.",
        id="decompression-bomb-pillow-only-warns-of",
        marks=pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning"),
    ),
    pytest.param(
        "animation.png",
        image_bytes("GIF"),
        "Το περιεχόμενο του αρχείου δεν είναι το PNG που δηλώνει το όνομά του.",
        id="png-that-is-a-gif",
    ),
]


@pytest.mark.parametrize(("name", "content", "message"), REFUSALS)
def test_a_bad_file_is_refused_beside_the_field_and_nothing_is_saved(
    worker_client, person, doc_type, private_root, name, content, message
):
    response = upload(worker_client, person, doc_type, name, content)

    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert any(error.startswith(message) for error in errors), errors
    assert message in field_error(response.content.decode(), "file")
    assert not Document.objects.exists()
    assert stored_files(private_root) == []


def test_a_file_over_the_size_limit_is_refused_with_the_limit(
    worker_client, person, doc_type, private_root, settings
):
    content = pdf_bytes()
    settings.DOCUMENT_MAX_BYTES = len(content) - 1

    response = upload(worker_client, person, doc_type, "big.pdf", content)

    assert response.status_code == 200
    [error] = response.context["form"].errors["file"]
    assert error.startswith("Το αρχείο είναι ")
    assert "το όριο είναι" in error
    assert "το όριο είναι" in field_error(response.content.decode(), "file")
    assert not Document.objects.exists()
    assert stored_files(private_root) == []


def test_a_refused_upload_spooled_to_disk_leaves_no_temporary_file(
    worker_client, person, doc_type, private_root, settings, tmp_path
):
    spool = tmp_path / "spool"
    spool.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(spool)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 100  # every upload of this test goes to a temp file
    content = image_bytes("PNG", (300, 300))
    assert len(content) > 100

    response = upload(worker_client, person, doc_type, "really-a-png.pdf", content)

    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    spooled = response.wsgi_request.FILES["file"]
    assert isinstance(spooled, TemporaryUploadedFile)
    assert Path(spooled.temporary_file_path()).parent == spool
    assert list(spool.iterdir()) == []
    assert stored_files(private_root) == []


def test_a_good_file_with_a_bad_date_is_not_kept(worker_client, person, doc_type, private_root):
    response = upload(
        worker_client,
        person,
        doc_type,
        "ok.pdf",
        pdf_bytes(),
        issued_on="10/04/2026",
        expires_on="01/04/2026",
    )

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Document.objects.exists()
    assert stored_files(private_root) == []


def test_anonymous_cannot_upload(client, person, doc_type, private_root):
    response = upload(client, person, doc_type, "ok.pdf", pdf_bytes())

    assert response.status_code == 302
    assert reverse("login") in response["Location"]
    assert not Document.objects.exists()
    assert stored_files(private_root) == []


def test_the_administrator_cannot_upload_to_a_case_file(
    client, administrator, person, doc_type, private_root
):
    client.force_login(administrator)

    response = upload(client, person, doc_type, "ok.pdf", pdf_bytes())

    assert response.status_code in (403, 404)
    assert not Document.objects.exists()
    assert stored_files(private_root) == []


# --- downloads -----------------------------------------------------------------------------------


@pytest.fixture
def uploaded(worker_client, person, doc_type, private_root):
    """A PDF uploaded through the view, and its bytes."""
    content = pdf_bytes()
    assert upload(worker_client, person, doc_type, "tax-2025.pdf", content).status_code == 302
    return Document.objects.get(beneficiary=person), content


def test_download_gives_the_same_bytes_as_an_attachment_and_is_logged(
    worker_client, social_worker, person, uploaded
):
    document, content = uploaded

    response = worker_client.get(download_url(person.pk, document))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="tax-2025.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    entry = AccessLog.objects.get(action=AccessLog.Action.DOWNLOAD_DOCUMENT)
    assert entry.user == social_worker
    assert entry.beneficiary_id == person.pk
    assert "tax-2025.pdf" in entry.detail


def test_a_greek_file_name_comes_back_encoded_for_the_browser(
    worker_client, person, doc_type, private_root
):
    name = "Εκκαθαριστικό 2025.pdf"
    upload(worker_client, person, doc_type, name, pdf_bytes())
    document = Document.objects.get()

    response = worker_client.get(download_url(person.pk, document))

    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote(name)}"


def test_inline_view_is_offered_on_request(worker_client, person, uploaded):
    document, _ = uploaded

    response = worker_client.get(download_url(person.pk, document), {"inline": "1"})

    assert response["Content-Disposition"].startswith("inline;")


def test_a_document_asked_for_under_another_case_file_is_404_and_not_logged(
    worker_client, person, uploaded
):
    document, _ = uploaded
    other = BeneficiaryFactory()

    response = worker_client.get(download_url(other.pk, document))

    assert response.status_code == 404
    assert not AccessLog.objects.filter(action=AccessLog.Action.DOWNLOAD_DOCUMENT).exists()


def test_anonymous_and_the_administrator_cannot_download(client, administrator, person, uploaded):
    document, _ = uploaded
    client.logout()
    anonymous = client.get(download_url(person.pk, document))
    client.force_login(administrator)
    admin = client.get(download_url(person.pk, document))

    assert anonymous.status_code == 302
    assert admin.status_code in (403, 404)
    assert not AccessLog.objects.filter(action=AccessLog.Action.DOWNLOAD_DOCUMENT).exists()


# --- where the files live ------------------------------------------------------------------------


def test_documents_live_under_the_private_root_and_no_url_serves_them(
    worker_client, person, doc_type
):
    """With the project's real storage settings: outside static files, unreachable by URL."""
    content = pdf_bytes()
    upload(worker_client, person, doc_type, "private.pdf", content)
    document = Document.objects.get()
    try:
        stored = Path(document.file.path).resolve()
        private_root = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
        assert stored.is_relative_to(private_root)
        assert Path(default_storage.location).resolve() == private_root
        public_dirs = [*settings.STATICFILES_DIRS, settings.STATIC_ROOT]
        for public in filter(None, public_dirs):
            assert not stored.is_relative_to(Path(public).resolve())
        for url in [
            f"/{document.file.name}",
            f"/{settings.STATIC_URL.strip('/')}/{document.file.name}",
            f"/media/{document.file.name}",
            f"/documents/{document.file.name}",
        ]:
            assert worker_client.get(url).status_code == 404, url
    finally:
        document.file.delete(save=False)


def test_an_upload_opened_from_another_page_returns_there(
    worker_client, person, doc_type, private_root
):
    back = "/requests/documents/1/"
    response = upload(worker_client, person, doc_type, "a.pdf", pdf_bytes(), next=back)
    assert response.status_code == 302 and response["Location"] == back


def test_an_upload_never_returns_to_another_site(worker_client, person, doc_type, private_root):
    response = upload(
        worker_client, person, doc_type, "a.pdf", pdf_bytes(), next="https://evil.example/"
    )
    assert response["Location"].startswith(person.get_absolute_url())
