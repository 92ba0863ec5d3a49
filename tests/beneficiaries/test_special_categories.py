"""The special categories of a case file (GDPR art. 9): hidden until a purpose is stated, each
display logged with it, never edited by someone who stated none."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from beneficiaries import special_categories
from beneficiaries.models import Beneficiary
from community_centre.models import AccessLog
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.beneficiaries.test_views import assert_csp_safe, field_block, intake_data, search
from tests.html_forms import post_forms

pytestmark = pytest.mark.django_db

HEALTH = "Διαβήτης-ΖΧ4417 υπό ινσουλίνη"
PERCENT = "73%"
SHOW = AccessLog.Action.SHOW_SPECIAL


@pytest.fixture
def person(social_worker):
    return BeneficiaryFactory(
        surname="Σπανοπούλου",
        given_name="Ευανθία",
        sex="female",
        date_of_birth=dt.date(1961, 4, 9),
        disability="yes",
        disability_percentage=73,
        disability_certified=True,
        minority="yes",
        health_notes=HEALTH,
        assigned_worker=social_worker,
    )


def assert_hidden(content: bytes | str) -> None:
    text = content if isinstance(content, str) else content.decode("utf-8", "replace")
    assert HEALTH not in text
    assert PERCENT not in text
    assert "πιστοποίηση ΚΕΠΑ" not in text


def show(client, person, purpose="needs_assessment", **extra):
    url = reverse("beneficiaries:special_show", kwargs={"pk": person.pk})
    return client.post(url, {"purpose": purpose, "then": "file", **extra})


def shows() -> list[AccessLog]:
    return list(AccessLog.objects.filter(action=SHOW).order_by("pk"))


# --- the registry ------------------------------------------------------------------------------


def test_the_registry_names_every_special_field_of_the_person_once():
    fields = [f for c in special_categories.CATEGORIES for f in c.fields]
    assert len(fields) == len(set(fields)) == len(special_categories.FIELDS)
    model_fields = {f.name for f in Beneficiary._meta.get_fields()}
    assert model_fields >= special_categories.FIELDS
    assert "religion" not in model_fields  # not kept (README, «Ειδικές κατηγορίες»)


def test_the_mask_hides_a_special_value_and_leaves_the_others(person):
    assert special_categories.mask("health_notes", HEALTH) == "κρυμμένο (ειδική κατηγορία)"
    assert special_categories.mask("health_notes", "") == ""
    assert special_categories.mask("surname", "Σπανοπούλου") == "Σπανοπούλου"


# --- the case file --------------------------------------------------------------------------


def test_the_case_file_hides_the_special_categories_behind_show(worker_client, person):
    response = worker_client.get(person.get_absolute_url())
    html = response.content.decode()
    assert_hidden(html)
    assert "Ειδικές κατηγορίες δεδομένων — κρυμμένα" in html
    assert reverse("beneficiaries:special_show", kwargs={"pk": person.pk}) in html
    assert shows() == []


def test_the_purpose_page_offers_the_purposes_in_greek(worker_client, person):
    url = reverse("beneficiaries:special_show", kwargs={"pk": person.pk})
    html = worker_client.get(url).content.decode()
    assert_csp_safe(html)
    assert_hidden(html)
    for label in ("Αξιολόγηση αναγκών", "Αίτηση παροχής", "Αναφορά στο Ε.Π.Σ.", "Άλλος σκοπός"):
        assert label in html
    assert shows() == []


def test_showing_logs_one_row_with_the_purpose_and_shows_the_values(
    worker_client, social_worker, person
):
    response = show(worker_client, person)
    assert response.status_code == 302
    assert response["Location"] == f"{person.get_absolute_url()}#special"
    html = worker_client.get(response["Location"]).content.decode()
    assert HEALTH in html and PERCENT in html and "πιστοποίηση ΚΕΠΑ" in html
    assert "Εμφανίζονται για: Αξιολόγηση αναγκών" in html
    assert_csp_safe(html)
    [row] = shows()
    assert (row.user, row.beneficiary_id, row.purpose) == (
        social_worker,
        person.pk,
        "Αξιολόγηση αναγκών",
    )
    assert row.detail == "Ειδικές κατηγορίες δεδομένων: Ατομικός φάκελος"


def test_every_later_display_in_the_window_is_logged_too(worker_client, person):
    show(worker_client, person, purpose="benefit_application")
    worker_client.get(person.get_absolute_url())  # the display the «show» logged
    worker_client.get(person.get_absolute_url())
    assert [r.purpose for r in shows()] == ["Αίτηση παροχής", "Αίτηση παροχής"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Επιλέξτε τον σκοπό της εμφάνισης."),
        ({"purpose": "curiosity"}, "Επιλέξτε έναν από τους σκοπούς του καταλόγου."),
        ({"purpose": "other"}, "Γράψτε ποιος είναι ο σκοπός."),
        ({"purpose": "other", "other": "   "}, "Γράψτε ποιος είναι ο σκοπός."),
        ({"purpose": "other", "other": "α" * 201}, "Γράψτε τον σκοπό σε έως 200 χαρακτήρες."),
        ({"purpose": "referral", "then": "admin"}, "Η σελίδα δεν είναι γνωστή."),
    ],
)
def test_without_a_valid_purpose_nothing_is_shown_or_logged(worker_client, person, data, message):
    url = reverse("beneficiaries:special_show", kwargs={"pk": person.pk})
    response = worker_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert_hidden(html)
    assert shows() == []
    assert_hidden(worker_client.get(person.get_absolute_url()).content)


def test_another_purpose_is_logged_in_the_workers_words(worker_client, person):
    show(worker_client, person, purpose="other", other="  Έκθεση  κοινωνικής έρευνας ")
    assert [r.purpose for r in shows()] == ["Άλλος σκοπός: Έκθεση κοινωνικής έρευνας"]


def test_the_window_opens_one_case_file_only(worker_client, person, social_worker):
    other = BeneficiaryFactory(health_notes="Άσθμα-ΚΛ991", assigned_worker=social_worker)
    show(worker_client, person)
    assert "Άσθμα-ΚΛ991" not in worker_client.get(other.get_absolute_url()).content.decode()


def test_the_window_closes_after_its_time(worker_client, person):
    show(worker_client, person)
    session = worker_client.session
    entry = session[special_categories.SESSION_KEY][str(person.pk)]
    entry["until"] = (timezone.now() - dt.timedelta(seconds=1)).isoformat()
    session.save()
    assert_hidden(worker_client.get(person.get_absolute_url()).content)
    assert len(shows()) == 1


def test_hide_closes_the_window_at_once(worker_client, person):
    show(worker_client, person)
    response = worker_client.post(reverse("beneficiaries:special_hide", kwargs={"pk": person.pk}))
    assert response.status_code == 302
    assert_hidden(worker_client.get(person.get_absolute_url()).content)


def test_hiding_a_window_that_is_not_open_changes_nothing(worker_client, person):
    worker_client.post(reverse("beneficiaries:special_hide", kwargs={"pk": person.pk}))
    assert special_categories.SESSION_KEY not in worker_client.session


def test_a_file_out_of_scope_answers_404_and_logs_nothing(client, no_role, person):
    other = BeneficiaryFactory()
    client.force_login(no_role)
    url = reverse("beneficiaries:special_show", kwargs={"pk": other.pk + 1000})
    assert client.post(url, {"purpose": "referral"}).status_code in (403, 404)
    assert shows() == []


# --- editing ---------------------------------------------------------------------------------


def test_the_edit_form_leaves_out_the_special_fields_without_a_purpose(worker_client, person):
    url = reverse("beneficiaries:edit", kwargs={"pk": person.pk})
    html = worker_client.get(url).content.decode()
    assert 'name="health_notes"' not in html and 'name="disability"' not in html
    assert_hidden(html)
    assert "Εμφάνιση για επεξεργασία" in html
    assert shows() == []


def test_an_edit_without_a_purpose_cannot_change_the_special_fields(worker_client, person):
    url = reverse("beneficiaries:edit", kwargs={"pk": person.pk})
    worker_client.get(url)
    form = _edit_data(worker_client, url, health_notes="Αλλαγμένο", disability="no")
    response = worker_client.post(url, form, follow=True)
    person.refresh_from_db()
    assert (person.health_notes, person.disability, person.disability_percentage) == (
        HEALTH,
        "yes",
        73,
    )
    assert "Οι ειδικές κατηγορίες δεδομένων δεν άλλαξαν" in response.content.decode()


def test_the_edit_goes_through_the_same_step_and_saves(worker_client, person):
    response = show(worker_client, person, purpose="correction", then="edit")
    url = reverse("beneficiaries:edit", kwargs={"pk": person.pk})
    assert response["Location"] == url
    html = worker_client.get(url).content.decode()
    assert HEALTH in field_block(html, "health_notes")
    [row] = shows()
    assert row.detail == "Ειδικές κατηγορίες δεδομένων: Επεξεργασία στοιχείων"
    assert row.purpose == "Ενημέρωση ή διόρθωση των στοιχείων"
    form = _edit_data(worker_client, url, health_notes="Υπέρταση", disability_percentage="80")
    assert worker_client.post(url, form).status_code == 302
    person.refresh_from_db()
    assert (person.health_notes, person.disability_percentage) == ("Υπέρταση", 80)


def _edit_data(client, url: str, **changes) -> dict:
    html = client.get(url).content.decode()
    [form] = [f for f in post_forms(html, url) if f.view_name == "beneficiaries:edit"]
    return {**dict(form.valid_pairs()), **changes}


def test_the_intake_of_a_new_person_asks_for_the_special_categories(worker_client, social_worker):
    html = worker_client.get(reverse("beneficiaries:create")).content.decode()
    assert 'name="health_notes"' in html
    assert "Το θρήσκευμα δεν καταγράφεται." in html
    data = intake_data(social_worker, health_notes="Αλλεργία-ΠΡ12", disability="yes")
    worker_client.post(reverse("beneficiaries:create"), data)
    assert Beneficiary.objects.get(health_notes="Αλλεργία-ΠΡ12").disability == "yes"


# --- hidden in the other places of the beneficiaries app ----------------------------------------


def test_lists_and_searches_never_show_the_values(worker_client, person):
    assert_hidden(search(worker_client, "Σπανοπ").content)
    assert_hidden(search(worker_client, "Σπανοπ", htmx=True).content)
    response = worker_client.post(reverse("beneficiaries:quick_search"), {"q": "Σπανοπ"})
    assert person.surname in response.content.decode()
    assert_hidden(response.content)
    assert_hidden(worker_client.get(reverse("beneficiaries:list")).content)


def test_the_duplicate_warning_of_the_intake_never_shows_the_values(
    worker_client, social_worker, person
):
    data = intake_data(
        social_worker, surname="Σπανοπούλου", given_name="Ευανθία", date_of_birth="09/04/1961",
        amka="",
    )  # fmt: skip
    html = worker_client.post(reverse("beneficiaries:create"), data).content.decode()
    assert 'name="not_a_duplicate"' in html
    assert_hidden(html)


def test_the_history_says_a_special_category_changed_without_its_values(
    client, coordinator, person
):
    client.force_login(coordinator)
    show(client, person, purpose="correction", then="edit")
    url = reverse("beneficiaries:edit", kwargs={"pk": person.pk})
    client.post(url, _edit_data(client, url, health_notes="Νέα-ΣΗΜ-5521"))
    history = reverse("beneficiaries:history", kwargs={"pk": person.pk})
    html = client.get(history).content.decode()
    assert "Νέα-ΣΗΜ-5521" not in html
    assert_hidden(html)
    assert "κρυμμένο (ειδική κατηγορία)" in html
    # The access log reads well: the action, the page and the purpose in their own column.
    assert "Εμφάνιση ειδικών κατηγοριών δεδομένων" in html
    assert "Ειδικές κατηγορίες δεδομένων: Επεξεργασία στοιχείων" in html
    assert '<th scope="col">Σκοπός</th>' in html
    assert "Ενημέρωση ή διόρθωση των στοιχείων" in html


def test_the_subject_access_export_may_read_the_changes_unmasked(person, social_worker):
    from beneficiaries import actions
    from beneficiaries.history import changes_of, describe_changes

    person.health_notes = "Νέα-ΣΗΜ-7001"
    version = Beneficiary.objects.get(pk=person.pk).updated_at
    actions.beneficiary_update(beneficiary=person, expected_version=version, actor=social_worker)
    masked, plain = list(changes_of(person)[:1]), list(changes_of(person)[:1])
    describe_changes(masked)
    describe_changes(plain, reveal_special=True)
    assert "Νέα-ΣΗΜ-7001" not in str(masked[0].described)
    assert ("σημειώσεις υγείας", HEALTH, "Νέα-ΣΗΜ-7001") in plain[0].described
