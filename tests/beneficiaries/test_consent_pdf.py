"""The GDPR information-and-consent form: recorded in the case file and printed as an A4 PDF."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from beneficiaries.choices import Sex
from beneficiaries.models import Consent, Representative
from community_centre.models import AccessLog, CentreProfile
from tests.beneficiaries.factories import BeneficiaryFactory, HouseholdMemberFactory
from tests.pdf import A4_POINTS, read
from tests.pdf import text as pdf_text

TICK = "✓"


@pytest.fixture
def centre(db) -> CentreProfile:
    """The Centre's profile as the seed page gives it (reference data loads the same)."""
    return CentreProfile.objects.create(
        name="Κέντρο Κοινότητας Δήμου Καρπενησίου",
        municipality="Δήμος Καρπενησίου",
        area="Περιοχή Αγίου Γεωργίου",
        town="Καρπενήσι",
        postal_code="36100",
        phones="2237 3 52200, 2237 3 52221",
        fax="2237 3 52224",
        emails="a.fakitsa@0716.syzefxis.gov.gr, m.trasteli@0716.syzefxis.gov.gr",
        privacy_notice_version="2027.2",
    )


@pytest.fixture
def person(db):
    return BeneficiaryFactory(
        surname="Παπαδοπούλου",
        given_name="Αικατερίνη",
        sex=Sex.FEMALE,
        father_name="Γεώργιος",
        date_of_birth=dt.date(1975, 3, 5),
        address="Ζηνοπούλου 12",
        postal_code="36100",
    )


def consent_for(person, worker, **fields) -> Consent:
    values = {
        "notice_version": "2026.1",
        "informed_on": dt.date(2026, 1, 5),
        "consents_to_processing": True,
        "consents_to_sharing": False,
    }
    return Consent.objects.create(beneficiary=person, recorded_by=worker, **{**values, **fields})


def get_pdf(client, person):
    return client.get(reverse("beneficiaries:consent_pdf", kwargs={"pk": person.pk}))


def read_pdf(response) -> PdfReader:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return read(response.content)


def page_fonts(reader: PdfReader) -> list[tuple[str, bool]]:
    """(base font name, embedded?) for every font the pages use."""
    fonts = []
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts.append((str(font["/BaseFont"]), embedded))
    return fonts


# --- printing -----------------------------------------------------------------------------------


def test_the_form_carries_the_person_the_centre_and_the_notice(worker_client, centre, person):
    text = pdf_text(read_pdf(get_pdf(worker_client, person)))

    assert "Παπαδοπούλου Αικατερίνη" in text
    assert "Γεώργιος" in text
    assert person.amka in text
    assert "05/03/1975" in text
    assert "Ζηνοπούλου 12" in text
    assert centre.name in text
    assert "2237 3 52200" in text
    assert "Έκδοση ενημέρωσης 2027.2" in text
    assert f"Καρπενήσι, {timezone.localdate():%d/%m/%Y}" in text
    for phrase in [
        "Ενημέρωση για την επεξεργασία προσωπικών δεδομένων και δήλωση συναίνεσης",
        "ηλεκτρονικό ατομικό φάκελο ωφελούμενου",
        "Ε.Π.Σ.",
        "2016/679",
        "ν. 4624/2019",
        "μόνο μεταξύ των στελεχών του Κέντρου",
        "Αρχή Προστασίας Δεδομένων Προσωπικού Χαρακτήρα",
        "εντός δέκα (10) εργάσιμων ημερών",
        "Διόρθωση",
        "Διαγραφή",
        "Συναινώ στην τήρηση",
        "Συναινώ στη διαβίβαση",
    ]:
        assert phrase in text, phrase


def test_every_page_is_a4_and_numbered_of_the_total(worker_client, centre, person):
    reader = read_pdf(get_pdf(worker_client, person))
    text = pdf_text(reader)

    for number, page in enumerate(reader.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert width == pytest.approx(A4_POINTS[0], abs=1)
        assert height == pytest.approx(A4_POINTS[1], abs=1)
        assert f"Σελίδα {number} από {len(reader.pages)}" in text


def test_the_greek_fonts_are_dejavu_and_embedded(worker_client, centre, person):
    fonts = page_fonts(read_pdf(get_pdf(worker_client, person)))

    assert fonts
    assert all("DejaVu" in name for name, _ in fonts), fonts
    assert all(embedded for _, embedded in fonts), fonts
    assert {"Sans" in name for name, _ in fonts} == {True, False}  # Sans body, Serif letterhead


def test_printing_writes_a_print_entry_in_the_access_log(
    worker_client, social_worker, centre, person
):
    get_pdf(worker_client, person)

    entry = AccessLog.objects.get(beneficiary_id=person.pk)
    assert entry.action == AccessLog.Action.PRINT
    assert entry.user == social_worker


def test_the_boxes_are_left_empty_for_the_person_to_tick(
    worker_client, social_worker, centre, person
):
    consent_for(person, social_worker, informed_on=dt.date(2025, 1, 5), consents_to_sharing=True)
    consent_for(person, social_worker, consents_to_sharing=False, notice_version="2026.1")

    text = pdf_text(read_pdf(get_pdf(worker_client, person)))

    assert TICK not in text  # what was recorded before does not fill in today's form
    assert "Συναινώ στην τήρηση του ηλεκτρονικού ατομικού μου φακέλου" in text
    # The form printed for signature today carries the current notice, not the one signed before.
    assert "Έκδοση ενημέρωσης 2027.2" in text
    assert "2026.1" not in text


def test_the_form_speaks_in_one_voice_and_agrees_with_the_persons_sex(
    worker_client, social_worker, centre, person
):
    text = pdf_text(read_pdf(get_pdf(worker_client, person)))
    assert "Δηλώνω ότι ενημερώθηκα" in text
    signer = "Η δηλούσα" if person.sex == "female" else "Ο δηλών"
    assert signer in text
    for slashed in ("Ο/Η", "του/της", "ωφελούμενου/ης", "ενημερώθηκε/"):
        assert slashed not in text, slashed


def test_the_form_names_the_municipalitys_data_protection_officer(
    worker_client, social_worker, centre, person
):
    centre.dpo_contact = "Ελένη Δημητρίου, dpo@karpenisi.example, 2237 0 00000"
    centre.save()
    text = pdf_text(read_pdf(get_pdf(worker_client, person)))
    assert "Υπεύθυνος Προστασίας Δεδομένων του Δήμου" in text
    assert "dpo@karpenisi.example" in text


def test_a_valid_representative_signs_and_an_expired_one_does_not(
    worker_client, social_worker, centre, person
):
    today = timezone.localdate()
    rep = Representative.objects.create(
        beneficiary=person, surname="Κωστόπουλος", given_name="Νικόλαος", valid_from=today
    )
    text = pdf_text(read_pdf(get_pdf(worker_client, person)))
    assert "εξουσιοδοτημένος/η εκπρόσωπος" in text and "δηλώνω ότι ενημερώθηκα" in text
    assert "Κωστόπουλος Νικόλαος" in text

    rep.valid_from = today - dt.timedelta(days=30)
    rep.valid_until = today - dt.timedelta(days=1)
    rep.save()
    text = pdf_text(read_pdf(get_pdf(worker_client, person)))
    assert "Κωστόπουλος" not in text


def test_the_household_and_the_signing_worker_are_named(
    worker_client, social_worker, centre, person
):
    HouseholdMemberFactory(beneficiary=person, surname="Παπαδοπούλου", given_name="Ελένη")

    text = pdf_text(read_pdf(get_pdf(worker_client, person)))

    assert "Παπαδοπούλου Ελένη" in text
    assert social_worker.get_full_name() in text


def test_without_a_profile_the_form_still_prints_with_the_default_notice_version(
    worker_client, person
):
    text = pdf_text(read_pdf(get_pdf(worker_client, person)))

    assert "Κέντρο Κοινότητας" in text
    assert f"Έκδοση ενημέρωσης {CentreProfile().privacy_notice_version}" in text


def test_anonymous_is_sent_to_login_and_nothing_is_logged(client, person):
    response = get_pdf(client, person)

    assert response.status_code == 302
    assert reverse("login") in response["Location"]
    assert not AccessLog.objects.exists()


def test_the_administrator_cannot_print_a_case_file(client, administrator, person):
    client.force_login(administrator)

    response = get_pdf(client, person)

    assert response.status_code in (403, 404)
    assert not AccessLog.objects.exists()


def test_an_unknown_case_file_answers_404(worker_client, centre):
    response = worker_client.get(reverse("beneficiaries:consent_pdf", kwargs={"pk": 999_999}))

    assert response.status_code == 404


# --- recording ----------------------------------------------------------------------------------


def consent_url(person) -> str:
    return reverse("beneficiaries:consent_create", kwargs={"pk": person.pk})


def test_recording_a_consent_takes_the_notice_version_from_the_profile(
    worker_client, social_worker, centre, person
):
    response = worker_client.post(
        consent_url(person),
        {"informed_on": "03/02/2026", "consents_to_processing": "on", "signed_copy": ""},
    )

    assert response.status_code == 302
    assert response["Location"] == f"{person.get_absolute_url()}#consent"
    consent = Consent.objects.get(beneficiary=person)
    assert consent.notice_version == "2027.2"
    assert consent.informed_on == dt.date(2026, 2, 3)
    assert consent.consents_to_processing is True
    assert consent.consents_to_sharing is False
    assert consent.recorded_by == social_worker


def test_a_bad_date_keeps_what_was_typed_and_saves_nothing(worker_client, centre, person):
    response = worker_client.post(
        consent_url(person), {"informed_on": "31/02/2026", "consents_to_sharing": "on"}
    )

    assert response.status_code == 200
    assert "informed_on" in response.context["form"].errors
    content = response.content.decode()
    assert "Δεν υπάρχει τέτοια ημερομηνία" in content
    assert 'value="31/02/2026"' in content
    assert not Consent.objects.exists()


def test_a_future_date_is_refused(worker_client, centre, person):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    response = worker_client.post(consent_url(person), {"informed_on": f"{tomorrow:%d/%m/%Y}"})

    assert response.status_code == 200
    assert response.context["form"].errors["informed_on"] == [
        "Η ημερομηνία δεν μπορεί να είναι μελλοντική."
    ]
    assert not Consent.objects.exists()


# --- the signed copy ----------------------------------------------------------------------------


def _upload(client, person, **data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.beneficiaries.test_documents import pdf_bytes

    query = data.pop("query", "")
    upload = SimpleUploadedFile("signed.pdf", pdf_bytes(), "application/pdf")
    payload = {"file": upload, **data}
    url = reverse("beneficiaries:document_upload", kwargs={"pk": person.pk})
    return client.post(url + query, payload)


def test_uploading_the_signed_form_links_it_to_its_consent(
    worker_client, social_worker, person, centre
):
    from beneficiaries.models import DocumentType

    signed_type = DocumentType.objects.create(code="consent-form", name="Υπογεγραμμένο έντυπο")
    consent = consent_for(person, social_worker)
    page = worker_client.get(person.get_absolute_url()).content.decode()
    link = (
        f"{reverse('beneficiaries:document_upload', kwargs={'pk': person.pk})}?consent={consent.pk}"
    )
    assert link in page
    form = worker_client.get(link).content.decode()
    assert f'<option value="{signed_type.pk}" selected>' in form
    response = _upload(
        worker_client,
        person,
        document_type=signed_type.pk,
        issued_on=f"{consent.informed_on:%d/%m/%Y}",
        query=f"?consent={consent.pk}",
    )
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.signed_copy is not None and consent.signed_copy.original_name == "signed.pdf"


def test_only_signed_forms_are_offered_as_the_signed_copy(worker_client, social_worker, person):
    from beneficiaries.models import DocumentType
    from tests.beneficiaries.factories import DocumentFactory

    signed = DocumentFactory(
        beneficiary=person,
        uploaded_by=social_worker,
        original_name="signed.pdf",
        document_type=DocumentType.objects.create(code="consent-form", name="Έντυπο"),
    )
    DocumentFactory(beneficiary=person, uploaded_by=social_worker, original_name="tax.pdf")
    form = worker_client.get(reverse("beneficiaries:consent_create", kwargs={"pk": person.pk}))
    choices = [str(doc) for doc in form.context["form"].fields["signed_copy"].queryset]
    assert choices == [str(signed)]


def test_a_representative_of_known_sex_declares_in_the_agreeing_form(
    worker_client, social_worker, centre, person
):
    Representative.objects.create(
        beneficiary=person,
        surname="Κωστοπούλου",
        given_name="Ελένη",
        sex="female",
        valid_from=timezone.localdate(),
    )
    text = pdf_text(read_pdf(get_pdf(worker_client, person)))
    assert "Ως εξουσιοδοτημένη εκπρόσωπος" in text and "Η εξουσιοδοτημένη εκπρόσωπος" in text
    assert "/η" not in text
