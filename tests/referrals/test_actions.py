"""Referral actions: drafts, sending with its checks and frozen snapshot, moves with their
history, stale and concurrent moves, withdrawal of consent."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from community_centre.versions import StaleVersion
from referrals.actions import referral as actions
from referrals.exceptions import ReferralError
from referrals.models import Referral, ReferralStatusChange
from requests.models import AssistanceRequest
from tests.beneficiaries.factories import DocumentFactory, HouseholdMemberFactory
from tests.referrals.factories import PartnerBodyFactory, PartnerServiceFactory, ReferralFactory
from tests.requests.factories import AssistanceRequestFactory, RequestCategoryFactory

pytestmark = pytest.mark.django_db
Status = Referral.Status


@pytest.fixture
def request_in_progress(social_worker):
    return AssistanceRequestFactory(assigned_worker=social_worker, status="in_progress")


@pytest.fixture
def draft(request_in_progress, social_worker):
    service = PartnerServiceFactory(answer_working_days=10)
    referral = actions.referral_create(
        assistance_request=request_in_progress, body=service.body, service=service,
        reason="Χρειάζεται τρόφιμα.", actor=social_worker,
    )  # fmt: skip
    return ready(referral)


def ready(referral: Referral, **fields) -> Referral:
    """Tick name and reason, record consent given in person today, and save the draft."""
    values = {
        "disclosed_fields": ["name", "reason"], "basis": "consent",
        "consent_on": timezone.localdate(), "consent_how": "in_person", **fields,
    }  # fmt: skip
    Referral.objects.filter(pk=referral.pk).update(**values)
    referral.refresh_from_db()
    return referral


def send(referral, actor):
    return actions.referral_send(
        referral=referral, expected_version=referral.updated_at, actor=actor
    )


def test_a_new_referral_is_a_draft_with_its_first_history_row(draft, social_worker):
    assert draft.status == Status.DRAFT and draft.protocol == ""
    (row,) = draft.history.all()
    assert (row.from_status, row.to_status, row.actor) == ("", "draft", social_worker)


def test_it_refuses_a_helpline_as_target(request_in_progress, social_worker):
    helpline = PartnerBodyFactory(is_helpline=True, uses_system=False)
    with pytest.raises(ReferralError) as refused:
        actions.referral_create(assistance_request=request_in_progress, body=helpline,
                                reason="x", actor=social_worker)  # fmt: skip
    assert "body" in refused.value.problems
    assert not Referral.objects.exists()


def test_it_refuses_a_referral_of_a_closed_request(social_worker):
    closed = AssistanceRequestFactory(status="completed", outcome="Έγινε.")
    with pytest.raises(ReferralError):
        actions.referral_create(assistance_request=closed, reason="x", actor=social_worker)


def test_sending_freezes_numbers_and_dates_and_marks_the_request_referred(draft, social_worker):
    sent = send(draft, social_worker)
    assert sent.status == Status.SENT and sent.protocol.startswith(f"{sent.protocol_year}/")
    assert sent.follow_up_working_days == 10
    assert sent.follow_up_on > timezone.localdate()
    assert sent.snapshot["values"] == {"name": draft.beneficiary.full_name, "reason": draft.reason}
    assert [(h.from_status, h.to_status) for h in sent.history.order_by("pk")] == [
        ("", "draft"), ("draft", "sent"),
    ]  # fmt: skip
    item = AssistanceRequest.objects.get(pk=draft.assistance_request_id)
    assert item.status == "referred" and item.referred_to == draft.body.name


def test_sending_a_new_request_takes_it_up_first(social_worker):
    item = AssistanceRequestFactory(assigned_worker=social_worker)  # status «new»
    referral = ready(actions.referral_create(assistance_request=item, body=PartnerBodyFactory(),
                                             reason="Τρόφιμα.", actor=social_worker))  # fmt: skip
    send(referral, social_worker)
    moves = list(item.history.order_by("pk").values_list("to_status", flat=True))
    assert moves[-2:] == ["in_progress", "referred"]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"basis": ""}, "basis"),
        ({"consent_on": None}, "consent_on"),
        ({"consent_how": ""}, "consent_how"),
        ({"basis": "vital_interest", "basis_note": ""}, "basis_note"),
        ({"disclosed_fields": []}, "disclosed_fields"),
        ({"body": None, "service": None}, "body"),
    ],
)
def test_sending_refuses_what_the_rules_forbid(draft, social_worker, fields, field):
    draft = ready(draft, **fields)
    with pytest.raises(ReferralError) as refused:
        send(draft, social_worker)
    assert field in refused.value.problems
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and draft.protocol_number is None
    assert draft.history.count() == 1


def test_a_legal_basis_with_its_note_needs_no_consent(draft, social_worker):
    draft = ready(draft, basis="vital_interest", basis_note="Άμεσος κίνδυνος.", consent_on=None,
                  consent_how="")  # fmt: skip
    assert send(draft, social_worker).status == Status.SENT


def test_a_helpline_is_refused_at_sending(draft, social_worker):
    body = draft.body
    type(body).objects.filter(pk=body.pk).update(is_helpline=True, uses_system=False)
    with pytest.raises(ReferralError) as refused:
        send(draft, social_worker)
    assert "body" in refused.value.problems


def test_the_snapshot_stays_as_sent_after_the_case_file_changes(draft, social_worker):
    person = draft.beneficiary
    HouseholdMemberFactory(beneficiary=person, given_name="Νίκος")
    document = DocumentFactory(beneficiary=person, uploaded_by=social_worker)
    draft = ready(draft, disclosed_fields=["name", "phone", "household"])
    draft.disclosed_documents.set([document])
    sent = send(draft, social_worker)
    frozen = dict(sent.snapshot)
    person.surname, person.phone_mobile = "Αλλαγμένο", "+306900000000"
    person.save()
    HouseholdMemberFactory(beneficiary=person, given_name="Νεότερος")
    sent.refresh_from_db()
    assert sent.snapshot == frozen
    assert "Αλλαγμένο" not in str(sent.disclosed_items())
    assert len(sent.snapshot["values"]["household"]) == 1
    assert [d["id"] for d in sent.snapshot["documents"]] == [document.pk]


def test_a_second_send_of_the_same_page_is_refused_and_takes_no_number(draft, social_worker):
    version = draft.updated_at
    sent = actions.referral_send(referral=draft, expected_version=version, actor=social_worker)
    with pytest.raises(StaleVersion):
        actions.referral_send(referral=draft, expected_version=version, actor=social_worker)
    assert Referral.objects.get(pk=draft.pk).protocol_number == sent.protocol_number
    assert draft.history.filter(to_status="sent").count() == 1


def move(referral, to_status, actor, **kwargs):
    version = referral.updated_at
    return actions.referral_move(
        referral=referral, to_status=to_status, expected_version=version, actor=actor, **kwargs
    )


def test_the_loop_closes_with_history(draft, social_worker):
    sent = send(draft, social_worker)
    accepted = move(sent, "accepted", social_worker, confirmed_by_phone_on=timezone.localdate())
    done = move(accepted, "completed", social_worker, note="Πήρε δέμα τροφίμων.", confirmed=True)
    assert done.status == "completed" and done.outcome == "Πήρε δέμα τροφίμων."
    row = done.history.get(to_status="accepted")
    assert row.confirmed_by_phone_on == timezone.localdate() and not row.recorded_by_body


@pytest.mark.parametrize(
    ("to_status", "kwargs", "field"),
    [
        ("declined", {"confirmed": True}, "note"),
        ("declined", {"note": "Εκτός κριτηρίων."}, "confirm"),
        ("revoked", {"confirmed": True}, "note"),
    ],
)
def test_a_final_move_needs_its_reason_and_confirmation(draft, social_worker, to_status, kwargs,
                                                        field):  # fmt: skip
    sent = send(draft, social_worker)
    with pytest.raises(ReferralError) as refused:
        move(sent, to_status, social_worker, **kwargs)
    assert field in refused.value.problems
    assert Referral.objects.get(pk=sent.pk).status == "sent"


@pytest.mark.parametrize(("start", "to_status"), [("sent", "completed"), ("draft", "accepted"),
                                                  ("sent", "did_not_attend")])  # fmt: skip
def test_it_refuses_moves_the_rules_forbid(social_worker, start, to_status):
    referral = ReferralFactory(sent=start == "sent")
    with pytest.raises(ReferralError):
        move(referral, to_status, social_worker, note="x", confirmed=True)
    assert ReferralStatusChange.objects.count() == 0


def test_a_stale_move_is_refused_and_nothing_is_overwritten(social_worker, coordinator):
    referral = ReferralFactory(sent=True)
    opened_at = referral.updated_at
    move(referral, "accepted", coordinator)
    with pytest.raises(StaleVersion):
        actions.referral_move(referral=referral, to_status="declined", expected_version=opened_at,
                              note="Δεν δέχεται.", confirmed=True, actor=social_worker)  # fmt: skip
    referral.refresh_from_db()
    assert referral.status == "accepted" and referral.outcome == ""


def test_a_partner_answers_for_its_body_but_never_revokes(partner_user, partner_body):
    referral = ReferralFactory(sent=True, body=partner_body)
    accepted = move(referral, "accepted", partner_user)
    assert accepted.history.get(to_status="accepted").recorded_by_body
    with pytest.raises(ReferralError):
        move(accepted, "revoked", partner_user, note="x", confirmed=True)


def test_a_partner_cannot_move_another_bodys_referral(other_partner_user):
    referral = ReferralFactory(sent=True)
    with pytest.raises(Referral.DoesNotExist):
        move(referral, "accepted", other_partner_user)


def test_withdrawn_consent_revokes_and_hides_the_snapshot(draft, social_worker):
    sent = send(draft, social_worker)
    assert sent.body_sees_snapshot
    withdrawn = actions.referral_withdraw_consent(
        referral=sent, expected_version=sent.updated_at, withdrawn_on=timezone.localdate(),
        note="Τηλεφώνησε.", actor=social_worker,
    )  # fmt: skip
    assert withdrawn.status == "revoked" and not withdrawn.body_sees_snapshot
    assert withdrawn.snapshot  # kept for the Centre's record
    assert "Ανάκληση συναίνεσης" in withdrawn.history.get(to_status="revoked").note


def test_withdrawing_after_the_outcome_keeps_the_status_but_hides_the_snapshot(social_worker):
    referral = ReferralFactory(sent=True, status="completed", outcome="Έγινε.")
    withdrawn = actions.referral_withdraw_consent(
        referral=referral, expected_version=referral.updated_at,
        withdrawn_on=timezone.localdate(), actor=social_worker,
    )  # fmt: skip
    assert withdrawn.status == "completed" and not withdrawn.body_sees_snapshot


def test_withdrawal_is_only_of_a_consent(social_worker):
    referral = ReferralFactory(sent=True, basis="vital_interest", basis_note="Κίνδυνος.",
                               consent_on=None, consent_how="")  # fmt: skip
    with pytest.raises(ReferralError):
        actions.referral_withdraw_consent(
            referral=referral, expected_version=referral.updated_at,
            withdrawn_on=dt.date(2026, 11, 4), actor=social_worker,
        )  # fmt: skip


def test_from_the_case_file_it_opens_a_referral_request(social_worker):
    RequestCategoryFactory(code="referral", name="Παραπομπή σε φορέα")
    person = AssistanceRequestFactory().beneficiary
    referral = actions.referral_create_from_case_file(
        beneficiary=person, assistance_request=None, reason="Τρόφιμα.", actor=social_worker
    )
    assert referral.assistance_request.category.code == "referral"
    assert referral.assistance_request.beneficiary == person


def test_from_the_case_file_it_refuses_another_persons_request(social_worker):
    person = AssistanceRequestFactory().beneficiary
    with pytest.raises(ReferralError):
        actions.referral_create_from_case_file(beneficiary=person,
                                               assistance_request=AssistanceRequestFactory(),
                                               reason="x", actor=social_worker)  # fmt: skip
