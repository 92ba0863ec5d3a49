"""The case-file pages as a social worker uses them: what they show, what they save, what not."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from beneficiaries.choices import CaseStatus, NeedStatus
from beneficiaries.models import (
    Beneficiary,
    CaseStatusChange,
    Consent,
    HouseholdMember,
    Need,
    Representative,
)
from community_centre.models import AccessLog, Settlement
from demo.identifiers import make_afm, make_amka
from tests.beneficiaries.factories import (
    BeneficiaryFactory,
    CaseNoteFactory,
    DocumentFactory,
    HouseholdMemberFactory,
    NeedCategoryFactory,
)

pytestmark = pytest.mark.django_db

BORN = dt.date(1980, 3, 5)
INLINE_STYLE = re.compile(r"\sstyle=")
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)[^>]*>")


@pytest.fixture
def settlement():
    return Settlement.objects.create(
        code="1401010101", name="Καρπενήσι", community="Καρπενησίου", municipal_unit="Καρπενησίου"
    )


@pytest.fixture
def person(social_worker, settlement):
    return BeneficiaryFactory(
        surname="Παπαδόπουλος",
        given_name="Γιώργος",
        date_of_birth=BORN,
        amka=make_amka(BORN, 7),
        phone_mobile="+306912345678",
        settlement=settlement,
        assigned_worker=social_worker,
    )


def intake_data(social_worker, **overrides) -> dict:
    """A complete, valid intake submission with one household member."""
    data = {
        "submission_token": str(uuid.uuid4()),
        "surname": "Κωνσταντίνου",
        "given_name": "Ελένη",
        "father_name": "Νικόλαος",
        "sex": "female",
        "date_of_birth": "05/03/1980",
        "amka": make_amka(BORN, 42),
        "amka_active": "on",
        "citizenship": "greek",
        "foreign_background": "not_stated",
        "minority": "not_stated",
        "education": "not_stated",
        "labour_status": "unemployed",
        "disability": "not_stated",
        "housing": "rented",
        "phone_mobile": "6944123456",
        "assigned_worker": str(social_worker.pk),
        "informed": "on",
        "consents_to_processing": "on",
        "household-TOTAL_FORMS": "1",
        "household-INITIAL_FORMS": "0",
        "household-MIN_NUM_FORMS": "0",
        "household-MAX_NUM_FORMS": "20",
        "household-0-surname": "Κωνσταντίνου",
        "household-0-given_name": "Μαρία",
        "household-0-relationship": "child",
        "household-0-date_of_birth": "12/09/2015",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def counts() -> tuple[int, int, int]:
    return (Beneficiary.objects.count(), HouseholdMember.objects.count(), Consent.objects.count())


def assert_csp_safe(html: str) -> None:
    """The Content Security Policy blocks inline code and inline styles: pages must have none.

    Also: every id is unique, so each label and aria reference points at one element.
    """
    assert not INLINE_STYLE.search(html), "inline style attribute"
    assert not INLINE_SCRIPT.search(html), "inline script"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), (
        f"duplicate ids: {sorted({i for i in ids if ids.count(i) > 1})}"
    )


def field_block(html: str, name: str) -> str:
    """The crispy block of one field (label, input and the error beside it)."""
    match = re.search(rf'<div id="div_id_{name}".*?(?=<div id="div_id_|</fieldset>)', html, re.S)
    assert match, f"no field {name}"
    return match.group(0)


# --- finding people -----------------------------------------------------------------------


def search(client, query: str, *, htmx: bool = False):
    """POST a search as the list page's form does; htmx gets the results at once."""
    headers = {"HX-Request": "true", "HX-Target": "results"} if htmx else {}
    return client.post(
        reverse("beneficiaries:list"), {"q": query}, headers=headers, follow=not htmx
    )


def test_the_list_page_has_a_live_search_box_and_a_register_button(worker_client, person):
    response = worker_client.get(reverse("beneficiaries:list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html and "Ωφελούμενοι" in html
    assert 'name="q"' in html and 'hx-target="#results"' in html and 'method="post"' in html
    assert 'id="results"' in html
    assert "Παπαδόπουλος Γιώργος" in html and "05/03/1980" in html and person.amka in html
    assert "Καρπενήσι" in html and "Ενεργός" in html
    assert reverse("beneficiaries:create") in html
    assert_csp_safe(html)


def test_a_search_never_puts_what_was_searched_in_a_url(worker_client, person):
    response = search(worker_client, person.amka)
    ((url, status),) = response.redirect_chain
    assert status == 302 and person.amka not in url and "?s=" in url
    html = response.content.decode()
    assert person.get_absolute_url() in html
    assert f"q={person.amka}" not in html and f"surname={person.amka}" not in html
    # The address of the results shows them again (a reload, the back button).
    again = worker_client.get(url).content.decode()
    assert person.get_absolute_url() in again


def test_the_htmx_search_answers_with_the_results_and_their_address(worker_client, person):
    response = search(worker_client, "papadopoulos", htmx=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert person.get_absolute_url() in html
    key = response["HX-Push-Url"].split("?s=")[1]
    assert f"{reverse('beneficiaries:create')}?s={key}" in html  # register from what was searched


def test_the_address_of_a_search_means_nothing_in_another_session(
    worker_client, other_social_worker, person
):
    url = search(worker_client, "papadopoulos").redirect_chain[0][0]
    other = Client()
    other.force_login(other_social_worker)
    html = other.get(url).content.decode()
    assert "«papadopoulos»" not in html and "Πρόσφατα ενημερωμένοι φάκελοι" in html


def test_a_search_without_match_offers_to_register_the_typed_name(worker_client, person):
    response = search(worker_client, "Ζαχαρίου")
    html = response.content.decode()
    assert "Δεν βρέθηκε κανείς" in html
    key = response.redirect_chain[0][0].split("?s=")[1]
    form = worker_client.get(f"{reverse('beneficiaries:create')}?s={key}").content.decode()
    assert 'value="Ζαχαρίου"' in form


def test_an_amka_searched_goes_to_the_amka_field_of_the_registration(worker_client):
    response = search(worker_client, "01013099997")
    key = response.redirect_chain[0][0].split("?s=")[1]
    form = worker_client.get(f"{reverse('beneficiaries:create')}?s={key}").content.decode()
    assert 'value="01013099997"' in form


def test_the_list_pages_keep_the_search_in_the_page_links(worker_client):
    BeneficiaryFactory.create_batch(27, surname="Παπαδόπουλος")
    response = search(worker_client, "Παπαδοπουλος")
    html = response.content.decode()
    key = response.redirect_chain[0][0].split("?s=")[1]
    assert "Σελίδα 1 από 2" in html
    assert f"s={key}&amp;page=2" in html
    second = worker_client.get(f"{reverse('beneficiaries:list')}?s={key}&page=2").content.decode()
    assert "Σελίδα 2 από 2" in second


def test_an_empty_register_invites_the_first_registration(worker_client):
    html = worker_client.get(reverse("beneficiaries:list")).content.decode()
    assert "Δεν υπάρχουν ακόμη φάκελοι ωφελούμενων." in html
    assert reverse("beneficiaries:create") in html


def test_the_quick_search_lists_people_with_links_to_their_files(worker_client, person):
    response = worker_client.post(reverse("beneficiaries:quick_search"), {"q": "papadopoulos"})
    html = response.content.decode()
    assert person.get_absolute_url() in html
    assert "05/03/1980" in html and person.amka in html
    assert reverse("beneficiaries:list") + "?s=" in html and "q=papadopoulos" not in html


def test_the_quick_search_says_nothing_was_found(worker_client, person):
    response = worker_client.post(reverse("beneficiaries:quick_search"), {"q": "Ζαχαρίου"})
    assert "Κανένα αποτέλεσμα" in response.content.decode()


def test_the_quick_search_renders_nothing_for_an_empty_box(worker_client):
    response = worker_client.post(reverse("beneficiaries:quick_search"), {"q": ""})
    assert response.content.decode().strip() == ""


def test_the_quick_search_is_not_answered_to_a_get(worker_client, person):
    response = worker_client.get(reverse("beneficiaries:quick_search"), {"q": "papadopoulos"})
    assert response.status_code == 405


# --- intake ---------------------------------------------------------------------------------


def test_the_intake_page_groups_the_form_and_starts_from_the_searched_name(worker_client):
    key = search(worker_client, "Ζαχαρίου").redirect_chain[0][0].split("?s=")[1]
    response = worker_client.get(reverse("beneficiaries:create"), {"s": key})
    html = response.content.decode()
    assert response.status_code == 200
    for heading in [
        "Ταυτότητα",
        "Ταυτοποίηση",
        "Επικοινωνία και διεύθυνση",
        "Κοινωνικό προφίλ",
        "Νοικοκυριό",
        "Ενημέρωση και συναίνεση (GDPR)",
        "Υπεύθυνος/η και εγγραφή",
    ]:
        assert f">{heading}</legend>" in html
    assert 'value="Ζαχαρίου"' in html
    assert 'id="household-empty-form"' in html and 'data-formset-add="household"' in html
    assert 'name="household-TOTAL_FORMS"' in html and 'id="household-forms"' in html
    assert 'name="submission_token"' in html and "data-once" in html
    assert 'name="not_a_duplicate"' not in html  # only once duplicates were found
    assert_csp_safe(html)


def test_intake_creates_the_person_their_household_and_the_consent_record(
    worker_client, social_worker
):
    response = worker_client.post(reverse("beneficiaries:create"), intake_data(social_worker))
    person = Beneficiary.objects.get()
    assert response.status_code == 302
    assert response.url == person.get_absolute_url()
    assert person.surname == "Κωνσταντίνου" and person.date_of_birth == BORN
    assert person.phone_mobile == "+306944123456"
    assert person.created_by == social_worker and person.assigned_worker == social_worker
    member = HouseholdMember.objects.get()
    assert (member.beneficiary, member.given_name) == (person, "Μαρία")
    consent = Consent.objects.get()
    assert consent.beneficiary == person and consent.consents_to_processing
    assert not consent.consents_to_sharing and consent.informed_on == timezone.localdate()


def test_submitting_the_same_intake_twice_creates_one_person(worker_client, social_worker):
    data = intake_data(social_worker)
    first = worker_client.post(reverse("beneficiaries:create"), data)
    second = worker_client.post(reverse("beneficiaries:create"), data, follow=True)
    assert counts() == (1, 1, 1)
    assert second.redirect_chain[-1][0] == first.url
    assert "Η καταχώριση είχε ήδη αποθηκευτεί." in second.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("amka", "05038000001", "ΑΜΚΑ"),
        ("date_of_birth", "31/02/1990", "Δεν υπάρχει τέτοια ημερομηνία"),
        ("date_of_birth", "01/01/2999", "δεν μπορεί να είναι μελλοντική"),
        ("date_of_birth", "01/01/0001", "Γράψτε ημερομηνία από 01/01/1900 έως 31/12/2100."),
        ("household-0-date_of_birth", "31/12/1899", "από 01/01/1900 έως 31/12/2100"),
        ("phone_mobile", "12", "Ο αριθμός τηλεφώνου δεν είναι έγκυρος."),
        ("household-0-date_of_birth", "45/13/2010", "Δεν υπάρχει τέτοια ημερομηνία"),
    ],
)
def test_invalid_intake_shows_the_greek_error_beside_the_field_and_saves_nothing(
    worker_client, social_worker, field, value, message
):
    response = worker_client.post(
        reverse("beneficiaries:create"), intake_data(social_worker, **{field: value})
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert counts() == (0, 0, 0)
    block = field_block(html, field)
    assert message in block and "is-invalid" in block
    assert f'value="{value}"' in block  # what was typed is kept
    assert 'value="Κωνσταντίνου"' in html and "Η εγγραφή δεν αποθηκεύτηκε." in html


def test_an_intake_without_the_gdpr_information_is_refused(worker_client, social_worker):
    response = worker_client.post(
        reverse("beneficiaries:create"), intake_data(social_worker, informed=None)
    )
    assert counts() == (0, 0, 0)
    assert "είναι υποχρεωτική" in field_block(response.content.decode(), "informed")


def test_the_same_amka_shows_the_existing_file_to_open(worker_client, social_worker, person):
    response = worker_client.post(
        reverse("beneficiaries:create"), intake_data(social_worker, amka=person.amka)
    )
    html = response.content.decode()
    assert counts() == (1, 0, 0)
    assert "Πιθανά διπλότυπα" in html and "Άνοιγμα φακέλου" in html
    assert person.get_absolute_url() in html and "ίδιος ΑΜΚΑ" in html
    assert "Υπάρχει ήδη ωφελούμενος με αυτόν τον ΑΜΚΑ." in field_block(html, "amka")


def test_a_similar_name_with_the_same_birth_date_must_be_confirmed_as_a_new_person(
    worker_client, social_worker, person
):
    data = intake_data(
        social_worker,
        surname="Παπαδοπουλος",
        given_name="Γεώργιος",
        phone_mobile="",
        amka=make_amka(BORN, 99),
    )
    shown = worker_client.post(reverse("beneficiaries:create"), data)
    html = shown.content.decode()
    assert counts() == (1, 0, 0)
    assert "Πιθανά διπλότυπα" in html and person.get_absolute_url() in html
    assert 'name="not_a_duplicate"' in html
    assert 'value="Γεώργιος"' in html  # the form is kept for the confirmation

    confirmed = worker_client.post(
        reverse("beneficiaries:create"), {**data, "not_a_duplicate": "on"}
    )
    assert confirmed.status_code == 302
    assert counts() == (2, 1, 1)  # the earlier person came from a factory, without consent


def test_an_amka_that_disagrees_with_the_birth_date_needs_a_reason(worker_client, social_worker):
    other_day = make_amka(dt.date(1981, 4, 6), 3)
    refused = worker_client.post(
        reverse("beneficiaries:create"), intake_data(social_worker, amka=other_day)
    )
    html = refused.content.decode()
    assert counts() == (0, 0, 0)
    assert 'id="amka-mismatch"' in html
    assert "Ο ΑΜΚΑ δεν ξεκινά με την ημερομηνία γέννησης" in field_block(
        html, "amka_mismatch_reason"
    )

    reason = "Λάθος ημερομηνία στο μητρώο ΑΜΚΑ"
    saved = worker_client.post(
        reverse("beneficiaries:create"),
        intake_data(social_worker, amka=other_day, amka_mismatch_reason=reason),
    )
    assert saved.status_code == 302
    assert Beneficiary.objects.get().amka_mismatch_reason == reason


def test_a_tampered_intake_token_counts_as_none_and_saves_normally(worker_client, social_worker):
    response = worker_client.post(
        reverse("beneficiaries:create"), intake_data(social_worker, submission_token="not-a-uuid")
    )
    assert response.status_code == 302
    assert counts() == (1, 1, 1)


# --- the case file page ---------------------------------------------------------------------


def test_the_case_file_shows_every_section_with_its_links(worker_client, social_worker, person):
    HouseholdMemberFactory(beneficiary=person, given_name="Νίκη")
    DocumentFactory(
        beneficiary=person,
        uploaded_by=social_worker,
        description="Ταυτότητα 2010",
        expires_on=timezone.localdate() - dt.timedelta(days=1),
    )
    CaseNoteFactory(beneficiary=person, author=social_worker, text="Ήρθε για ΕΕΕ.")
    Need.objects.create(
        beneficiary=person,
        category=NeedCategoryFactory(),
        identified_on=BORN.replace(year=2025),
        status=NeedStatus.IN_PROGRESS,
        recorded_by=social_worker,
    )
    response = worker_client.get(person.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    for anchor in ["personal", "household", "representative", "consent", "documents", "notes",
                   "needs", "status"]:  # fmt: skip
        assert f'id="{anchor}"' in html
    assert "Παπαδόπουλος Γιώργος" in html and "05/03/1980" in html and "691 234 5678" in html
    assert "Νίκη" in html and "Ταυτότητα 2010" in html and "Έληξε" in html
    assert '<ul class="timeline' in html and "Ήρθε για ΕΕΕ." in html
    assert "Οικονομική ενίσχυση" in html and "Σε εξέλιξη" in html
    for name in ["edit", "member_create", "rep_create", "consent_create", "consent_pdf",
                 "document_upload", "note_create", "need_create", "close"]:  # fmt: skip
        assert reverse(f"beneficiaries:{name}", args=[person.pk]) in html
    assert "Εκτύπωση εντύπου συναίνεσης" in html and "data-print" in html
    assert reverse("beneficiaries:history", args=[person.pk]) not in html  # coordinator only
    assert reverse("beneficiaries:reopen", args=[person.pk]) not in html
    assert_csp_safe(html)
    assert AccessLog.objects.filter(beneficiary_id=person.pk).count() == 1


def test_the_coordinator_sees_the_history_link(coordinator_client, person):
    html = coordinator_client.get(person.get_absolute_url()).content.decode()
    assert reverse("beneficiaries:history", args=[person.pk]) in html
    assert "Ιστορικό προβολών και αλλαγών" in html


def test_a_closed_case_file_offers_reopening_instead_of_closing(worker_client, person):
    Beneficiary.objects.filter(pk=person.pk).update(
        status=CaseStatus.CLOSED, closed_reason="Μετακόμισε"
    )
    html = worker_client.get(person.get_absolute_url()).content.decode()
    assert "Ο φάκελος είναι κλειστός." in html and "Μετακόμισε" in html
    assert reverse("beneficiaries:reopen", args=[person.pk]) in html
    assert reverse("beneficiaries:close", args=[person.pk]) not in html


# --- corrections ----------------------------------------------------------------------------


def test_the_edit_page_has_the_same_groups_and_the_version(worker_client, person):
    response = worker_client.get(reverse("beneficiaries:edit", args=[person.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert ">Ταυτότητα</legend>" in html and ">Κοινωνικό προφίλ</legend>" in html
    assert 'name="version"' in html and 'value="Παπαδόπουλος"' in html
    assert person.get_absolute_url() in html  # cancel
    assert_csp_safe(html)


def _edit_data(client, person, **overrides) -> dict:
    """The edit form as the browser would send it back, with some fields changed."""
    form = client.get(reverse("beneficiaries:edit", args=[person.pk])).context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = "on" if value is True else (field.widget.format_value(value) or "")
    data.update(overrides)
    return data


def test_an_edit_saves_the_corrected_data(worker_client, person):
    data = _edit_data(worker_client, person, father_name="Δημήτριος")
    response = worker_client.post(reverse("beneficiaries:edit", args=[person.pk]), data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.father_name == "Δημήτριος"


def test_an_edit_of_a_file_changed_meanwhile_is_refused(worker_client, person):
    data = _edit_data(worker_client, person, father_name="Δημήτριος")
    Beneficiary.objects.get(pk=person.pk).save()  # someone else saved in the meantime
    response = worker_client.post(reverse("beneficiaries:edit", args=[person.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "άλλαξε από άλλο χρήστη" in html
    person.refresh_from_db()
    assert person.father_name != "Δημήτριος"


def test_an_invalid_edit_keeps_the_typed_value_and_changes_nothing(worker_client, person):
    data = _edit_data(worker_client, person, afm="123456789", father_name="Δημήτριος")
    response = worker_client.post(reverse("beneficiaries:edit", args=[person.pk]), data)
    html = response.content.decode()
    assert "is-invalid" in field_block(html, "afm") and 'value="123456789"' in html
    person.refresh_from_db()
    assert person.father_name != "Δημήτριος"


# --- closing and reopening ------------------------------------------------------------------


def test_closing_needs_a_reason(worker_client, person):
    response = worker_client.post(
        reverse("beneficiaries:close", args=[person.pk]), {"reason": " "}, follow=True
    )
    person.refresh_from_db()
    assert person.status == CaseStatus.ACTIVE and not CaseStatusChange.objects.exists()
    assert "Γράψτε την αιτιολογία." in response.content.decode()


def test_closing_and_reopening_write_the_status_history(worker_client, social_worker, person):
    worker_client.post(reverse("beneficiaries:close", args=[person.pk]), {"reason": "Μετακόμισε"})
    person.refresh_from_db()
    assert (person.status, person.closed_reason) == (CaseStatus.CLOSED, "Μετακόμισε")

    response = worker_client.post(
        reverse("beneficiaries:reopen", args=[person.pk]), {"reason": "Επέστρεψε"}, follow=True
    )
    person.refresh_from_db()
    assert person.status == CaseStatus.ACTIVE
    changes = list(CaseStatusChange.objects.order_by("pk").values_list("to_status", "reason"))
    assert changes == [(CaseStatus.CLOSED, "Μετακόμισε"), (CaseStatus.ACTIVE, "Επέστρεψε")]
    html = response.content.decode()
    assert "Ο φάκελος άνοιξε ξανά." in html and "Επέστρεψε" in html


# --- records and history --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("member_create", "Νέο μέλος νοικοκυριού"),
        ("rep_create", "Νέος εξουσιοδοτημένος εκπρόσωπος"),
        ("consent_create", "Ενημέρωση και συναίνεση"),
        ("document_upload", "Νέο δικαιολογητικό"),
        ("note_create", "Νέα σημείωση"),
        ("need_create", "Νέα ανάγκη"),
    ],
)
def test_each_record_form_page_renders_with_its_title(worker_client, person, name, title):
    response = worker_client.get(reverse(f"beneficiaries:{name}", args=[person.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert title in html and 'enctype="multipart/form-data"' in html
    assert person.get_absolute_url() in html  # cancel goes back to the file
    assert_csp_safe(html)


def test_each_record_edit_page_shows_the_saved_values(worker_client, social_worker, person):
    member = HouseholdMemberFactory(beneficiary=person, given_name="Νίκη")
    representative = person.representatives.create(
        surname="Γεωργίου", given_name="Άννα", valid_from=dt.date(2025, 1, 1)
    )
    need = Need.objects.create(
        beneficiary=person,
        category=NeedCategoryFactory(),
        identified_on=dt.date(2025, 2, 3),
        description="Ενοίκια",
        recorded_by=social_worker,
    )
    pages = [
        (reverse("beneficiaries:member_edit", args=[person.pk, member.pk]), 'value="Νίκη"'),
        (reverse("beneficiaries:rep_edit", args=[person.pk, representative.pk]), "01/01/2025"),
        (reverse("beneficiaries:need_edit", args=[person.pk, need.pk]), "03/02/2025"),
    ]
    for url, expected in pages:
        response = worker_client.get(url)
        assert response.status_code == 200
        assert expected in response.content.decode()


def test_a_record_form_shows_errors_and_saves_nothing(worker_client, person):
    response = worker_client.post(
        reverse("beneficiaries:note_create", args=[person.pk]),
        {"occurred_on": "31/02/2026", "kind": "phone", "text": "Τηλεφώνησε"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Δεν υπάρχει τέτοια ημερομηνία" in field_block(html, "occurred_on")
    assert "Τηλεφώνησε" in html and not person.notes.exists()


@pytest.mark.parametrize("field", ["surname", "address", "household-0-surname"])
def test_a_nul_character_in_a_text_field_is_refused_beside_it_in_greek(
    worker_client, social_worker, field
):
    """PostgreSQL refuses NUL in text. Every text field of every form is a forms.CharField,
    which refuses NUL itself (Django's ProhibitNullCharactersValidator), so the fuzz of every
    form (tests/test_form_fuzz.py) never saw it reach the database: one rule, in one place."""
    data = intake_data(social_worker, **{field: "Παπα\x00δόπουλος"})
    response = worker_client.post(reverse("beneficiaries:create"), data)
    assert response.status_code == 200
    assert "Δεν επιτρέπονται null (μηδενικοί) χαρακτήρες" in field_block(
        response.content.decode(), field
    )
    assert counts() == (0, 0, 0)


def test_the_history_page_shows_who_viewed_and_who_changed(coordinator_client, person):
    coordinator_client.get(person.get_absolute_url())
    person.father_name = "Σπύρος"
    person.save()
    response = coordinator_client.get(reverse("beneficiaries:history", args=[person.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ποιος είδε" in html and "Ποιος άλλαξε" in html
    assert "Προβολή φακέλου" in html and "Σπύρος" in html
    assert_csp_safe(html)


def test_the_history_page_is_refused_to_a_social_worker(worker_client, person):
    response = worker_client.get(reverse("beneficiaries:history", args=[person.pk]))
    assert response.status_code == 403


def test_a_duplicate_by_afm_is_shown_with_its_birth_date_as_dd_mm_yyyy(
    worker_client, social_worker
):
    BeneficiaryFactory(afm=make_afm(555), date_of_birth=dt.date(1950, 12, 1))
    response = worker_client.post(
        reverse("beneficiaries:create"), intake_data(social_worker, afm=make_afm(555))
    )
    html = response.content.decode()
    assert "ίδιος ΑΦΜ" in html and "01/12/1950" in html


def test_a_representative_can_be_given_at_the_intake(worker_client, social_worker):
    data = intake_data(
        social_worker,
        **{
            "representative-surname": "Κωστόπουλος",
            "representative-given_name": "Νικόλαος",
            "representative-relationship": "γιος",
            "representative-phone": "6944111222",
            "representative-valid_from": "01/11/2026",
        },
    )
    response = worker_client.post(reverse("beneficiaries:create"), data)
    assert response.status_code == 302
    person = Beneficiary.objects.get()
    rep = person.representatives.get()
    assert (rep.surname, rep.phone, str(rep.valid_from)) == (
        "Κωστόπουλος", "+306944111222", "2026-11-01",
    )  # fmt: skip


def test_an_empty_representative_block_adds_nobody_and_a_half_one_is_refused(
    worker_client, social_worker
):
    worker_client.post(reverse("beneficiaries:create"), intake_data(social_worker))
    assert not Representative.objects.exists()
    half = intake_data(social_worker, amka="", **{"representative-given_name": "Νικόλαος"})
    response = worker_client.post(reverse("beneficiaries:create"), half)
    assert response.status_code == 200
    assert "representative-surname" in response.content.decode()
    assert Beneficiary.objects.count() == 1 and not Representative.objects.exists()


@pytest.mark.parametrize(
    ("typed", "saved"),
    [("5/3/35", "1935-03-05"), ("15.3.1980", "1980-03-15"), ("15-3-80", "1980-03-15")],
)
def test_a_date_of_birth_is_taken_as_people_type_it(worker_client, social_worker, typed, saved):
    data = intake_data(social_worker, date_of_birth=typed, amka="")
    response = worker_client.post(reverse("beneficiaries:create"), data)
    assert response.status_code == 302
    assert str(Beneficiary.objects.get().date_of_birth) == saved
