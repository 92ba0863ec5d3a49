"""Special categories in a referral: in a group of their own, never ticked by default, frozen
into the snapshot only when ticked one by one, and only then on the slip and the partner's page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from referrals.actions.slip import slip_issue
from referrals.models import Referral
from referrals.snapshot import freeze
from tests.pdf import read
from tests.pdf import text as pdf_text
from tests.referrals.factories import ReferralFactory, partner_user
from tests.referrals.test_slip import centre, person, sent_referral, worker  # noqa: F401

pytestmark = pytest.mark.django_db

HEALTH = "Χρόνια νεφρική ανεπάρκεια-ΘΚ2290"


@pytest.fixture
def special_person(person):  # noqa: F811
    person.disability, person.disability_percentage = "yes", 67
    person.minority, person.health_notes = "yes", HEALTH
    person.save()
    return person


def test_the_snapshot_leaves_out_every_special_category_not_ticked(special_person, worker):  # noqa: F811
    referral = sent_referral(special_person, worker, fields=("name", "reason"))
    assert referral.snapshot["special"] == {}
    assert HEALTH not in str(referral.snapshot) and "67%" not in str(referral.snapshot)


def test_the_snapshot_holds_the_ticked_special_categories_only(special_person, worker):  # noqa: F811
    draft = ReferralFactory(
        assistance_request__beneficiary=special_person, disclosed_fields=["name"],
        disclosed_special=["disability"],
    )  # fmt: skip
    snapshot = freeze(draft, [])
    assert snapshot["special"] == {"disability": "Ναι · 67%"}
    assert HEALTH not in str(snapshot)
    draft.disclosed_special = ["disability", "health_notes"]
    assert freeze(draft, [])["special"]["health_notes"] == HEALTH


def _send_with_special(person, worker, keys) -> Referral:  # noqa: F811
    referral = sent_referral(person, worker, fields=("name", "reason"))
    # As if ticked on the draft before sending: freeze again with the special categories.
    referral.disclosed_special = list(keys)
    referral.snapshot = freeze(referral, [])
    referral.save()
    return referral


def test_the_slip_prints_no_special_category_that_was_not_ticked(centre, special_person, worker):  # noqa: F811
    plain = sent_referral(special_person, worker, fields=("name", "reason"))
    text = pdf_text(read(slip_issue(referral=plain, actor=worker).pdf.read()))
    assert HEALTH not in text and "67%" not in text and "ειδική κατηγορία" not in text


def test_the_slip_prints_the_ticked_special_category(centre, special_person, worker):  # noqa: F811
    ticked = _send_with_special(special_person, worker, ["health_notes"])
    text = pdf_text(read(slip_issue(referral=ticked, actor=worker).pdf.read()))
    assert "Σημειώσεις υγείας (ειδική κατηγορία)" in text and "ΘΚ2290" in text
    assert "67%" not in text


def test_the_partner_sees_a_special_category_only_when_ticked(client, special_person, worker):  # noqa: F811
    referral = sent_referral(special_person, worker, fields=("name", "reason"))
    client.force_login(partner_user(referral.body, "foreas"))
    url = reverse("referrals:partner_detail", args=[referral.pk])
    assert HEALTH not in client.get(url).content.decode()
    referral.disclosed_special = ["health_notes"]
    referral.snapshot = freeze(referral, [])
    referral.save()
    assert HEALTH in client.get(url).content.decode()


def test_the_draft_form_groups_the_special_categories_apart_and_ticks_none(
    client, social_worker, special_person
):
    draft = ReferralFactory(
        assistance_request__beneficiary=special_person,
        assistance_request__assigned_worker=social_worker,
        referred_by=social_worker,
    )
    client.force_login(social_worker)
    html = client.get(reverse("referrals:edit", args=[draft.pk])).content.decode()
    group = html.split("special-disclosure", 1)[1]
    assert "Ειδικές κατηγορίες δεδομένων — μόνο με ρητή συγκατάθεση ή νομική βάση" in group
    for key in ("disability", "foreign_background", "minority", "health_notes"):
        assert f'name="disclosed_special" value="{key}"' in group
    assert 'name="disclosed_special" value="disability" checked' not in group
    assert "checked" not in group.split("</fieldset>", 1)[0]
    assert HEALTH not in html and "67%" not in html


def test_a_special_category_ticked_on_the_draft_is_saved_and_sent(
    client, social_worker, special_person
):
    from tests.html_forms import post_forms

    draft = ReferralFactory(
        assistance_request__beneficiary=special_person,
        assistance_request__assigned_worker=social_worker,
        assistance_request__status="in_progress",
        referred_by=social_worker,
    )
    client.force_login(social_worker)
    url = reverse("referrals:edit", args=[draft.pk])
    [form] = [f for f in post_forms(client.get(url).content.decode(), url)
              if f.view_name == "referrals:edit"]  # fmt: skip
    data = dict(form.valid_pairs())
    data.pop("disclosed_special", None)
    data.update(action="save", disclosed_special=["minority"], disclosed_fields=["name"])
    assert client.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert draft.disclosed_special == ["minority"]
