"""The printed referral slip: only what was disclosed, read back from the PDF; printed once and
reprinted byte for byte; a later edit of the case file does not reach it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from beneficiaries.choices import Sex
from community_centre.models import AccessLog, CentreProfile
from referrals.actions import referral as actions
from referrals.actions.slip import slip_issue
from referrals.exceptions import ReferralError
from referrals.models import Referral, ReferralSlip
from tests.beneficiaries.factories import BeneficiaryFactory, CaseNoteFactory
from tests.helpers import SCREENSHOTS
from tests.pdf import A4_POINTS, first_page_size, read
from tests.pdf import text as pdf_text
from tests.referrals.factories import PartnerBodyFactory, PartnerServiceFactory, ReferralFactory
from tests.requests.factories import AssistanceRequestFactory

pytestmark = pytest.mark.django_db

AMKA, AFM = "05037500015", "123456783"
PHONE, ADDRESS = "+306971234567", "Ζηνοπούλου 14"
NOTE = "Αντιμετωπίζει χρέη προς τη ΔΕΗ"
OTHER_REQUEST = "Αίτηση για επίδομα θέρμανσης"


@pytest.fixture
def centre(db) -> CentreProfile:
    return CentreProfile.objects.create(
        name="Κέντρο Κοινότητας Δήμου Καρπενησίου", municipality="Δήμος Καρπενησίου",
        town="Καρπενήσι", postal_code="36100", address="Ζηνοπούλου 1",
        phones="2237 3 52200", emails="kk@karpenisi.gr",
    )  # fmt: skip


@pytest.fixture
def person(db):
    return BeneficiaryFactory(
        surname="Παπαδοπούλου", given_name="Αικατερίνη", sex=Sex.FEMALE,
        date_of_birth=dt.date(1975, 3, 5), amka=AMKA, afm=AFM, phone_mobile=PHONE,
        address=ADDRESS,
    )  # fmt: skip


def sent_referral(person, worker, fields=("name", "reason"), **extra) -> Referral:
    """`person` referred to the Social Grocery, sent through the action, disclosing `fields`."""
    item = AssistanceRequestFactory(beneficiary=person, assigned_worker=worker,
                                    status="in_progress")  # fmt: skip
    AssistanceRequestFactory(beneficiary=person, description=OTHER_REQUEST)
    CaseNoteFactory(beneficiary=person, author=worker, text=NOTE)
    body = PartnerBodyFactory(name="Κοινωνικό Παντοπωλείο Δήμου Καρπενησίου",
                              contact_person="Γ. Νικολάου", uses_system=False)  # fmt: skip
    service = PartnerServiceFactory(body=body, name="Διάθεση τροφίμων")
    draft = actions.referral_create(
        assistance_request=item, body=body, service=service,
        reason="Οικογένεια με τρία παιδιά, χωρίς εισόδημα τους τελευταίους δύο μήνες.",
        actor=worker, **extra,
    )  # fmt: skip
    Referral.objects.filter(pk=draft.pk).update(
        disclosed_fields=list(fields), basis="consent", consent_on=timezone.localdate(),
        consent_how="signed_slip",
    )  # fmt: skip
    draft.refresh_from_db()
    return actions.referral_send(referral=draft, expected_version=draft.updated_at, actor=worker)


@pytest.fixture
def worker(social_worker):
    social_worker.first_name, social_worker.last_name = "Μαρία", "Κωστοπούλου"
    social_worker.title = "Η Κοινωνική Λειτουργός"
    social_worker.save()
    return social_worker


def slip_text(referral, actor) -> str:
    return pdf_text(read(slip_issue(referral=referral, actor=actor).pdf.read()))


def test_the_slip_prints_the_disclosed_values_and_none_of_the_others(centre, person, worker):
    referral = sent_referral(person, worker, fields=("name", "phone", "reason"))
    text = slip_text(referral, worker)
    for shown in ("Παραπεμπτικό σημείωμα", referral.protocol, "Παπαδοπούλου Αικατερίνη",
                  "697 123 4567", "Οικογένεια με τρία παιδιά", "Κοινωνικό Παντοπωλείο",
                  "Διάθεση τροφίμων", "Μαρία Κωστοπούλου", "Η Κοινωνική Λειτουργός",
                  "2237 3 52200", "kk@karpenisi.gr", "Απάντηση του φορέα", "Έγινε δεκτή",
                  "Ολοκληρώθηκε", "η ωφελούμενη του Κέντρου", "με τη συναίνεσή της"):  # fmt: skip
        assert shown in text, shown
    for hidden in (AMKA, AFM, ADDRESS, "05/03/1975", NOTE, OTHER_REQUEST):
        assert hidden not in text, hidden


def test_without_the_name_the_slip_is_worded_neutrally(centre, person, worker):
    text = slip_text(sent_referral(person, worker, fields=("reason",)), worker)
    assert "Παπαδοπούλου" not in text and "ωφελούμενη" not in text
    assert "το πρόσωπο του οποίου" in text


def test_the_slip_is_a4_on_one_page(centre, person, worker):
    """Kept as an artefact (var/screenshots/referral-slip.pdf) to look at."""
    referral = sent_referral(person, worker, fields=("name", "date_of_birth", "phone", "reason"))
    content = slip_issue(referral=referral, actor=worker).pdf.read()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "referral-slip.pdf").write_bytes(content)
    reader = read(content)
    assert first_page_size(reader) == list(A4_POINTS)
    assert len(reader.pages) == 1


def test_a_reprint_gives_back_the_same_bytes_after_a_case_file_edit(centre, person, worker, client):
    referral = sent_referral(person, worker, fields=("name", "phone", "address", "reason"))
    client.force_login(worker)
    url = reverse("referrals:slip", args=[referral.pk])
    first = client.get(url)
    assert first["Content-Type"] == "application/pdf"
    person.surname, person.address, person.phone_mobile = "Γεωργίου", "Νέα οδός 9", "+306900000000"
    person.save()
    again = client.get(url)
    assert again.content == first.content
    assert ReferralSlip.objects.count() == 1
    text = pdf_text(read(again.content))
    assert "Παπαδοπούλου" in text and ADDRESS in text and "Γεωργίου" not in text
    printed = AccessLog.objects.filter(action=AccessLog.Action.PRINT, beneficiary_id=person.pk)
    assert printed.count() == 2


def test_a_draft_has_no_slip(centre, worker, client):
    draft = ReferralFactory(referred_by=worker)
    with pytest.raises(ReferralError):
        slip_issue(referral=draft, actor=worker)
    client.force_login(worker)
    assert client.get(reverse("referrals:slip", args=[draft.pk])).status_code == 404
    assert not ReferralSlip.objects.exists()


def test_the_staff_page_offers_the_print_button(centre, person, worker, client):
    referral = sent_referral(person, worker)
    client.force_login(worker)
    page = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert reverse("referrals:slip", args=[referral.pk]) in page
