"""Roles come only from grants; a role that reads case files needs a coordinator's confirmation,
never lands on an administrator's or superuser's account, and nobody changes their own."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.urls import reverse

from community_centre import role_actions
from community_centre.models import Role, RoleGrant, StaffEvent, User
from community_centre.role_actions import RoleError
from community_centre.roles import can_read_case_files, sync_roles
from tests.beneficiaries.factories import BeneficiaryFactory
from tests.community_centre.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(roles):
    return UserFactory(username="newcomer")


def propose(user, administrator, role=Role.SOCIAL_WORKER) -> RoleGrant:
    return role_actions.role_propose(user=user, role=role, actor=administrator)


def test_a_proposed_caseworker_role_opens_nothing_until_a_coordinator_confirms_it(
    newcomer, administrator, coordinator
):
    grant = propose(newcomer, administrator)
    assert grant.status == RoleGrant.Status.PENDING
    assert not can_read_case_files(User.objects.get(pk=newcomer.pk))
    role_actions.role_confirm(grant=grant, actor=coordinator)
    grant.refresh_from_db()
    assert (grant.status, grant.decided_by) == (RoleGrant.Status.ACTIVE, coordinator)
    assert can_read_case_files(User.objects.get(pk=newcomer.pk))
    kinds = list(StaffEvent.objects.filter(subject=newcomer).values_list("kind", flat=True))
    assert sorted(kinds) == sorted([StaffEvent.Kind.ROLE_PROPOSED, StaffEvent.Kind.ROLE_CONFIRMED])


def test_nobody_proposes_confirms_or_revokes_a_role_of_their_own(
    administrator, coordinator, social_worker
):
    with pytest.raises(RoleError, match="δικούς του ρόλους"):
        role_actions.role_propose(user=administrator, role=Role.COORDINATOR, actor=administrator)
    grant = propose(UserFactory(username="x"), administrator)
    with pytest.raises(RoleError, match="δικούς του ρόλους"):
        role_actions.role_confirm(grant=grant, actor=grant.user)
    own = coordinator.role_grants.in_force().get()
    with pytest.raises(RoleError, match="δικούς του ρόλους"):
        role_actions.role_revoke(grant=own, actor=coordinator)
    assert coordinator.role_grants.in_force().count() == 1


def test_only_a_coordinator_confirms_and_never_the_proposer(
    newcomer, administrator, social_worker, coordinator
):
    grant = propose(newcomer, administrator)
    for actor in (administrator, social_worker):
        with pytest.raises(RoleError):
            role_actions.role_confirm(grant=grant, actor=actor)
    grant.refresh_from_db()
    assert grant.status == RoleGrant.Status.PENDING
    # The database itself refuses a decision by the proposer or the holder.
    RoleGrant.objects.filter(pk=grant.pk).update(requested_by=coordinator)
    with pytest.raises(RoleError, match="άλλος από αυτόν που την πρότεινε"):
        role_actions.role_confirm(grant=grant, actor=coordinator)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleGrant.objects.filter(pk=grant.pk).update(decided_by=coordinator)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleGrant.objects.filter(pk=grant.pk).update(decided_by=newcomer)


def test_a_superuser_cannot_confirm_roles_or_open_case_files(superuser, newcomer, administrator):
    grant = propose(newcomer, administrator)
    with pytest.raises(RoleError):
        role_actions.role_confirm(grant=grant, actor=superuser)
    assert not superuser.has_perm("beneficiaries.view_beneficiary")
    assert not superuser.has_perm("community_centre.view_accesslog")
    assert superuser.has_perm("community_centre.change_settlement")  # still runs the system


@pytest.mark.parametrize("account", ["administrator", "superuser", "staff"])
def test_a_caseworker_role_is_never_proposed_for_an_administrators_account(
    account, request, administrator, roles
):
    target = (
        UserFactory(username="staffer", is_staff=True)
        if account == "staff"
        else request.getfixturevalue(account)
    )
    actor = UserFactory(username="second_admin")
    role_actions.role_grant_from_server(user=actor, role=Role.ADMINISTRATOR)
    for role in (Role.SOCIAL_WORKER, Role.COORDINATOR):
        with pytest.raises(RoleError, match="Λογαριασμός διαχείρισης"):
            role_actions.role_propose(user=target, role=role, actor=actor)
    assert not target.role_grants.filter(role__in=[Role.SOCIAL_WORKER, Role.COORDINATOR]).exists()


def test_an_administrators_role_is_refused_to_a_caseworker(social_worker, administrator):
    with pytest.raises(RoleError, match="ανακαλέστε τον πρώτα"):
        propose(social_worker, administrator, role=Role.ADMINISTRATOR)
    social_worker.refresh_from_db()
    assert not social_worker.is_staff


def test_confirming_is_refused_if_the_account_became_an_administrators(
    newcomer, administrator, coordinator
):
    grant = propose(newcomer, administrator)
    User.objects.filter(pk=newcomer.pk).update(is_staff=True)
    with pytest.raises(RoleError, match="Λογαριασμός διαχείρισης"):
        role_actions.role_confirm(grant=grant, actor=coordinator)


def test_a_grant_forced_into_the_database_opens_nothing_for_staff_or_superusers(superuser, roles):
    staffer = UserFactory(username="staffer", is_staff=True)
    for user in (superuser, staffer):
        RoleGrant.objects.create(user=user, role=Role.COORDINATOR, status=RoleGrant.Status.ACTIVE)
        fresh = User.objects.get(pk=user.pk)
        assert not fresh.has_perm("beneficiaries.view_beneficiary")
        assert not can_read_case_files(fresh)


def test_revoking_ends_access_at_once(social_worker, coordinator):
    grant = social_worker.role_grants.in_force().get()
    role_actions.role_revoke(grant=grant, actor=coordinator, note="αποχώρησε")
    assert not can_read_case_files(User.objects.get(pk=social_worker.pk))
    assert StaffEvent.objects.filter(
        subject=social_worker, kind=StaffEvent.Kind.ROLE_REVOKED
    ).exists()


def test_the_administrators_role_is_in_force_at_once_and_makes_the_account_staff(
    newcomer, administrator
):
    grant = propose(newcomer, administrator, role=Role.ADMINISTRATOR)
    newcomer.refresh_from_db()
    assert grant.status == RoleGrant.Status.ACTIVE and newcomer.is_staff
    role_actions.role_revoke(grant=grant, actor=administrator)
    newcomer.refresh_from_db()
    assert not newcomer.is_staff


def test_a_user_must_change_a_password_set_by_an_administrator_before_reading_case_files(
    social_worker,
):
    User.objects.filter(pk=social_worker.pk).update(must_change_password=True)
    assert not can_read_case_files(User.objects.get(pk=social_worker.pk))


def test_no_permission_comes_from_anywhere_but_roles(social_worker, roles):
    """There is no per-user permission or group membership to give: the fields do not exist."""
    field_names = {f.name for f in User._meta.get_fields()}
    assert not {"groups", "user_permissions"} & field_names
    plain = UserFactory(username="plain")
    assert plain.get_all_permissions() == set()


def test_changes_of_roles_and_of_role_permissions_are_in_the_audit_trail(
    newcomer, administrator, coordinator
):
    grant = propose(newcomer, administrator)
    role_actions.role_confirm(grant=grant, actor=coordinator)
    grant_ct = ContentType.objects.get_for_model(RoleGrant)
    assert LogEntry.objects.filter(content_type=grant_ct, object_pk=str(grant.pk)).count() == 2
    group = Group.objects.get(name=Role.ADMINISTRATOR)
    extra = Permission.objects.get(codename="view_beneficiary")
    group.permissions.add(extra)
    entry = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Group), object_pk=str(group.pk)
    ).latest("timestamp")
    assert "permissions" in entry.changes_dict
    sync_roles()  # and the roles go back to what the code says
    assert not group.permissions.filter(pk=extra.pk).exists()


def test_grant_role_at_the_command_line_is_shown_to_the_coordinator(roles):
    from django.core.management import call_command

    user = UserFactory(username="first")
    call_command("grant_role", "first", "coordinator", "--note", "πρώτη εγκατάσταση")
    assert can_read_case_files(User.objects.get(pk=user.pk))
    event = StaffEvent.objects.get(subject=user)
    assert event.kind == StaffEvent.Kind.ROLE_FROM_SERVER and event.actor is None
    call_command("grant_role", "first", "coordinator", "--revoke")
    assert not can_read_case_files(User.objects.get(pk=user.pk))


# --- the coordinator's page -----------------------------------------------------------------


def test_the_coordinator_confirms_a_role_on_her_page(client, coordinator, administrator, newcomer):
    grant = propose(newcomer, administrator)
    client.force_login(coordinator)
    page = client.get(reverse("staff_overview"))
    assert page.status_code == 200
    assert newcomer.username in page.content.decode()
    response = client.post(reverse("grant_confirm", args=[grant.pk]), follow=True)
    assert "ισχύει" in response.content.decode()
    grant.refresh_from_db()
    assert grant.status == RoleGrant.Status.ACTIVE


def test_the_coordinator_rejects_with_a_reason(client, coordinator, administrator, newcomer):
    grant = propose(newcomer, administrator)
    client.force_login(coordinator)
    client.post(reverse("grant_reject", args=[grant.pk]), {"note": "άγνωστος λογαριασμός"})
    grant.refresh_from_db()
    assert (grant.status, grant.note) == (RoleGrant.Status.REJECTED, "άγνωστος λογαριασμός")
    assert not can_read_case_files(User.objects.get(pk=newcomer.pk))


def test_a_second_click_on_confirm_is_told_and_changes_nothing(
    client, coordinator, administrator, newcomer
):
    grant = propose(newcomer, administrator)
    client.force_login(coordinator)
    client.post(reverse("grant_confirm", args=[grant.pk]))
    response = client.post(reverse("grant_confirm", args=[grant.pk]), follow=True)
    assert "Σε ισχύ" in response.content.decode()  # «already in force», not an error page
    assert RoleGrant.objects.filter(user=newcomer).count() == 1


def test_the_coordinator_marks_account_events_as_checked(
    client, coordinator, administrator, social_worker
):
    role_actions.password_set(user=social_worker, actor=administrator)
    client.force_login(coordinator)
    page = client.get(reverse("home"), follow=True).content.decode()
    assert "εκκρεμότητες" in page  # the navbar badge
    client.post(reverse("staff_events_seen"))
    assert not StaffEvent.objects.unseen().exists()


def test_a_social_worker_cannot_reach_the_staff_page(client, social_worker):
    client.force_login(social_worker)
    assert client.get(reverse("staff_overview")).status_code == 403


def test_a_user_whose_password_was_set_by_an_administrator_must_choose_one(client, social_worker):
    User.objects.filter(pk=social_worker.pk).update(must_change_password=True)
    client.force_login(User.objects.get(pk=social_worker.pk))
    person = BeneficiaryFactory()
    response = client.get(reverse("beneficiaries:detail", args=[person.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("password_change")
    new = "Another-pass-2027!"
    response = client.post(
        reverse("password_change"),
        {"old_password": "Demo-pass-2026!", "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert client.get(reverse("beneficiaries:detail", args=[person.pk])).status_code == 200
