"""No lost updates: every edit form of a case file refuses a stale, missing or malformed version.

One table (EDIT_FORMS) lists the edit forms; `test_every_edit_or_move_url_is_in_the_table` keeps
it complete, so a new edit form cannot escape these checks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from auditlog.models import LogEntry
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from beneficiaries.choices import NeedStatus
from beneficiaries.models import Beneficiary, HouseholdMember, Need, Representative
from community_centre.versions import format_version, parse_version
from referrals.models import Referral
from requests.models import AssistanceRequest
from services.actions.applications import application_create
from services.models import BenefitApplication, ProgrammeDocument
from tests.beneficiaries.factories import (
    BeneficiaryFactory,
    HouseholdMemberFactory,
    NeedCategoryFactory,
)
from tests.referrals.factories import PartnerBodyFactory, PartnerServiceFactory, ReferralFactory
from tests.requests.factories import AssistanceRequestFactory
from tests.services.factories import (
    CounsellingSessionFactory,
    EventFactory,
    ProgrammeFactory,
    eee_programme,
)

pytestmark = pytest.mark.django_db

STALE = "Η εγγραφή άλλαξε από άλλο χρήστη"
UNCHECKED = "Δεν ήταν δυνατό να ελεγχθεί αν η εγγραφή άλλαξε"
VERSION_IN_HTML = re.compile(r'<input type="hidden" name="version" value="([^"]*)"')
CONFLICT_BLOCK = re.compile(r'<div [^>]*id="version-conflict">.*?</div>', re.S)


@dataclass(frozen=True)
class EditForm:
    """One edit form of a case file: how to open it, what to change, how the change shows."""

    url_name: str
    make: Callable[[object], models.Model]  # (social worker) -> the record
    post_url: Callable[[models.Model], str]
    field: str  # the field both users change
    first: str  # what the first user saves (as typed)
    second: str  # what the second user types on a page opened before the first save
    saved: Callable[[models.Model], object]  # the field's value in the database
    first_saved: object
    second_saved: object
    label: str  # the field's label in the conflict message
    shown: tuple[str, ...]  # readable values the conflict message shows (old, new)
    page_url: Callable[[models.Model], str] | None = None  # where the form is; else post_url
    form_key: str = "form"  # the form in the page's context
    extra: dict = dataclasses.field(default_factory=dict)  # what else a move carries


def _beneficiary(worker) -> Beneficiary:
    return BeneficiaryFactory(father_name="Ιωάννης", assigned_worker=worker)


def _member(worker) -> HouseholdMember:
    return HouseholdMemberFactory(
        beneficiary=_beneficiary(worker), date_of_birth=dt.date(2015, 5, 5)
    )


def _representative(worker) -> Representative:
    return _beneficiary(worker).representatives.create(
        surname="Γεωργίου", given_name="Άννα", phone="+302237021111", valid_from=dt.date(2025, 1, 1)
    )


def _need(worker) -> Need:
    return Need.objects.create(
        beneficiary=_beneficiary(worker),
        category=NeedCategoryFactory(),
        identified_on=dt.date(2025, 2, 3),
        recorded_by=worker,
    )


def _request(worker) -> AssistanceRequest:
    return AssistanceRequestFactory(
        beneficiary=_beneficiary(worker), assigned_worker=worker, next_step="Αρχικό βήμα"
    )


def _draft_referral(worker) -> Referral:
    return ReferralFactory(assistance_request=_request(worker), reason="Χρειάζεται τρόφιμα.")


def _sent_referral(worker) -> Referral:
    return ReferralFactory(sent=True, assistance_request=_request(worker))


def _fresh(record: models.Model) -> models.Model:
    return type(record).objects.get(pk=record.pk)


def _field_of(name: str) -> Callable[[models.Model], object]:
    return lambda record: getattr(_fresh(record), name)


EDIT_FORMS = [
    EditForm(
        "beneficiaries:edit",
        _beneficiary,
        lambda b: reverse("beneficiaries:edit", args=[b.pk]),
        "father_name",
        "Δημήτριος",
        "Γεώργιος",
        _field_of("father_name"),
        "Δημήτριος",
        "Γεώργιος",
        "Πατρώνυμο",
        ("Ιωάννης", "Δημήτριος"),
    ),
    EditForm(
        "beneficiaries:member_edit",
        _member,
        lambda m: reverse("beneficiaries:member_edit", args=[m.beneficiary_id, m.pk]),
        "date_of_birth",
        "06/06/2016",
        "07/07/2017",
        _field_of("date_of_birth"),
        dt.date(2016, 6, 6),
        dt.date(2017, 7, 7),
        "Ημερομηνία γέννησης",
        ("05/05/2015", "06/06/2016"),  # dates as dd/mm/yyyy, not as stored
    ),
    EditForm(
        "beneficiaries:rep_edit",
        _representative,
        lambda r: reverse("beneficiaries:rep_edit", args=[r.beneficiary_id, r.pk]),
        "given_name",
        "Ελένη",
        "Ειρήνη",
        _field_of("given_name"),
        "Ελένη",
        "Ειρήνη",
        "Όνομα",
        ("Άννα", "Ελένη"),
    ),
    EditForm(
        "beneficiaries:need_edit",
        _need,
        lambda n: reverse("beneficiaries:need_edit", args=[n.beneficiary_id, n.pk]),
        "status",
        NeedStatus.IN_PROGRESS,
        NeedStatus.MET,
        _field_of("status"),
        NeedStatus.IN_PROGRESS,
        NeedStatus.MET,
        "Κατάσταση",
        ("Ανοικτή", "Σε εξέλιξη"),  # choices by their labels
    ),
    EditForm(
        "requests:edit",
        _request,
        lambda r: reverse("requests:edit", args=[r.pk]),
        "next_step",
        "Κλήση την Πέμπτη",
        "Επίσκεψη στο σπίτι",
        _field_of("next_step"),
        "Κλήση την Πέμπτη",
        "Επίσκεψη στο σπίτι",
        "Επόμενο βήμα",
        ("Αρχικό βήμα", "Κλήση την Πέμπτη"),
    ),
    EditForm(
        "requests:move",
        _request,
        lambda r: reverse("requests:move", args=[r.pk]),
        "to_status",
        AssistanceRequest.Status.IN_PROGRESS,
        AssistanceRequest.Status.WITHDRAWN,
        _field_of("status"),
        AssistanceRequest.Status.IN_PROGRESS,
        AssistanceRequest.Status.WITHDRAWN,
        "Κατάσταση",
        ("Νέο", "Σε εξέλιξη"),
        page_url=lambda r: reverse("requests:detail", args=[r.pk]),
        form_key="move_form",
        extra={"note": "Δεν το χρειάζεται πια.", "confirm": "on"},
    ),
    EditForm(
        "referrals:edit",
        _draft_referral,
        lambda r: reverse("referrals:edit", args=[r.pk]),
        "reason",
        "Χρειάζεται ρούχα.",
        "Χρειάζεται σχολικά είδη.",
        _field_of("reason"),
        "Χρειάζεται ρούχα.",
        "Χρειάζεται σχολικά είδη.",
        "Λόγος παραπομπής",
        ("Χρειάζεται τρόφιμα.", "Χρειάζεται ρούχα."),
    ),
    EditForm(
        "referrals:move",
        _sent_referral,
        lambda r: reverse("referrals:move", args=[r.pk]),
        "to_status",
        Referral.Status.ACCEPTED,
        Referral.Status.REVOKED,
        _field_of("status"),
        Referral.Status.ACCEPTED,
        Referral.Status.REVOKED,
        "Κατάσταση",
        ("Στάλθηκε", "Έγινε δεκτή"),
        page_url=lambda r: reverse("referrals:detail", args=[r.pk]),
        form_key="move_form",
        extra={"note": "Δεν το χρειάζεται πια.", "confirm": "on"},
    ),
    EditForm(
        "referrals:body_edit",
        lambda worker: PartnerBodyFactory(phones="2237 0 21000"),
        lambda b: reverse("referrals:body_edit", args=[b.pk]),
        "phones",
        "2237 0 11111",
        "2237 0 22222",
        _field_of("phones"),
        "2237 0 11111",
        "2237 0 22222",
        "Τηλέφωνα",
        ("2237 0 21000", "2237 0 11111"),
    ),
    EditForm(
        "referrals:service_edit",
        lambda worker: PartnerServiceFactory(capacity_note="Χωρίς αναμονή"),
        lambda s: reverse("referrals:service_edit", args=[s.pk]),
        "capacity_note",
        "Αναμονή μίας εβδομάδας",
        "Αναμονή δύο εβδομάδων",
        _field_of("capacity_note"),
        "Αναμονή μίας εβδομάδας",
        "Αναμονή δύο εβδομάδων",
        "Διαθεσιμότητα ή λίστα αναμονής",
        ("Χωρίς αναμονή", "Αναμονή μίας εβδομάδας"),
    ),
    EditForm(
        "services:event_edit",
        lambda worker: EventFactory(organiser=worker, place="Αίθουσα Κέντρου"),
        lambda e: reverse("services:event_edit", args=[e.pk]),
        "place",
        "Δημαρχείο",
        "Πνευματικό Κέντρο",
        _field_of("place"),
        "Δημαρχείο",
        "Πνευματικό Κέντρο",
        "Χώρος",
        ("Αίθουσα Κέντρου", "Δημαρχείο"),
    ),
]


def _application(worker) -> BenefitApplication:
    return application_create(
        beneficiary=BeneficiaryFactory(assigned_worker=worker), programme=ProgrammeFactory(),
        members=[], notes="Πρώτη επαφή.", actor=worker,
    )  # fmt: skip


def _line(worker) -> ProgrammeDocument:
    return eee_programme().checklist.get(document_type__code="iban")


EDIT_FORMS += [
    EditForm(
        "services:programme_edit",
        lambda worker: ProgrammeFactory(submitted_via="Πλατφόρμα ΟΠΕΚΑ"),
        lambda p: reverse("services:programme_edit", args=[p.pk]),
        "submitted_via", "ΚΕΠ Καρπενησίου", "Πλατφόρμα ΟΠΕΚΑ (νέα)", _field_of("submitted_via"),
        "ΚΕΠ Καρπενησίου", "Πλατφόρμα ΟΠΕΚΑ (νέα)", "Πού υποβάλλεται",
        ("Πλατφόρμα ΟΠΕΚΑ", "ΚΕΠ Καρπενησίου"),
    ),
    EditForm(
        "services:programme_line_edit",
        _line,
        lambda line: reverse("services:programme_line_edit", args=[line.programme_id, line.pk]),
        "requirement", "where_relevant", "required", _field_of("requirement"), "where_relevant",
        "required", "Πόσο χρειάζεται", ("Υποχρεωτικό", "Όπου ισχύει"),
    ),
    EditForm(
        "services:application_edit",
        _application,
        lambda a: reverse("services:application_edit", args=[a.pk]),
        "notes", "Κλήθηκε τηλεφωνικά.", "Θα φέρει τα χαρτιά.", _field_of("notes"),
        "Κλήθηκε τηλεφωνικά.", "Θα φέρει τα χαρτιά.", "Σημειώσεις",
        ("Πρώτη επαφή.", "Κλήθηκε τηλεφωνικά."),
    ),
    EditForm(
        "services:application_move",
        _application,
        lambda a: reverse("services:application_move", args=[a.pk]),
        "to_status", BenefitApplication.Status.SUBMITTED, BenefitApplication.Status.WITHDRAWN,
        _field_of("status"), BenefitApplication.Status.SUBMITTED,
        BenefitApplication.Status.WITHDRAWN, "Κατάσταση", ("Σε προετοιμασία", "Υποβλήθηκε"),
        page_url=lambda a: reverse("services:application_detail", args=[a.pk]),
        form_key="move_form",
        extra={"note": "Δεν το χρειάζεται πια."},
    ),
    EditForm(
        "services:session_edit",
        lambda worker: CounsellingSessionFactory(
            worker=worker, beneficiary=BeneficiaryFactory(assigned_worker=worker)
        ),
        lambda s: reverse("services:session_edit", args=[s.pk]),
        "duration_minutes", "60", "90", _field_of("duration_minutes"), 60, 90,
        "Διάρκεια (λεπτά)", ("45", "60"),
    ),
]  # fmt: skip
EDIT_FORM_IDS = [case.url_name for case in EDIT_FORMS]


def _url_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver) and pattern.namespace != "admin":
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


# A partner body's answer is never applied over a newer state (no «save again»): it is told
# what the referral is now. tests/referrals/test_partner.py checks its stale and double answers.
# A retention period is the coordinator's alone (this table's clients are two social workers):
# its stale edit is tested in tests/beneficiaries/test_retention_views.py.
NOT_EDITED_OVER = {"referrals:partner_move", "beneficiaries:retention_edit"}


def test_every_edit_or_move_url_is_in_the_table():
    edits = {n for n in _url_names(get_resolver()) if re.search(r"(^|[:_])(edit|move)$", n)}
    assert edits - NOT_EDITED_OVER == set(EDIT_FORM_IDS)


# --- helpers -----------------------------------------------------------------------------------


@pytest.fixture
def other_client(other_social_worker) -> Client:
    client = Client()
    client.force_login(other_social_worker)
    return client


def _form_data(form) -> dict:
    """What the browser sends back for an unchanged form (the version aside)."""
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if name == "version" or value is None or value is False:
            continue
        data[name] = "on" if value is True else (field.widget.format_value(value) or "")
    return data


def open_form(client: Client, case: EditForm, record: models.Model, **typed) -> dict:
    """Open the page of the form and fill it in: the version as the page rendered it."""
    response = client.get((case.page_url or case.post_url)(record))
    assert response.status_code == 200
    version = VERSION_IN_HTML.search(response.content.decode()).group(1)
    data = _form_data(response.context[case.form_key])
    return {**data, "version": version, **case.extra, **typed}


def conflict_block(response) -> str:
    found = CONFLICT_BLOCK.search(response.content.decode())
    assert found, "no conflict message on the page"
    return found.group(0)


def _audit_count(record: models.Model) -> int:
    return LogEntry.objects.get_for_object(record).count()


@pytest.fixture(params=EDIT_FORMS, ids=EDIT_FORM_IDS)
def case(request) -> EditForm:
    return request.param


# --- the round trip of the version ------------------------------------------------------------


def test_the_rendered_version_round_trips_to_the_microsecond(worker_client, social_worker, case):
    record = case.make(social_worker)
    exact = dt.datetime(2026, 3, 29, 0, 59, 58, 123456, tzinfo=dt.UTC)  # Athens moves to DST
    type(record).objects.filter(pk=record.pk).update(updated_at=exact)
    data = open_form(worker_client, case, record)
    assert data["version"] == "2026-03-29T00:59:58.123456+00:00"
    assert parse_version(data["version"]) == exact == _fresh(record).updated_at


# --- (a) a normal edit saves ------------------------------------------------------------------


def test_an_edit_from_the_current_version_saves(worker_client, social_worker, case):
    record = case.make(social_worker)
    data = open_form(worker_client, case, record, **{case.field: case.first})
    response = worker_client.post(case.post_url(record), data)
    assert response.status_code == 302
    assert case.saved(record) == case.first_saved


# --- (b) two forms from one version: the first save wins ---------------------------------------


def test_the_second_of_two_forms_opened_together_is_refused(
    worker_client, other_client, social_worker, other_social_worker, case
):
    record = case.make(social_worker)
    mine = open_form(worker_client, case, record, **{case.field: case.second}, note="Δική μου")
    theirs = open_form(other_client, case, record, **{case.field: case.first})
    assert mine["version"] == theirs["version"]
    assert other_client.post(case.post_url(record), theirs).status_code == 302
    saved_version, audited = _fresh(record).updated_at, _audit_count(record)

    response = worker_client.post(case.post_url(record), mine)

    assert response.status_code == 200
    assert case.saved(record) == case.first_saved  # the first save stays
    assert _fresh(record).updated_at == saved_version and _audit_count(record) == audited
    block = conflict_block(response)
    assert STALE in block
    assert case.label in block
    assert all(value in block for value in case.shown)
    assert other_social_worker.get_full_name() in block


def test_a_refused_form_keeps_what_was_typed(worker_client, other_client, social_worker, case):
    record = case.make(social_worker)
    mine = open_form(worker_client, case, record, **{case.field: case.second}, note="Δική μου")
    theirs = open_form(other_client, case, record, **{case.field: case.first})
    assert other_client.post(case.post_url(record), theirs).status_code == 302
    response = worker_client.post(case.post_url(record), mine)
    typed = "note" if case.field == "to_status" else case.field  # a move keeps its note
    assert response.context[case.form_key][typed].value() == mine[typed]


# --- (c) no usable version: refused, nothing saved, no 500 ------------------------------------


@pytest.mark.parametrize(
    "version",
    [
        None,
        "",
        "garbage",
        "2999-01-01T00:00:00.000000+00:00",  # in the future
        "2026-01-01 10:00",  # naive
        "0001-01-01T00:00:00+14:00",  # out of range in UTC
        "9" * 5000,
    ],
    ids=["missing", "empty", "garbage", "future", "naive", "out-of-range", "long"],
)
def test_a_form_without_a_usable_version_is_refused_and_saves_nothing(
    worker_client, social_worker, case, version
):
    record = case.make(social_worker)
    data = open_form(worker_client, case, record, **{case.field: case.first})
    if version is None:
        del data["version"]
    else:
        data["version"] = version
    before, audited = _fresh(record).updated_at, _audit_count(record)

    response = worker_client.post(case.post_url(record), data)

    assert response.status_code == 200
    assert UNCHECKED in conflict_block(response)
    assert _fresh(record).updated_at == before and _audit_count(record) == audited
    assert case.saved(record) != case.first_saved


def test_an_old_version_that_never_was_is_refused(worker_client, social_worker, case):
    record = case.make(social_worker)
    data = open_form(worker_client, case, record, **{case.field: case.first})
    data["version"] = "2000-01-01T00:00:00.000000+00:00"
    response = worker_client.post(case.post_url(record), data)
    assert response.status_code == 200
    assert STALE in conflict_block(response)
    assert case.saved(record) != case.first_saved


# --- (d) after the conflict, saving again is deliberate and applies the form ------------------


def test_saving_the_refused_form_again_applies_it(worker_client, other_client, social_worker, case):
    record = case.make(social_worker)
    mine = open_form(worker_client, case, record, **{case.field: case.second})
    other_client.post(
        case.post_url(record), open_form(other_client, case, record, **{case.field: case.first})
    )
    refused = worker_client.post(case.post_url(record), mine)
    carried = VERSION_IN_HTML.search(refused.content.decode()).group(1)
    assert carried == format_version(_fresh(record).updated_at) != mine["version"]

    again = worker_client.post(case.post_url(record), {**mine, "version": carried})

    assert again.status_code == 302
    assert case.saved(record) == case.second_saved


def test_a_form_refused_for_a_missing_version_saves_when_sent_again(
    worker_client, social_worker, case
):
    record = case.make(social_worker)
    data = open_form(worker_client, case, record, **{case.field: case.first})
    del data["version"]
    refused = worker_client.post(case.post_url(record), data)
    carried = VERSION_IN_HTML.search(refused.content.decode()).group(1)
    again = worker_client.post(case.post_url(record), {**data, "version": carried})
    assert again.status_code == 302
    assert case.saved(record) == case.first_saved


# --- the readable changes, shared with the history page ---------------------------------------


def test_the_history_page_shows_dates_as_typed_and_not_the_moment_of_each_save(
    worker_client, coordinator_client, social_worker
):
    case = EDIT_FORMS[1]  # household member: a date field
    member = case.make(social_worker)
    data = open_form(worker_client, case, member, date_of_birth="06/06/2016")
    worker_client.post(case.post_url(member), data)
    response = coordinator_client.get(
        reverse("beneficiaries:history", args=[member.beneficiary_id])
    )
    html = response.content.decode()
    assert "05/05/2015" in html and "06/06/2016" in html and "2016-06-06" not in html
    assert "Τελευταία αλλαγή" not in html  # updated_at is the entry's own time
