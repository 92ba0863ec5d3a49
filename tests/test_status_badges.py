"""Every status carries its colour in its choices (community_centre.choices.ColoredChoices), and
the one badge include draws it: the same classes the templates wrote out before."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string

from beneficiaries.choices import CaseStatus, NeedStatus
from beneficiaries.models import Beneficiary, Need
from community_centre.choices import ColoredChoices
from community_centre.models import StaffEvent
from referrals.models import PartnerBody, RectificationTask, Referral
from referrals.models.directory import BodyKind
from referrals.models.referral import Urgency
from requests.models import Appointment, AssistanceRequest, DocumentRequest
from services.checklist import LineState
from services.models import (
    BenefitApplication,
    CounsellingSession,
    Event,
    EventKind,
    ProgrammeDocument,
    Requirement,
)

BOOTSTRAP_COLORS = {"primary", "secondary", "success", "danger", "warning", "info", "light", "dark"}

# Each model whose status (or kind) is drawn as a badge, with the field and its choices.
BADGED = [
    (AssistanceRequest, "status", AssistanceRequest.Status),
    (DocumentRequest, "status", DocumentRequest.Status),
    (Appointment, "status", Appointment.Status),
    (Beneficiary, "status", CaseStatus),
    (Need, "status", NeedStatus),
    (StaffEvent, "kind", StaffEvent.Kind),
    (Referral, "status", Referral.Status),
    (Referral, "urgency", Urgency),
    (RectificationTask, "status", RectificationTask.Status),
    (PartnerBody, "kind", BodyKind),
    (BenefitApplication, "status", BenefitApplication.Status),
    (ProgrammeDocument, "requirement", Requirement),
    (CounsellingSession, "status", CounsellingSession.Status),
    (Event, "status", Event.Status),
    (Event, "kind", EventKind),
]
# States computed for a day rather than stored, drawn as badges all the same.
COMPUTED = {LineState}


def _all_colored_choices(cls=ColoredChoices) -> set[type]:
    found = set()
    for subclass in cls.__subclasses__():
        found |= {subclass, *_all_colored_choices(subclass)}
    return found


def test_every_badged_status_is_a_colored_choice_and_nothing_else_is():
    assert _all_colored_choices() == {choices for _, _, choices in BADGED} | COMPUTED


@pytest.mark.parametrize("choices", sorted(_all_colored_choices(), key=str), ids=str)
def test_each_choice_has_a_bootstrap_color(choices):
    assert set(choices.COLORS) == set(choices.values)
    for member in choices:
        assert member.color in BOOTSTRAP_COLORS, member
        assert choices.color_of(str(member.value)) == member.color


@pytest.mark.parametrize(
    ("model", "field", "choices"), BADGED, ids=lambda v: getattr(v, "__name__", "")
)
def test_the_model_gives_the_color_of_its_stored_value(model, field, choices):
    for member in choices:
        item = model(**{field: str(member.value)})  # as read from the database: a plain str
        assert getattr(item, f"get_{field}_color")() == member.color


@pytest.mark.parametrize(
    ("color", "subtle", "classes"),
    [
        ("success", False, "text-bg-success"),
        ("light", False, "text-bg-light border"),  # a pale badge needs its border
        ("warning", True, "bg-warning-subtle text-warning-emphasis"),
    ],
)
def test_the_badge_include_draws_the_color_and_the_label(color, subtle, classes):
    html = render_to_string(
        "includes/status_badge.html", {"color": color, "label": "Σε εξέλιξη", "subtle": subtle}
    )
    assert html == f'<span class="badge {classes}">Σε εξέλιξη</span>'


def test_each_request_status_badge_keeps_the_classes_it_had():
    expected = {
        "new": "text-bg-primary",
        "in_progress": "text-bg-info",
        "waiting_documents": "text-bg-warning",
        "referred": "text-bg-secondary",
        "completed": "text-bg-success",
        "rejected": "text-bg-danger",
        "withdrawn": "text-bg-light border",
    }
    for status, classes in expected.items():
        item = AssistanceRequest(status=status)
        html = render_to_string("requests/includes/status_badge.html", {"item": item})
        assert f'<span class="badge {classes}">{item.get_status_display()}</span>' in html
