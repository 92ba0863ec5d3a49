"""The administrators' admin never shows case-file data: a crawl of every admin page, as a
superuser and as an administrator, with unique strings planted in a case file."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from beneficiaries.models import Beneficiary, CaseNote, Document
from community_centre.models import Settlement, StaffEvent, User
from tests.beneficiaries.factories import (
    BeneficiaryFactory,
    CaseNoteFactory,
    DocumentFactory,
    DocumentTypeFactory,
)
from tests.requests.factories import AssistanceRequestFactory, RequestCategoryFactory

pytestmark = pytest.mark.django_db

PLANTED = {
    "surname": "Ζβιγκλόπουλος",
    "note": "ΑΟΡΑΤΗ-ΣΗΜΕΙΩΣΗ-7731",
    "id_number": "ΑΚ-991177",
    "file": "gnomateusi-5521.pdf",
    "protocol": "987654",
}


@pytest.fixture
def planted(social_worker):
    settlement = Settlement.objects.create(
        code="9999901", name="Δοκιμαστικό", community="Δοκιμαστική", municipal_unit="Δοκιμών"
    )
    person = BeneficiaryFactory(surname=PLANTED["surname"], settlement=settlement)
    note = CaseNoteFactory(beneficiary=person, author=social_worker, text=PLANTED["note"])
    person.representatives.create(
        surname="Κ",
        given_name="Λ",
        valid_from="2026-01-01",
        id_document_number=PLANTED["id_number"],
    )
    document = DocumentFactory(
        beneficiary=person,
        uploaded_by=social_worker,
        original_name=PLANTED["file"],
        document_type=DocumentTypeFactory(code="medical", name="Γνωμάτευση"),
    )
    request = AssistanceRequestFactory(
        beneficiary=person,
        assigned_worker=social_worker,
        protocol_number=int(PLANTED["protocol"]),
        category=RequestCategoryFactory(code="planted", name="Κατηγορία δοκιμής"),
    )
    return {"person": person, "note": note, "document": document, "request": request}


def _assert_clean(response, url: str) -> None:
    assert response.status_code < 500, url
    body = response.content.decode(errors="replace")
    for value in PLANTED.values():
        assert value not in body, f"{value!r} shown at {url}"


def _admin_url(model, page: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}", args=args)


def _admin_urls(model, model_admin, request) -> list[str]:
    urls = [_admin_url(model, "changelist")]
    urls.append(_admin_url(model, "changelist") + "?" + urlencode({"q": "Ζβιγκ 7731"}))
    if model_admin.has_add_permission(request):
        urls.append(_admin_url(model, "add"))
    for pk in model_admin.get_queryset(request).values_list("pk", flat=True)[:30]:
        for page in ("change", "history", "delete"):
            urls.append(_admin_url(model, page, pk))
    return urls


@pytest.mark.parametrize("role", ["superuser", "administrator"])
def test_no_admin_page_shows_case_file_data(role, request, client, rf, planted):
    user = request.getfixturevalue(role)
    client.force_login(user)
    fake = rf.get("/admin/")
    fake.user = user
    visited = 0
    for model, model_admin in admin.site._registry.items():
        for url in _admin_urls(model, model_admin, fake):
            _assert_clean(client.get(url), url)
            visited += 1
        pks = list(model_admin.get_queryset(fake).values_list("pk", flat=True)[:30])
        if pks and model_admin.get_actions(fake).get("delete_selected"):
            url = _admin_url(model, "changelist")
            data = {"action": "delete_selected", "_selected_action": pks}
            _assert_clean(client.post(url, data), url + " delete_selected")
    assert visited > 50
    # The case-file audit entries are not reachable either, by id.
    from auditlog.models import LogEntry

    for entry in LogEntry.objects.filter(additional_data__has_key="beneficiary_id")[:20]:
        url = reverse("admin:auditlog_logentry_change", args=[entry.pk])
        _assert_clean(client.get(url, follow=True), url)


def test_the_delete_page_of_a_settlement_counts_the_people_without_naming_them(
    client, superuser, planted
):
    client.force_login(superuser)
    settlement = planted["person"].settlement
    response = client.get(reverse("admin:community_centre_settlement_delete", args=[settlement.pk]))
    _assert_clean(response, "settlement delete")
    body = response.content.decode()
    assert "ωφελούμενοι: 1" in body.lower()
    assert Beneficiary.objects.filter(pk=planted["person"].pk).exists()


def test_the_delete_page_of_a_caseworker_names_no_record_of_theirs(
    client, superuser, social_worker, planted
):
    client.force_login(superuser)
    response = client.get(reverse("admin:community_centre_user_delete", args=[social_worker.pk]))
    _assert_clean(response, "user delete")
    assert response.status_code == 200


@pytest.mark.parametrize("model", [Beneficiary, CaseNote, Document])
def test_the_view_on_site_shortcut_tells_nothing(model, client, superuser, planted):
    client.force_login(superuser)
    ct = ContentType.objects.get_for_model(model)
    existing = model.objects.first()
    for pk in (existing.pk, 999_999):
        assert client.get(f"/admin/r/{ct.pk}/{pk}/").status_code == 404


def test_the_audit_log_admin_shows_accounts_and_reference_data_only(client, superuser, planted):
    client.force_login(superuser)
    response = client.get(reverse("admin:auditlog_logentry_changelist"))
    _assert_clean(response, "logentry list")
    assert "Settlement" in response.content.decode() or "οικισμός" in response.content.decode()


def test_a_superuser_posting_the_intake_form_is_refused(client, superuser):
    client.force_login(superuser)
    data = {"surname": "Νέος", "given_name": "Άνθρωπος", "sex": "M", "consents_to_processing": "on"}
    response = client.post(reverse("beneficiaries:create"), data)
    assert response.status_code == 403
    assert not Beneficiary.objects.exists()


# --- accounts in the admin ------------------------------------------------------------------


def test_the_admin_user_form_has_no_roles_permissions_or_superuser_switch(client, administrator):
    client.force_login(administrator)
    page = client.get(reverse("admin:community_centre_user_change", args=[administrator.pk]))
    body = page.content.decode()
    for field in ("groups", "user_permissions", "is_superuser", "is_staff"):
        assert f'name="{field}"' not in body


def test_an_administrator_cannot_give_themselves_a_role_in_the_admin(client, administrator):
    client.force_login(administrator)
    response = client.post(
        reverse("admin:community_centre_rolegrant_add"),
        {"user": administrator.pk, "role": "social_worker"},
    )
    assert response.status_code == 200
    assert "δικούς του ρόλους" in response.content.decode()
    assert not administrator.role_grants.filter(role="social_worker").exists()


def test_posting_roles_and_permissions_to_the_user_form_changes_nothing(
    client, administrator, social_worker, roles
):
    from django.contrib.auth.models import Permission

    client.force_login(administrator)
    url = reverse("admin:community_centre_user_change", args=[administrator.pk])
    data = {
        "username": administrator.username,
        "first_name": "Δ",
        "last_name": "Σ",
        "email": "",
        "is_active": "on",
        "is_superuser": "on",
        "is_staff": "on",
        "groups": [roles["social_worker"].pk],
        "user_permissions": [Permission.objects.get(codename="view_beneficiary").pk],
        "date_joined_0": "01/01/2026",
        "date_joined_1": "10:00:00",
    }
    client.post(url, data)
    fresh = User.objects.get(pk=administrator.pk)
    assert not fresh.is_superuser
    assert not fresh.has_perm("beneficiaries.view_beneficiary")
    person = BeneficiaryFactory()
    client.force_login(fresh)
    assert client.get(reverse("beneficiaries:detail", args=[person.pk])).status_code == 403


def test_a_new_account_opens_no_case_file_until_a_coordinator_confirms_and_it_sets_its_password(
    client, administrator, coordinator
):
    client.force_login(administrator)
    password = "Brand-new-pass-2026!"
    client.post(
        reverse("admin:community_centre_user_add"),
        {
            "username": "eleni",
            "password1": password,
            "password2": password,
            "usable_password": "true",
        },
    )
    eleni = User.objects.get(username="eleni")
    assert eleni.must_change_password
    assert StaffEvent.objects.filter(subject=eleni, kind=StaffEvent.Kind.ACCOUNT_CREATED).exists()
    client.post(
        reverse("admin:community_centre_rolegrant_add"), {"user": eleni.pk, "role": "social_worker"}
    )
    grant = eleni.role_grants.get()
    assert grant.status == "pending"
    person = BeneficiaryFactory()
    detail = reverse("beneficiaries:detail", args=[person.pk])

    client.force_login(eleni)  # the administrator knows this password: it opens nothing
    assert client.get(detail)["Location"] == reverse("password_change")
    mine = "Eleni-own-pass-2026!"
    client.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": mine, "new_password2": mine},
    )
    assert client.get(detail).status_code == 403  # still waiting for the coordinator

    client.force_login(coordinator)
    client.post(reverse("grant_confirm", args=[grant.pk]))
    client.force_login(User.objects.get(pk=eleni.pk))
    assert client.get(detail).status_code == 200


def test_an_administrator_resetting_a_caseworkers_password_is_logged_and_suspends_access(
    client, administrator, social_worker, coordinator
):
    client.force_login(administrator)
    new = "Reset-by-admin-2026!"
    response = client.post(
        reverse("admin:auth_user_password_change", args=[social_worker.pk]),
        {"password1": new, "password2": new, "usable_password": "true"},
    )
    assert response.status_code == 302
    event = StaffEvent.objects.get(subject=social_worker, kind=StaffEvent.Kind.PASSWORD_SET)
    assert event.actor == administrator
    detail = reverse("beneficiaries:detail", args=[BeneficiaryFactory().pk])

    # The administrator knows the password: logging in with it opens nothing ...
    client.logout()
    client.post(reverse("login"), {"username": social_worker.username, "password": new})
    assert client.get(detail)["Location"] == reverse("password_change")
    # ... and neither does choosing a new one: the role waits for the coordinator again.
    mine = "Chosen-by-admin-2026!"
    client.post(
        reverse("password_change"),
        {"old_password": new, "new_password1": mine, "new_password2": mine},
    )
    assert client.get(detail).status_code == 403
    grant = social_worker.role_grants.get(status="pending")
    assert grant.requested_by == administrator and "συνθηματικό" in grant.note

    client.force_login(coordinator)
    page = client.get(reverse("staff_overview")).content.decode()
    assert "Ορισμός συνθηματικού από διαχειριστή" in page and social_worker.username in page
    client.post(reverse("grant_confirm", args=[grant.pk]))  # she checked with her colleague
    client.force_login(User.objects.get(pk=social_worker.pk))
    assert client.get(detail).status_code == 200


def test_a_role_is_not_confirmed_while_the_administrators_password_is_unchanged(
    client, administrator, coordinator
):
    client.force_login(administrator)
    password = "Brand-new-pass-2026!"
    client.post(
        reverse("admin:community_centre_user_add"),
        {"username": "nikos", "password1": password, "password2": password},
    )
    nikos = User.objects.get(username="nikos")
    client.post(
        reverse("admin:community_centre_rolegrant_add"), {"user": nikos.pk, "role": "social_worker"}
    )
    client.force_login(coordinator)
    grant = nikos.role_grants.get()
    response = client.post(reverse("grant_confirm", args=[grant.pk]), follow=True)
    assert "ορίσει δικό" in response.content.decode()
    grant.refresh_from_db()
    assert grant.status == "pending"
