"""Telling partner bodies of a rectification (art. 19 GDPR): a task for each sent referral whose
snapshot gave the body the old value of a corrected field, on «My work» until done, on the
body's own page where its staff acknowledge it, and a printed notice for bodies on paper."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from beneficiaries.rectification import beneficiary_rectify
from community_centre.models import AccessLog
from referrals.models import RectificationTask, Referral
from referrals.snapshot import freeze
from tests import pdf
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.helpers import query_count
from tests.referrals.factories import ReferralFactory
from tests.requests.factories import AssistanceRequestFactory

pytestmark = pytest.mark.django_db

OLD_PHONE, NEW_PHONE = "+306912345678", "+306987654321"


@pytest.fixture
def person(other_social_worker):
    """A person assigned to another worker than the one who referred them."""
    return BeneficiaryFactory(
        surname="Παπαδόπουλος", given_name="Γιώργος", phone_mobile=OLD_PHONE,
        assigned_worker=other_social_worker,
    )  # fmt: skip


def sent(person, worker, *fields, body=None, **extra) -> Referral:
    """A referral of `person` sent by `worker`, its snapshot frozen from the file as it is."""
    person.refresh_from_db()
    request = AssistanceRequestFactory(beneficiary=person, assigned_worker=worker)
    kwargs = {"body": body} if body is not None else {}
    referral = ReferralFactory(sent=True, assistance_request=request, **kwargs, **extra)
    referral.disclosed_fields = list(fields or ("name", "reason"))
    referral.snapshot = freeze(referral, [])
    referral.save()
    return referral


def rectify(person, actor, **changes):
    person.refresh_from_db()
    return beneficiary_rectify(
        beneficiary=person, changes=changes, reason="Λάθος στο μητρώο.",
        requested_on=dt.date(2026, 11, 30), requested_how="phone",
        expected_version=person.updated_at, actor=actor,
    )  # fmt: skip


def test_a_sent_referral_that_disclosed_the_old_value_gets_a_task(person, social_worker):
    referral = sent(person, social_worker, "name", "phone", "reason")
    rectify(person, social_worker, phone_mobile=NEW_PHONE)
    task = RectificationTask.objects.get()
    assert task.referral == referral and task.is_open
    assert task.lines() == [("Τηλέφωνο", "691 234 5678", "698 765 4321")]


def test_one_task_per_referral_with_every_corrected_field(person, social_worker):
    sent(person, social_worker, "name", "phone", "reason")
    sent(person, social_worker, "name", "reason")
    rectify(person, social_worker, phone_mobile=NEW_PHONE, surname="Παπαδόγιαννης")
    tasks = RectificationTask.objects.order_by("referral_id")
    assert [len(t.items) for t in tasks] == [2, 1]
    assert tasks[0].lines()[0] == (
        "Ονοματεπώνυμο", "Παπαδόπουλος Γιώργος", "Παπαδόγιαννης Γιώργος"
    )  # fmt: skip


def test_no_task_for_a_referral_that_did_not_disclose_the_field(person, social_worker):
    sent(person, social_worker, "name", "reason")
    rectify(person, social_worker, phone_mobile=NEW_PHONE)
    assert not RectificationTask.objects.exists()


def test_no_task_for_a_draft(person, social_worker):
    request = AssistanceRequestFactory(beneficiary=person, assigned_worker=social_worker)
    ReferralFactory(assistance_request=request, disclosed_fields=["name", "phone"])
    rectify(person, social_worker, phone_mobile=NEW_PHONE)
    assert not RectificationTask.objects.exists()


def test_no_task_for_a_revoked_referral_or_withdrawn_consent(person, social_worker):
    sent(person, social_worker, "name", "phone", status="revoked")
    sent(person, social_worker, "name", "phone", consent_withdrawn_on=dt.date(2026, 11, 20))
    rectify(person, social_worker, phone_mobile=NEW_PHONE)
    assert not RectificationTask.objects.exists()


def test_no_task_when_the_body_never_had_the_old_value(person, social_worker):
    referral = sent(person, social_worker, "name", "phone")
    referral.snapshot["values"]["phone"] = "210 000 0000"  # sent before an earlier change
    referral.save()
    rectify(person, social_worker, phone_mobile=NEW_PHONE)
    assert not RectificationTask.objects.exists()


def test_the_task_is_on_my_work_of_the_referrer_and_the_persons_worker_until_done(
    client, person, social_worker, other_social_worker, coordinator
):
    sent(person, social_worker, "name", "phone")
    rectify(person, social_worker, phone_mobile=NEW_PHONE)
    task = RectificationTask.objects.get()
    for user in (social_worker, other_social_worker, coordinator):
        client.force_login(user)
        response = client.get(reverse("requests:my_work"))
        assert response.context["rectification_tasks"] == [task]
        assert "Ενημέρωση φορέα για διόρθωση στοιχείων" in response.content.decode()
    assert person.pk in AccessLog.objects.latest("pk").shown
    client.force_login(social_worker)
    done = {"informed_on": "01/12/2026", "how": "phone", "note": "Με την κ. Ράπτη."}
    client.post(reverse("referrals:rectification_done", args=[task.pk]), done)
    task.refresh_from_db()
    assert not task.is_open and task.informed_how == "phone" and task.done_by == social_worker
    assert client.get(reverse("requests:my_work")).context["rectification_tasks"] == []
    assert LogEntry.objects.get_for_object(task).count() == 2  # created, then done


def test_another_workers_task_is_not_on_my_work(client, social_worker, other_social_worker):
    person = BeneficiaryFactory(phone_mobile=OLD_PHONE, assigned_worker=other_social_worker)
    sent(person, other_social_worker, "phone")
    rectify(person, other_social_worker, phone_mobile=NEW_PHONE)
    client.force_login(social_worker)
    assert client.get(reverse("requests:my_work")).context["rectification_tasks"] == []


def test_my_work_reads_the_tasks_in_the_same_queries_for_few_and_many(
    client, person, social_worker
):
    sent(person, social_worker, "phone")
    rectify(person, social_worker, phone_mobile=NEW_PHONE)
    client.force_login(social_worker)
    few = query_count(client, reverse("requests:my_work"))
    for _ in range(5):
        sent(person, social_worker, "phone")
    rectify(person, social_worker, phone_mobile=OLD_PHONE)
    assert RectificationTask.objects.open().count() == 7  # the first body told twice
    assert query_count(client, reverse("requests:my_work")) == few


def test_done_needs_when_and_how_and_a_second_click_changes_nothing(client, person, social_worker):
    sent(person, social_worker, "phone")
    rectify(person, social_worker, phone_mobile=NEW_PHONE)
    task = RectificationTask.objects.get()
    client.force_login(social_worker)
    url = reverse("referrals:rectification_done", args=[task.pk])
    refused = client.post(url, {"informed_on": "", "how": "partner_account"})
    assert refused.status_code == 200
    assert "Γράψτε πότε ενημερώθηκε ο φορέας." in refused.content.decode()
    assert RectificationTask.objects.get().is_open
    data = {"informed_on": "01/12/2026", "how": "printed"}
    assert client.post(url, data).status_code == 302
    again = client.post(url, data | {"how": "email"}, follow=True)
    assert "είχε ήδη καταχωριστεί" in again.content.decode()
    assert RectificationTask.objects.get().informed_how == "printed"


def test_the_task_page_shows_old_and_new_and_is_logged(client, person, social_worker):
    sent(person, social_worker, "phone")
    rectify(person, social_worker, phone_mobile=NEW_PHONE)
    task = RectificationTask.objects.get()
    client.force_login(social_worker)
    html = client.get(reverse("referrals:rectification_task", args=[task.pk])).content.decode()
    assert "691 234 5678" in html and "698 765 4321" in html and "Λάθος στο μητρώο." in html
    row = AccessLog.objects.latest("pk")
    assert row.beneficiary_id == person.pk and row.action == AccessLog.Action.VIEW_SECTION


def test_the_printed_notice_names_the_referral_the_field_old_and_new(client, person, social_worker):
    referral = sent(person, social_worker, "name", "phone")
    rectify(person, social_worker, phone_mobile=NEW_PHONE)
    task = RectificationTask.objects.get()
    client.force_login(social_worker)
    response = client.get(reverse("referrals:rectification_notice", args=[task.pk]))
    assert response["Content-Type"] == "application/pdf"
    reader = pdf.read(response.content)
    text = pdf.text(reader)
    assert pdf.first_page_size(reader) == list(pdf.A4_POINTS)
    assert "Ενημέρωση για διόρθωση στοιχείων" in text
    assert referral.protocol in text and referral.body.name in text
    assert "Τηλέφωνο" in text and "691 234 5678" in text and "698 765 4321" in text
    assert "Παπαδόπουλος" not in text  # the name was not corrected: the notice does not repeat it
    assert AccessLog.objects.latest("pk").action == AccessLog.Action.PRINT


# --- the partner body's own page ------------------------------------------------------------


def test_the_partner_sees_the_corrected_values_and_acknowledges(
    client, person, social_worker, partner_user, partner_body
):
    sent(person, social_worker, "name", "phone", body=partner_body)
    rectify(person, social_worker, phone_mobile=NEW_PHONE, father_name="Κώστας")
    task = RectificationTask.objects.get()
    client.force_login(partner_user)
    before = AccessLog.objects.count()
    html = client.get(reverse("referrals:partner_detail", args=[task.referral_id])).content
    html = html.decode()
    assert "Διόρθωση στοιχείων που σας γνωστοποιήθηκαν" in html and "698 765 4321" in html
    assert "Κώστας" not in html  # the father's name was never disclosed to the body
    logged = AccessLog.objects.order_by("pk")[before:]
    assert any("Διόρθωση στοιχείων" in row.detail for row in logged)
    response = client.post(reverse("referrals:partner_acknowledge", args=[task.pk]))
    assert response.status_code == 302
    task.refresh_from_db()
    assert not task.is_open and task.informed_how == "partner_account"
    assert task.done_by == partner_user


def test_another_bodys_staff_find_no_such_task(
    client, person, social_worker, partner_body, other_partner_user
):
    sent(person, social_worker, "phone", body=partner_body)
    rectify(person, social_worker, phone_mobile=NEW_PHONE)
    task = RectificationTask.objects.get()
    client.force_login(other_partner_user)
    assert client.post(reverse("referrals:partner_acknowledge", args=[task.pk])).status_code == 404
    assert RectificationTask.objects.get().is_open


def test_a_partner_reaches_no_staff_page_of_the_task(
    client, person, social_worker, partner_body, partner_user
):
    sent(person, social_worker, "phone", body=partner_body)
    rectify(person, social_worker, phone_mobile=NEW_PHONE)
    task = RectificationTask.objects.get()
    client.force_login(partner_user)
    assert client.get(reverse("referrals:rectification_task", args=[task.pk])).status_code == 403
    assert client.get(reverse("referrals:rectification_notice", args=[task.pk])).status_code == 403


def test_the_partner_page_shows_each_disclosed_field_as_corrected(
    client, person, social_worker, partner_user, partner_body
):
    referral = sent(person, social_worker, "name", "phone", body=partner_body)
    rectify(person, social_worker, surname="Παπαδόγιαννης")
    rectify(person, social_worker, surname="Παπαδογιάννης", phone_mobile=NEW_PHONE)
    client.force_login(partner_user)
    response = client.get(reverse("referrals:partner_detail", args=[referral.pk]))
    items = {label: (lines, on) for label, lines, on in response.context["items"]}
    assert items["Ονοματεπώνυμο"][0] == ["Παπαδογιάννης Γιώργος"]
    assert items["Τηλέφωνο"][0] == ["698 765 4321"] and items["Τηλέφωνο"][1] is not None
    assert response.context["name"] == "Παπαδογιάννης Γιώργος"
    assert RectificationTask.objects.filter(referral=referral).count() == 2


def test_a_second_correction_of_a_field_the_body_was_told_of_gets_its_own_task(
    person, social_worker
):
    referral = sent(person, social_worker, "name")
    rectify(person, social_worker, surname="Παπαδόγιαννης")
    rectify(person, social_worker, surname="Παπαδογιάννης")
    first, second = RectificationTask.objects.filter(referral=referral).order_by("pk")
    assert second.lines() == [
        ("Ονοματεπώνυμο", "Παπαδόγιαννης Γιώργος", "Παπαδογιάννης Γιώργος")
    ]  # fmt: skip


# --- a corrected special category the body was given ----------------------------------------


def _sent_with_disability(person, social_worker, **extra) -> Referral:
    person.disability, person.disability_percentage = "yes", 50
    person.save()
    referral = sent(person, social_worker, "name", **extra)
    referral.disclosed_special = ["disability"]
    referral.snapshot = freeze(referral, [])
    referral.save()
    return referral


def test_a_corrected_special_category_the_body_was_given_gets_a_task_hidden_on_staff_pages(
    client, person, social_worker
):
    _sent_with_disability(person, social_worker)
    rectify(person, social_worker, disability_percentage=67)
    task = RectificationTask.objects.get()
    assert task.items == [{"field": "special:disability", "old": "Ναι · 50%", "new": "Ναι · 67%"}]
    assert task.lines() == [("Αναπηρία (ειδική κατηγορία)", *["κρυμμένο (ειδική κατηγορία)"] * 2)]
    client.force_login(social_worker)
    html = client.get(reverse("referrals:rectification_task", args=[task.pk])).content.decode()
    assert "Αναπηρία (ειδική κατηγορία)" in html and "67%" not in html
    assert "τυπώνονται στην ενημέρωση του φορέα" in html


def test_no_task_when_the_special_category_was_not_disclosed(person, social_worker):
    person.disability, person.disability_percentage = "yes", 50
    person.save()
    sent(person, social_worker, "name", "phone")
    rectify(person, social_worker, disability_percentage=67)
    assert not RectificationTask.objects.exists()


def test_the_notice_prints_the_corrected_special_category_and_logs_its_display(
    client, person, social_worker
):
    _sent_with_disability(person, social_worker)
    rectify(person, social_worker, disability_percentage=67)
    task = RectificationTask.objects.get()
    client.force_login(social_worker)
    response = client.get(reverse("referrals:rectification_notice", args=[task.pk]))
    text = pdf.text(pdf.read(response.content))
    assert "Αναπηρία (ειδική κατηγορία)" in text and "50%" in text and "67%" in text
    shown = AccessLog.objects.filter(action=AccessLog.Action.SHOW_SPECIAL).get()
    assert shown.purpose == "Ενημέρωση ή διόρθωση των στοιχείων"


def test_the_partner_reads_the_corrected_special_category_it_was_given(
    client, person, social_worker, partner_user, partner_body
):
    _sent_with_disability(person, social_worker, body=partner_body)
    rectify(person, social_worker, disability_percentage=67)
    task = RectificationTask.objects.get()
    client.force_login(partner_user)
    html = client.get(reverse("referrals:partner_detail", args=[task.referral_id])).content
    assert "Ναι · 67%" in html.decode()
