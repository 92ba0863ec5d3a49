"""The access matrix of STYLE.md for every URL pattern, driven by one table.

A new URL pattern that is not in ROUTES fails `test_every_url_pattern_is_in_the_matrix`, so no
view escapes the checks. Each answer is asserted exactly, for six kinds of visitor (anonymous,
a user without a role, a social worker, a coordinator, an administrator, a superuser):
anonymous → 302 to the login page with `?next=` the page asked for; a role that may not → 403
(administrators and superusers on every case-file page); out of scope (a record under another
person's file or another parent record, or none at all) → 404; wrong method → 405; a role that
may → the route's own answer (200 for a page, 302 after an action).

Every POST, to an action or to the form of a page, sends what a person would (the form as the
page fills it in, read from the page, with the route's own values on top) and checks the
database: the route's `state` changed for a role that may, and stayed as it was for everyone
else. The model is NetBox's utilities/testing/views.py, which asserts 403, 404 and the saved
object for each action.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from beneficiaries.actions import beneficiary_close
from beneficiaries.importing import records as import_records
from beneficiaries.models import (
    Beneficiary,
    CaseNote,
    Consent,
    Document,
    DocumentType,
    HouseholdMember,
    ImportRun,
    Need,
    Rectification,
    Representative,
    RetentionPolicy,
)
from beneficiaries.rectification import beneficiary_rectify
from beneficiaries.retention.actions import legal_hold_place
from beneficiaries.retention.defaults import ensure_policies
from community_centre.calendar import is_working_day
from community_centre.models import AccessLog, Role, RoleGrant, StaffEvent, User
from community_centre.role_actions import role_grant_from_server, role_propose
from community_centre.roles import sync_roles
from community_centre.two_factor.backup_codes import stored_form
from community_centre.versions import format_version
from referrals.models import PartnerBody, PartnerService, RectificationTask, Referral
from reporting.forms import last_ended_month
from reporting.models import SignedReport
from requests.models import (
    Appointment,
    AssistanceRequest,
    DocumentRequest,
    DocumentRequestItem,
    InformationRequest,
    StatusLetter,
)
from services.actions.applications import application_create
from services.models import (
    ApplicationDocument,
    BenefitApplication,
    Event,
    EventAttendance,
    Programme,
    ProgrammeDocument,
)
from tests.beneficiaries.factories import (
    BeneficiaryFactory,
    CaseNoteFactory,
    DocumentFactory,
    HouseholdMemberFactory,
    NeedCategoryFactory,
)
from tests.community_centre.factories import UserFactory
from tests.helpers import FORCED_LOGIN_DEVICE, PASSWORD
from tests.html_forms import PNG, post_forms
from tests.referrals.factories import (
    PartnerBodyFactory,
    PartnerServiceFactory,
    ReferralFactory,
    partner_user,
)
from tests.requests.factories import (
    AppointmentFactory,
    AssistanceRequestFactory,
    DocumentRequestFactory,
    DocumentRequestItemFactory,
    InformationRequestFactory,
)
from tests.services.factories import (
    ApplicationFactory,
    EventAttendanceFactory,
    EventFactory,
    ProgrammeFactory,
    document_type,
    eee_programme,
)
from tests.services.sessions_matrix import session_objects, session_routes

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous", "no_role", "social_worker", "coordinator", "administrator", "superuser",
    "partner", "other_partner",
]  # fmt: skip
CASEWORKERS = {"social_worker", "coordinator"}
# The staff of two partner bodies: they reach no staff page (PartnerBoundaryMiddleware).
PARTNERS = {"partner", "other_partner"}
STAFF_ROLES = {"no_role", "social_worker", "coordinator", "administrator", "superuser"}
EVERYONE = STAFF_ROLES | PARTNERS
# The partner directory holds no personal data: administrators keep it too.
DIRECTORY = CASEWORKERS | {"administrator", "superuser"}


# --- what a POST changes --------------------------------------------------------------------


def _nothing(objects: dict) -> dict:
    return {}


@dataclass(frozen=True)
class Change:
    """What one POST sends and what it changes.

    `state(objects, client)` is read before and after the POST: it differs for the roles in
    `roles` (by default those the route allows) and is the same for every other visitor.
    `data(objects)` is what is sent; with `form`, it goes on top of the form of that route's
    page whose action is this URL, as the page fills it in (hidden versions and tokens too).
    `before(objects)` puts the record in the state the action starts from.
    """

    state: Callable[[dict, Client], object]
    data: Callable[[dict], dict] = _nothing
    form: str | None = None
    before: Callable[[dict], None] | None = None
    roles: frozenset[str] | None = None


def C(state, data=_nothing, form=None, before=None, roles=None):  # noqa: N802
    return Change(state, data, form, before, frozenset(roles) if roles is not None else None)


def _count(model) -> Callable[[dict, Client], int]:
    return lambda objects, client: model.objects.count()


def _field(model, key: str, *names: str) -> Callable[[dict, Client], object]:
    """The values of `names` of the record objects[key], or None once it is gone."""
    return lambda objects, client: model.objects.filter(pk=objects[key]).values_list(*names).first()


def _version(model, pk: int) -> str:
    """The version a page of the record would carry in its form (community_centre.versions)."""
    return format_version(model.objects.get(pk=pk).updated_at)


def _session(key: str) -> Callable[[dict, Client], object]:
    return lambda objects, client: client.session.get(key)


def _language_cookie(objects: dict, client: Client):
    cookie = client.cookies.get(settings.LANGUAGE_COOKIE_NAME)
    return cookie.value if cookie else None


def _passwords(objects: dict, client: Client):
    return sorted(User.objects.values_list("pk", "password"))


# Every account's forced-login device (tests/conftest.py) holds this backup code.
BACKUP_CODE = "matrixcode1"


def _backup_code(objects: dict) -> dict:
    for user in User.objects.all():
        device, _made = StaticDevice.objects.get_or_create(user=user, name=FORCED_LOGIN_DEVICE)
        device.token_set.get_or_create(token=stored_form(BACKUP_CODE))
    return {"code": BACKUP_CODE}


def _backup_codes(objects: dict, client: Client):
    return sorted(StaticToken.objects.values_list("device__user_id", "token"))


def _devices(objects: dict, client: Client):
    return StaticDevice.objects.count() + TOTPDevice.objects.count()


def _surname(objects: dict) -> str:
    return Beneficiary.objects.get(pk=objects["beneficiary"]).surname


def _close(objects: dict) -> None:
    beneficiary = Beneficiary.objects.get(pk=objects["beneficiary"])
    actor = User.objects.get(username="maria")
    beneficiary_close(beneficiary=beneficiary, reason="Μετακόμισε.", actor=actor)


def _hold(objects: dict) -> None:
    beneficiary = Beneficiary.objects.get(pk=objects["beneficiary"])
    legal_hold_place(
        beneficiary=beneficiary, reason="Εκκρεμεί δίκη.", actor=User.objects.get(username="anna")
    )


def _next_working_day_in_a_week(objects: dict) -> dict:
    day = timezone.localdate() + dt.timedelta(days=7)
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return {"date": day.strftime("%d/%m/%Y"), "start_time": "10:00"}


def _upload(objects: dict) -> dict:
    return {"file": SimpleUploadedFile("scan.png", PNG, content_type="image/png")}


def _document_types(objects: dict) -> dict:
    return {"document_types": [DocumentType.objects.get(code="identity").pk]}


# --- the routes -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    """How to reach one URL pattern, who may use it, and what they get."""

    name: str
    kwargs: tuple[tuple[str, str], ...] = ()  # (URL kwarg, key of the `objects` fixture)
    method: str = "get"
    allowed: frozenset[str] = field(default_factory=lambda: frozenset(CASEWORKERS))
    wrong_method: str | None = "post"
    public: bool = False
    ok: tuple[tuple[str, int], ...] = ()  # the answer per allowed role, when not the default
    post: Change | None = None  # the POST of an action, or of the form of a page

    def expected(self, role: str) -> int:
        if role == "anonymous" and not self.public:
            return 302
        if role in self.allowed or self.public:
            return dict(self.ok).get(role, 302 if self.method == "post" else 200)
        return 403

    def expected_post(self, role: str) -> int:
        """The answer to the POST of a page's form: a redirect after saving, when allowed."""
        if role == "anonymous" and not self.public:
            return 302
        return 302 if role in self.allowed or self.public else 403

    def changes_for(self, role: str) -> bool:
        roles = self.post.roles if self.post.roles is not None else self.allowed
        return role in roles


def R(  # noqa: N802
    name,
    kwargs=None,
    method="get",
    allowed=CASEWORKERS,
    wrong_method="post",
    public=False,
    ok=None,
    post=None,
):
    pairs = tuple((kwargs or {}).items())
    return Route(
        name,
        pairs,
        method,
        frozenset(allowed),
        wrong_method,
        public,
        tuple((ok or {}).items()),
        post,
    )


# The programme catalogue (reference data: caseworkers and administrators) and applications.
FOR_PERSON = {"beneficiary_pk": "beneficiary"}
SERVICES_ROUTES = [
    R("services:programme_list", allowed=DIRECTORY),
    R("services:programme_create", allowed=DIRECTORY, wrong_method="put", post=C(
        _count(Programme), lambda o: {"name": "Επίδομα ομογενών", "code": "omogeneis",
                                      "deciding_body": "ΟΠΕΚΑ", "submitted_via": "ΟΠΕΚΑ"},
        form="services:programme_create")),
    R("services:programme_detail", {"pk": "programme"}, allowed=DIRECTORY),
    R("services:programme_edit", {"pk": "programme"}, allowed=DIRECTORY, wrong_method="put",
      post=C(_field(Programme, "programme", "submitted_via"), lambda o: {"submitted_via": "ΚΕΠ"},
             form="services:programme_edit")),
    R("services:programme_line_create", {"pk": "programme"}, allowed=DIRECTORY,
      wrong_method="put", post=C(_count(ProgrammeDocument), lambda o: {
          "document_type": o["family_type"], "requirement": "required", "scope": "applicant"},
          form="services:programme_line_create")),
    R("services:programme_line_edit", {"pk": "programme", "line_pk": "programme_line"},
      allowed=DIRECTORY, wrong_method="put", post=C(
          _field(ProgrammeDocument, "programme_line", "note"), lambda o: {"note": "Πρόσφατο"},
          form="services:programme_line_edit")),
    R("services:programme_line_remove", {"pk": "programme", "line_pk": "programme_line"},
      method="post", allowed=DIRECTORY, wrong_method="get", post=C(_count(ProgrammeDocument))),
    R("services:application_list"),
    R("services:application_create", FOR_PERSON, wrong_method="put", post=C(
        _count(BenefitApplication), lambda o: {"programme": o["other_programme"]},
        form="services:application_create")),
    R("services:application_detail", {"pk": "application"}),
    R("services:application_edit", {"pk": "application"}, wrong_method="put", post=C(
        _field(BenefitApplication, "application", "notes"), lambda o: {"notes": "Κλήθηκε."},
        form="services:application_edit")),
    R("services:application_line", {"pk": "application", "line_pk": "application_line"},
      method="post", wrong_method="get", post=C(
          _field(ApplicationDocument, "application_line", "state"),
          lambda o: {f"line-{o['application_line']}-state": "not_applicable"},
          form="services:application_detail")),
    R("services:application_move", {"pk": "application"}, method="post", wrong_method="get",
      post=C(_field(BenefitApplication, "application", "status"),
             lambda o: {"to_status": "withdrawn", "note": "Δεν συνεχίζει."},
             form="services:application_detail")),
    R("services:application_request_missing", {"pk": "application"}, method="post",
      wrong_method="get", post=C(_count(DocumentRequest), form="services:application_detail")),
]  # fmt: skip


# A referral of one body, asked for by the staff of another: there is none for them.
ANOTHER_BODY = {"other_partner": 404}
# A task of telling the referrals' body of a rectification of the planted person's file.
CORRECTION = {"pk": "correction_task"}
# The quick search answers its POST with the results, not with a redirect.
SEARCHED = {"social_worker": 200, "coordinator": 200}
B = {"pk": "beneficiary"}
FOR = {"beneficiary_pk": "beneficiary"}
EVENT = {"pk": "event"}
ATTENDANCE = {"pk": "event", "attendance_pk": "attendance"}
# Group activities and events: caseworkers only (the attendance list names people).
EVENT_ROUTES = [
    R("services:event_list"),
    R(
        "services:event_create",
        wrong_method="put",
        post=C(
            _count(Event),
            lambda o: {
                "title": "Ημερίδα",
                "kind": "information_day",
                "held_on": "12/02/2030",
                "starts_at": "10:00",
                "place": "Αίθουσα Κέντρου",
            },  # fmt: skip
            form="services:event_create",
        ),
    ),
    R("services:event_detail", EVENT),
    R(
        "services:event_edit",
        EVENT,
        wrong_method="put",
        post=C(
            _field(Event, "event", "place"),
            lambda o: {"place": "Δημαρχείο"},
            form="services:event_edit",
        ),  # fmt: skip
    ),
    R(
        "services:event_head_count",
        EVENT,
        method="post",
        wrong_method="get",
        post=C(
            _field(Event, "event", "other_attendees"),
            lambda o: {"other_attendees": "12"},
            form="services:event_detail",
        ),  # fmt: skip
    ),
    R("services:event_sheet", EVENT),
    R(
        "services:attendee_search",
        EVENT,
        method="post",
        wrong_method="get",
        ok=SEARCHED,
        post=C(
            lambda o, c: AccessLog.objects.filter(action=AccessLog.Action.SEARCH).count(),
            lambda o: {"q": _surname(o)},
        ),
    ),
    R(
        "services:attendee_add",
        {"pk": "empty_event"},
        method="post",
        wrong_method="get",
        post=C(_count(EventAttendance), lambda o: {"beneficiary": o["beneficiary"]}),
    ),
    R(
        "services:attendee_mark",
        ATTENDANCE,
        method="post",
        wrong_method="get",
        post=C(_field(EventAttendance, "attendance", "attended"), lambda o: {"attended": "0"}),
    ),
    R(
        "services:attendee_remove",
        ATTENDANCE,
        method="post",
        wrong_method="get",
        post=C(_field(EventAttendance, "attendance", "pk")),
    ),
]


def _sign_last_month(objects: dict) -> None:
    from reporting.actions import sign_off

    sign_off(last_ended_month(), User.objects.get(username="anna"))


def _signed_in_force(objects: dict, client: Client) -> int:
    return SignedReport.objects.filter(in_force=True).count()


# The monthly report, its exports, sign-off and re-opening: the coordinator's alone. The page and
# the exports show the last ended month when no period is asked for.
REPORTING_ROUTES = [
    R("reporting:report", allowed={"coordinator"}),
    R("reporting:export", {"fmt": "export_format"}, allowed={"coordinator"}),
    R(
        "reporting:sign_off",
        method="post",
        allowed={"coordinator"},
        wrong_method="get",
        post=C(_signed_in_force, form="reporting:report"),
    ),
    R(
        "reporting:reopen",
        method="post",
        allowed={"coordinator"},
        wrong_method="get",
        post=C(
            _signed_in_force,
            lambda o: {"month": last_ended_month().month_key, "reason": "Λείπει ένα αίτημα."},
            before=_sign_last_month,
        ),
    ),
]


def _register_upload(objects: dict) -> dict:
    content = "ΕΠΩΝΥΜΟ;ΟΝΟΜΑ;ΦΥΛΟ;ΗΜ/ΝΙΑ ΓΕΝΝΗΣΗΣ\nΔΟΚΙΜΑΣΤΙΚΟΣ;ΝΙΚΟΣ;Α;05/03/1960\n".encode()
    return {"file": SimpleUploadedFile("mitroo.csv", content, content_type="text/csv")}


# The register import: the coordinator's alone (the mapping, preview and report show the
# people's data). `import_run` is a checked run whose one row is the planted person.
# «Διατήρηση δεδομένων»: the coordinator's (policies, runs and due case files' numbers).
RETENTION_ROUTES = [
    R("beneficiaries:retention", allowed={"coordinator"}),
    R("beneficiaries:retention_edit", {"pk": "retention_policy"}, allowed={"coordinator"},
      wrong_method="put", post=C(_field(RetentionPolicy, "retention_policy", "years"),
                                 lambda o: {"years": 6}, form="beneficiaries:retention_edit")),
]  # fmt: skip
IMPORT = {"pk": "import_run"}
IMPORT_ROUTES = [
    R("beneficiaries:import_upload", allowed={"coordinator"}, wrong_method="put", post=C(
        _count(ImportRun), _register_upload, form="beneficiaries:import_upload")),
    R("beneficiaries:import_mapping", IMPORT, allowed={"coordinator"}, wrong_method="put",
      post=C(_field(ImportRun, "import_run", "mapping"), lambda o: {"col_4": "ignore"},
             form="beneficiaries:import_mapping")),
    R("beneficiaries:import_preview", IMPORT, allowed={"coordinator"}, wrong_method="put",
      post=C(_field(ImportRun, "import_run", "status"), lambda o: {"action": "check"},
             form="beneficiaries:import_preview")),
    R("beneficiaries:import_progress", IMPORT, allowed={"coordinator"}, ok={"coordinator": 302}),
    R("beneficiaries:import_status", IMPORT, allowed={"coordinator"}),
    R("beneficiaries:import_report", IMPORT, allowed={"coordinator"}),
    R("beneficiaries:import_error_file", IMPORT, allowed={"coordinator"}),
    R("beneficiaries:import_undo", {"pk": "imported_run"}, method="post", allowed={"coordinator"},
      wrong_method="get", post=C(_field(ImportRun, "imported_run", "status"))),
]  # fmt: skip
ROUTES = [
    R(
        "home",
        allowed=EVERYONE,
        ok={"social_worker": 302, "coordinator": 302, "partner": 302, "other_partner": 302},
    ),
    R("healthz", public=True, allowed=EVERYONE),
    R("readyz", public=True, allowed=EVERYONE),
    R(
        "login",
        public=True,
        allowed=EVERYONE,
        wrong_method=None,
        ok=dict.fromkeys(EVERYONE, 302),
        post=C(
            _session("_auth_user_id"),
            lambda o: {"username": "maria", "password": PASSWORD},
            roles={"anonymous"},
        ),
    ),
    R(
        "logout",
        method="post",
        allowed=EVERYONE,
        public=True,
        wrong_method="get",
        post=C(_session("_auth_user_id")),
    ),
    R(
        "set_language",
        method="post",
        public=True,
        allowed=EVERYONE,
        wrong_method=None,
        post=C(
            _language_cookie,
            lambda o: {"language": "en", "next": "/"},
            roles={*EVERYONE, "anonymous"},
        ),
    ),
    R(
        "password_change",
        allowed=EVERYONE,
        wrong_method="put",
        post=C(
            _passwords,
            lambda o: {
                "old_password": PASSWORD,
                "new_password1": "Kainourgio-2026!",
                "new_password2": "Kainourgio-2026!",
            },
            form="password_change",
        ),
    ),
    # The second factor (community_centre.two_factor). Every visitor here has given it (a
    # forced login does: tests/conftest.py), so the code step sends them on, and the enrolment
    # shows a new phone's QR code; their POSTs, a code, are tested in test_two_factor*.py.
    R(
        "two_factor_verify",
        allowed=EVERYONE,
        ok=dict.fromkeys(EVERYONE, 302),
        wrong_method="delete",
    ),
    R("two_factor_enrol", allowed=EVERYONE, wrong_method="delete"),
    R("account_security", allowed=EVERYONE),
    # The new codes are shown once: with none waiting in the session, back to the account page.
    R("two_factor_backup_codes", allowed=EVERYONE, ok=dict.fromkeys(EVERYONE, 302)),
    R(
        "two_factor_renew_codes",
        method="post",
        allowed=EVERYONE,
        wrong_method="get",
        post=C(_backup_codes, _backup_code),
    ),
    R(
        "two_factor_remove",
        method="post",
        allowed={"no_role", "social_worker"},
        wrong_method="get",
        post=C(_devices, _backup_code),
    ),
    R(
        "two_factor_reset",
        {"pk": "two_factor_user"},
        allowed={"coordinator"},
        wrong_method="put",
        post=C(_devices, lambda o: {"reason": "Έχασε το κινητό."}, form="two_factor_reset"),
    ),
    R("staff_overview", allowed={"coordinator"}),
    R("reporting:dashboard", allowed={"coordinator"}),  # counts only: the coordinator's
    R(
        "grant_confirm",
        {"pk": "grant"},
        method="post",
        allowed={"coordinator"},
        wrong_method="get",
        post=C(_field(RoleGrant, "grant", "status")),
    ),
    R(
        "grant_reject",
        {"pk": "grant"},
        method="post",
        allowed={"coordinator"},
        wrong_method="get",
        post=C(_field(RoleGrant, "grant", "status"), lambda o: {"note": "Λάθος πρόσωπο."}),
    ),
    R(
        "grant_revoke",
        {"pk": "active_grant"},
        method="post",
        allowed={"coordinator"},
        wrong_method="get",
        post=C(_field(RoleGrant, "active_grant", "status"), lambda o: {"note": "Αποχώρησε."}),
    ),
    R(
        "staff_events_seen",
        method="post",
        allowed={"coordinator"},
        wrong_method="get",
        post=C(lambda o, c: StaffEvent.objects.unseen().count()),
    ),
    R("holiday_calendar", allowed=STAFF_ROLES),
    R("holiday_calendar_year", {"year": "year"}, allowed=STAFF_ROLES),
    R(
        "beneficiaries:list",
        wrong_method="put",
        post=C(_session("searches"), lambda o: {"q": _surname(o)}),
    ),
    R(
        "beneficiaries:quick_search",
        method="post",
        wrong_method="get",
        ok=SEARCHED,
        post=C(
            lambda o, c: AccessLog.objects.filter(action=AccessLog.Action.SEARCH).count(),
            lambda o: {"q": _surname(o)},
        ),
    ),
    R(
        "beneficiaries:create",
        wrong_method="put",
        post=C(
            _count(Beneficiary),
            lambda o: {"surname": "Νεοφερμένη", "given_name": "Καλλιόπη"},
            form="beneficiaries:create",
        ),
    ),
    R("beneficiaries:detail", B),
    R(
        "beneficiaries:edit",
        B,
        wrong_method="put",
        post=C(
            _field(Beneficiary, "beneficiary", "address"),
            lambda o: {"address": "Ζηνοπούλου 12"},
            form="beneficiaries:edit",
        ),
    ),
    # Rectification at the person's request (art. 16): only what changed is saved, with a reason.
    R(
        "beneficiaries:rectify",
        B,
        wrong_method="put",
        post=C(
            _count(Rectification),
            lambda o: {"address": "Ζηνοπούλου 14", "reason": "Λάθος αριθμός οδού."},
            form="beneficiaries:rectify",
        ),
    ),
    R(
        "beneficiaries:close",
        B,
        method="post",
        wrong_method="get",
        post=C(_field(Beneficiary, "beneficiary", "status"), lambda o: {"reason": "Μετακόμισε."}),
    ),
    R(
        "beneficiaries:reopen",
        B,
        method="post",
        wrong_method="get",
        post=C(
            _field(Beneficiary, "beneficiary", "status"),
            lambda o: {"reason": "Επέστρεψε."},
            before=_close,
        ),
    ),
    R("beneficiaries:history", B, allowed={"coordinator"}),
    # The subject-access export (GDPR art. 15): the page, and its POST that answers the ZIP.
    R("beneficiaries:subject_access", B),
    R(
        "beneficiaries:subject_access_export",
        B,
        method="post",
        wrong_method="get",
        ok={"social_worker": 200, "coordinator": 200},
        post=C(
            lambda o, c: AccessLog.objects.filter(action=AccessLog.Action.SUBJECT_ACCESS).count(),
            lambda o: {"requested_on": "05/11/2026", "channel": "letter"},
            form="beneficiaries:subject_access",
        ),
    ),
    R(
        "beneficiaries:special_show",
        B,
        wrong_method="put",
        post=C(
            lambda o, c: AccessLog.objects.filter(action=AccessLog.Action.SHOW_SPECIAL).count(),
            lambda o: {"purpose": "needs_assessment"},
            form="beneficiaries:special_show",
        ),
    ),
    # Closing a window no one opened changes nothing (tests/beneficiaries/test_special_categories).
    R(
        "beneficiaries:special_hide",
        B,
        method="post",
        wrong_method="get",
        post=C(_session("special_categories_shown"), roles=()),
    ),
    R(
        "beneficiaries:legal_hold_place",
        B,
        method="post",
        allowed={"coordinator"},
        wrong_method="get",
        post=C(_field(Beneficiary, "beneficiary", "legal_hold"), lambda o: {"reason": "Δίκη."}),
    ),
    R(
        "beneficiaries:legal_hold_lift",
        B,
        method="post",
        allowed={"coordinator"},
        wrong_method="get",
        post=C(
            _field(Beneficiary, "beneficiary", "legal_hold"),
            lambda o: {"reason": "Η δίκη τελείωσε."},
            before=_hold,
        ),
    ),
    R(
        "beneficiaries:member_create",
        B,
        wrong_method="put",
        post=C(_count(HouseholdMember), form="beneficiaries:member_create"),
    ),
    R(
        "beneficiaries:member_edit",
        {**B, "member_pk": "member"},
        wrong_method="put",
        post=C(
            _field(HouseholdMember, "member", "given_name"),
            lambda o: {"given_name": "Αλέξανδρος"},
            form="beneficiaries:member_edit",
        ),
    ),
    R(
        "beneficiaries:member_rectify",
        {**B, "member_pk": "member"},
        wrong_method="put",
        post=C(
            _count(Rectification),
            lambda o: {"given_name": "Αλέξης", "reason": "Λάθος στο όνομα."},
            form="beneficiaries:member_rectify",
        ),
    ),
    R(
        "beneficiaries:member_delete",
        {**B, "member_pk": "member"},
        method="post",
        wrong_method="get",
        post=C(_field(HouseholdMember, "member", "pk")),
    ),
    R(
        "beneficiaries:rep_create",
        B,
        wrong_method="put",
        post=C(_count(Representative), form="beneficiaries:rep_create"),
    ),
    R(
        "beneficiaries:rep_edit",
        {**B, "rep_pk": "representative"},
        wrong_method="put",
        post=C(
            _field(Representative, "representative", "given_name"),
            lambda o: {"given_name": "Μαρίνα"},
            form="beneficiaries:rep_edit",
        ),
    ),
    R(
        "beneficiaries:consent_create",
        B,
        wrong_method="put",
        post=C(_count(Consent), form="beneficiaries:consent_create"),
    ),
    R("beneficiaries:consent_pdf", B),
    R(
        "beneficiaries:document_upload",
        B,
        wrong_method="put",
        post=C(_count(Document), _upload, form="beneficiaries:document_upload"),
    ),
    R("beneficiaries:document_download", {**B, "doc_pk": "document"}),
    R(
        "beneficiaries:note_create",
        B,
        wrong_method="put",
        post=C(_count(CaseNote), form="beneficiaries:note_create"),
    ),
    R(
        "beneficiaries:need_create",
        B,
        wrong_method="put",
        post=C(_count(Need), form="beneficiaries:need_create"),
    ),
    R(
        "beneficiaries:need_edit",
        {**B, "need_pk": "need"},
        wrong_method="put",
        post=C(
            _field(Need, "need", "description"),
            lambda o: {"description": "Χρειάζεται επίδομα θέρμανσης."},
            form="beneficiaries:need_edit",
        ),
    ),
    R("requests:my_work"),
    R("requests:list"),
    R(
        "requests:create",
        FOR,
        wrong_method="put",
        post=C(_count(AssistanceRequest), form="requests:create"),
    ),
    R("requests:detail", {"pk": "request"}),
    R(
        "requests:edit",
        {"pk": "request"},
        wrong_method="put",
        post=C(
            _field(AssistanceRequest, "request", "description"),
            lambda o: {"description": "Αίτημα για επίδομα ενοικίου."},
            form="requests:edit",
        ),
    ),
    R(
        "requests:move",
        {"pk": "request"},
        method="post",
        wrong_method="get",
        post=C(_field(AssistanceRequest, "request", "status"), form="requests:detail"),
    ),
    R(
        "requests:letter_for_request",
        {"pk": "request"},
        method="post",
        wrong_method="get",
        post=C(_count(StatusLetter), form="requests:detail"),
    ),
    R(
        "requests:information_create",
        FOR,
        wrong_method="put",
        post=C(_count(InformationRequest), form="requests:information_create"),
    ),
    R("requests:information_detail", {"pk": "information"}),
    R(
        "requests:letter_create",
        {"pk": "information"},
        method="post",
        wrong_method="get",
        post=C(_count(StatusLetter), form="requests:information_detail"),
    ),
    R("requests:letter_pdf", {"pk": "letter"}),
    R(
        "requests:letter_deliver",
        {"pk": "letter"},
        wrong_method="put",
        post=C(_field(StatusLetter, "letter", "delivered_on"), form="requests:letter_deliver"),
    ),
    R(
        "requests:docreq_create",
        FOR,
        wrong_method="put",
        post=C(_count(DocumentRequest), _document_types, form="requests:docreq_create"),
    ),
    R("requests:docreq_detail", {"pk": "document_request"}),
    R("requests:docreq_pdf", {"pk": "document_request"}),
    R(
        "requests:docreq_item_receive",
        {"pk": "document_request", "item_pk": "item"},
        method="post",
        wrong_method="get",
        post=C(_field(DocumentRequestItem, "item", "received_on"), form="requests:docreq_detail"),
    ),
    R(
        "requests:docreq_cancel",
        {"pk": "document_request"},
        method="post",
        wrong_method="get",
        post=C(
            _field(DocumentRequest, "document_request", "status"),
            lambda o: {"reason": "Δεν χρειάζονται πια."},
        ),
    ),
    R(
        "requests:appointment_create",
        FOR,
        wrong_method="put",
        post=C(
            _count(Appointment), _next_working_day_in_a_week, form="requests:appointment_create"
        ),
    ),
    R(
        "requests:appointment_mark",
        {"pk": "appointment"},
        method="post",
        wrong_method="get",
        post=C(
            _field(Appointment, "appointment", "status"),
            lambda o: {"status": "attended", "expected_status": "scheduled"},
        ),
    ),
    R("requests:agenda"),
    R("requests:agenda_pdf"),
    R("referrals:directory", allowed=DIRECTORY),
    R(
        "referrals:body_create",
        allowed=DIRECTORY,
        wrong_method="put",
        post=C(
            _count(PartnerBody),
            lambda o: {"name": "Σύλλογος Εθελοντών", "code": "syllogos", "kind": "ngo"},
            form="referrals:body_create",
        ),
    ),
    R("referrals:body_detail", {"pk": "body"}, allowed=DIRECTORY),
    R(
        "referrals:body_edit",
        {"pk": "body"},
        allowed=DIRECTORY,
        wrong_method="put",
        post=C(
            _field(PartnerBody, "body", "phones"),
            lambda o: {"phones": "2237 0 99999"},
            form="referrals:body_edit",
        ),
    ),
    R(
        "referrals:service_create",
        {"body_pk": "body"},
        allowed=DIRECTORY,
        wrong_method="put",
        post=C(
            _count(PartnerService),
            lambda o: {"name": "Σχολικά είδη"},
            form="referrals:service_create",
        ),
    ),
    R(
        "referrals:service_edit",
        {"pk": "service"},
        allowed=DIRECTORY,
        wrong_method="put",
        post=C(
            _field(PartnerService, "service", "capacity_note"),
            lambda o: {"capacity_note": "Λίστα αναμονής δύο εβδομάδων"},
            form="referrals:service_edit",
        ),
    ),
    R(
        "referrals:create_for_request",
        {"request_pk": "request"},
        wrong_method="put",
        post=C(
            _count(Referral),
            lambda o: {"body": o["body"], "reason": "Χρειάζεται τρόφιμα."},
            form="referrals:create_for_request",
        ),
    ),
    R(
        "referrals:create_for_case_file",
        FOR,
        wrong_method="put",
        post=C(
            _count(Referral),
            lambda o: {
                "assistance_request": o["request"],
                "body": o["body"],
                "reason": "Τρόφιμα.",
            },
            form="referrals:create_for_case_file",
        ),
    ),
    R("referrals:list"),
    R("referrals:detail", {"pk": "referral"}),
    R(
        "referrals:edit",
        {"pk": "draft_referral"},
        wrong_method="put",
        post=C(
            _field(Referral, "draft_referral", "reason"),
            lambda o: {"reason": "Χρειάζεται σχολικά είδη."},
            form="referrals:edit",
        ),
    ),
    R(
        "referrals:move",
        {"pk": "referral"},
        method="post",
        wrong_method="get",
        post=C(
            _field(Referral, "referral", "status"),
            lambda o: {"to_status": "accepted"},
            form="referrals:detail",
        ),
    ),
    R(
        "referrals:consent_withdraw",
        {"pk": "referral"},
        method="post",
        wrong_method="get",
        post=C(_field(Referral, "referral", "consent_withdrawn_on"), form="referrals:detail"),
    ),
    R("referrals:slip", {"pk": "referral"}),
    # Telling a body of a rectification: the Centre's staff (partners reach no staff page).
    R("referrals:rectification_task", CORRECTION),
    R(
        "referrals:rectification_done",
        CORRECTION,
        method="post",
        wrong_method="get",
        post=C(
            _field(RectificationTask, "correction_task", "status"),
            lambda o: {"informed_on": timezone.localdate().strftime("%d/%m/%Y"), "how": "phone"},
            form="referrals:rectification_task",
        ),
    ),
    R("referrals:rectification_notice", CORRECTION),
    # The partner body's pages: its staff only; another body's staff find no such referral.
    R("referrals:inbox", allowed=PARTNERS),
    R("referrals:partner_detail", {"pk": "referral"}, allowed=PARTNERS, ok=ANOTHER_BODY),
    R(
        "referrals:partner_move",
        {"pk": "referral"},
        method="post",
        allowed=PARTNERS,
        wrong_method="get",
        ok={"partner": 302, "other_partner": 404},
        post=C(
            _field(Referral, "referral", "status", "outcome"),
            lambda o: {
                "to_status": "accepted",
                "note": "Ραντεβού την Τρίτη.",
                "version": _version(Referral, o["referral"]),
            },  # fmt: skip
            roles={"partner"},
        ),
    ),
    R("referrals:partner_slip", {"pk": "referral"}, allowed=PARTNERS, ok=ANOTHER_BODY),
    R(
        "referrals:partner_acknowledge",
        CORRECTION,
        method="post",
        allowed=PARTNERS,
        wrong_method="get",
        ok={"partner": 302, "other_partner": 404},
        post=C(_field(RectificationTask, "correction_task", "status"), roles={"partner"}),
    ),
    # The ΕΕΕ screening at the desk: caseworkers only, by GET (nothing is stored).
    R("services:eee_calculator"),
    *SERVICES_ROUTES,
    *session_routes(R, C, FOR),
    *EVENT_ROUTES,
    *REPORTING_ROUTES,
    *IMPORT_ROUTES,
    *RETENTION_ROUTES,
]
ROUTES_BY_NAME = {route.name: route for route in ROUTES}
ACTIONS = [route for route in ROUTES if route.method == "post"]
FORM_PAGES = [route for route in ROUTES if route.method == "get" and route.post]


def _pattern_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            if ns == "admin":
                continue  # Django's admin checks staff status itself: see test_admin_*
            names |= _pattern_names(pattern, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_pattern_is_in_the_matrix():
    assert _pattern_names(get_resolver()) == set(ROUTES_BY_NAME)


def test_every_action_and_every_page_that_takes_a_post_says_what_it_changes():
    assert all(route.post for route in ACTIONS)
    takes_posts = {r.name for r in ROUTES if r.method == "get" and r.wrong_method == "put"}
    assert takes_posts <= {route.name for route in FORM_PAGES}


# --- the records ----------------------------------------------------------------------------


def make_objects(social_worker, administrator) -> dict:
    """One record of every kind, in one person's file; the keys the URLs of ROUTES name."""
    newcomer = UserFactory(username="newcomer")
    grant = role_propose(user=newcomer, role=Role.SOCIAL_WORKER, actor=administrator)
    beneficiary = BeneficiaryFactory()
    document = DocumentFactory(beneficiary=beneficiary, uploaded_by=social_worker)
    CaseNoteFactory(beneficiary=beneficiary, author=social_worker)
    need = beneficiary.needs.create(
        category=NeedCategoryFactory(), identified_on="2026-11-02", recorded_by=social_worker
    )
    rep = beneficiary.representatives.create(surname="Κ", given_name="Λ", valid_from="2026-01-01")
    request = AssistanceRequestFactory(beneficiary=beneficiary, assigned_worker=social_worker)
    information = InformationRequestFactory(beneficiary=beneficiary, recorded_by=social_worker)
    letter = StatusLetter.objects.create(
        beneficiary=beneficiary,
        information_request=information,
        protocol_year=2026,
        protocol_number=999_999,
        issued_on="2026-11-20",
        pdf=ContentFile(b"%PDF-1.4\n%%EOF\n", name="letter.pdf"),
        sha256="0" * 64,
        issued_by=social_worker,
    )
    item = DocumentRequestItemFactory(
        document_request=DocumentRequestFactory(beneficiary=beneficiary)
    )
    service = PartnerServiceFactory(body=PartnerBodyFactory(name="Κοινωνικό Παντοπωλείο"))
    referral = ReferralFactory(
        sent=True, assistance_request=request, body=service.body, service=service
    )
    draft = ReferralFactory(assistance_request=request, body=service.body)
    correction = _correction_task(beneficiary, social_worker)
    event = EventFactory(organiser=social_worker, held_on=timezone.localdate())
    event.partner_bodies.add(service.body)
    attendance = EventAttendanceFactory(event=event, beneficiary=beneficiary)
    return {
        "beneficiary": beneficiary.pk,
        "member": HouseholdMemberFactory(beneficiary=beneficiary).pk,
        "document": document.pk,
        "need": need.pk,
        "representative": rep.pk,
        "request": request.pk,
        "information": information.pk,
        "letter": letter.pk,
        "document_request": item.document_request_id,
        "item": item.pk,
        "appointment": AppointmentFactory(beneficiary=beneficiary, worker=social_worker).pk,
        "grant": grant.pk,
        "two_factor_user": _with_phone(
            UserFactory(username="phonelost", first_name="Λ", last_name="Κινητό")
        ).pk,
        "active_grant": RoleGrant.objects.get(user=social_worker).pk,
        "year": 2026,
        "body": service.body_id,
        "service": service.pk,
        "referral": referral.pk,
        "draft_referral": draft.pk,
        "correction_task": correction.pk,
        "event": event.pk,
        "attendance": attendance.pk,
        "empty_event": EventFactory(organiser=social_worker).pk,
        "export_format": "json",
        **_services_objects(beneficiary, social_worker),
        **session_objects(beneficiary, request, social_worker),
        **_import_objects(beneficiary),
        "retention_policy": ensure_policies()["case_file"].pk,
    }


def _correction_task(beneficiary, social_worker) -> RectificationTask:
    """The given name of the person, disclosed by the sent referral, corrected since."""
    beneficiary.refresh_from_db()
    beneficiary_rectify(
        beneficiary=beneficiary, changes={"given_name": "Διορθωμένο"}, reason="Λάθος όνομα.",
        requested_on=timezone.localdate(), requested_how="in_person",
        expected_version=beneficiary.updated_at, actor=social_worker,
    )  # fmt: skip
    return RectificationTask.objects.get(beneficiary=beneficiary)


def _with_phone(user: User) -> User:
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user


def _import_objects(beneficiary) -> dict:
    """A checked import whose one row is the planted person (so, already registered), and an
    import that created one person, untouched since (so it can be undone)."""
    born = beneficiary.date_of_birth.strftime("%d/%m/%Y") if beneficiary.date_of_birth else ""
    header = "ΕΠΩΝΥΜΟ;ΟΝΟΜΑ;ΦΥΛΟ;ΗΜ/ΝΙΑ ΓΕΝΝΗΣΗΣ;ΑΜΚΑ;ΠΑΡΑΤΗΡΗΣΕΙΣ\n"
    row = f"{beneficiary.surname};{beneficiary.given_name};{beneficiary.sex};{born};"
    row += f"{beneficiary.amka};Γνωστή στο Κέντρο\n"
    checked = import_records.record_upload(
        name="mitroo.csv", content=(header + row).encode(), actor=None
    )
    import_records.run_import(checked, import_records.mapping_of(checked), actor=None, dry_run=True)
    newcomer = header + "ΕΙΣΑΓΜΕΝΟΣ;ΠΕΤΡΟΣ;Α;01/02/1950;;\n"
    imported = import_records.record_upload(name="nea.csv", content=newcomer.encode(), actor=None)
    import_records.run_import(imported, import_records.mapping_of(imported), actor=None)
    return {"import_run": checked.pk, "imported_run": imported.pk}


def _services_objects(beneficiary, social_worker) -> dict:
    programme = eee_programme()
    members = list(beneficiary.household.all())
    application = application_create(
        beneficiary=beneficiary, programme=programme, members=members, actor=social_worker
    )
    return {
        "programme": programme.pk,
        "programme_line": programme.checklist.first().pk,
        "family_type": document_type("family-status").pk,
        "other_programme": ProgrammeFactory().pk,
        "application": application.pk,
        "application_line": application.items.first().pk,
    }


@pytest.fixture
def objects(social_worker, administrator):
    """The records, for other modules that open every page (this one uses `world`)."""
    return make_objects(social_worker, administrator)


@dataclass
class World:
    users: dict[str, User]
    objects: dict


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The people and the records, made once for the module's ~550 tests, in a transaction
    that each test's own one nests in (a savepoint, rolled back after it): a test sees them as
    they were made, whatever the one before it posted. Rolled back after the last test."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            sync_roles()
            users = {"no_role": UserFactory(username="stavros", password=PASSWORD)}
            for name, username, role in STAFF:
                users[name] = UserFactory(username=username, password=PASSWORD)
                role_grant_from_server(user=users[name], role=role)
            users["superuser"] = UserFactory(
                username="root", password=PASSWORD, is_staff=True, is_superuser=True
            )
            made = World(users, make_objects(users["social_worker"], users["administrator"]))
            # The staff of the body the referrals went to, and of another body.
            referral = Referral.objects.get(pk=made.objects["referral"])
            users["partner"] = partner_user(referral.body, "pantopoleio", password=PASSWORD)
            users["other_partner"] = partner_user(
                PartnerBodyFactory(name="Βοήθεια στο Σπίτι"), "voitheia", password=PASSWORD
            )
        except BaseException:
            outer.__exit__(*sys.exc_info())
            raise
    yield made
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


STAFF = [
    ("social_worker", "maria", Role.SOCIAL_WORKER),
    ("coordinator", "anna", Role.COORDINATOR),
    ("administrator", "admin", Role.ADMINISTRATOR),
]


# This module's people are the world's (the same names and roles as tests/conftest.py gives).
def _world_user(name: str):
    @pytest.fixture
    def fixture(db, world):
        return world.users[name]

    return fixture


no_role = _world_user("no_role")
social_worker = _world_user("social_worker")
coordinator = _world_user("coordinator")
administrator = _world_user("administrator")
superuser = _world_user("superuser")
partner = _world_user("partner")
other_partner = _world_user("other_partner")


@pytest.fixture
def records(db, world) -> dict:
    return world.objects


def _url(route: Route, objects: dict, **override) -> str:
    kwargs = {kwarg: override.get(kwarg, objects[key]) for kwarg, key in route.kwargs}
    return reverse(route.name, kwargs=kwargs)


def _client_for(role, client, request):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    return client


def _assert_sent_to_login(response, url: str) -> None:
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("login")
    assert parse_qs(location.query) == {"next": [url]}


# --- posting --------------------------------------------------------------------------------


def _form_on_page(route: Route, objects: dict, request) -> dict:
    """The fields of the form that posts to `route`, as its page (route.post.form) fills them
    in for a coordinator: what a person sends without touching anything."""
    page_url = _url(ROUTES_BY_NAME[route.post.form], objects)
    reader = Client()
    reader.force_login(request.getfixturevalue("coordinator"))
    response = reader.get(page_url)
    assert response.status_code == 200, page_url
    action = _url(route, objects)
    forms = post_forms(response.content.decode(), page_url)
    (form, *_others) = [f for f in forms if urlsplit(f.action).path == action]
    data: dict[str, list[str]] = {}
    for name, value in form.valid_pairs():
        data.setdefault(name, []).append(value)
    return data


def _post(route: Route, role: str, client: Client, request, objects: dict):
    """POST to `route` as `role`; returns the answer, and the state before and after it."""
    change = route.post
    data = _form_on_page(route, objects, request) if change.form else {}
    data.update(change.data(objects))
    if change.before:
        change.before(objects)
    client = _client_for(role, client, request)
    before = change.state(objects, client)
    url = _url(route, objects)
    response = client.post(url, data)
    return response, before, change.state(objects, client)


def _assert_posted(route: Route, role: str, expected: int, client, request, objects) -> None:
    response, before, after = _post(route, role, client, request, objects)
    assert response.status_code == expected
    if role == "anonymous" and not route.public:
        _assert_sent_to_login(response, _url(route, objects))
    if route.changes_for(role):
        assert after != before, f"{route.name}: nothing changed for {role}"
    else:
        assert after == before, f"{route.name}: {role} changed {before!r} to {after!r}"


# --- the matrix -----------------------------------------------------------------------------


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
@pytest.mark.parametrize("role", ROLES)
def test_access(route, role, client, request, records):
    if route.method == "post":
        _assert_posted(route, role, route.expected(role), client, request, records)
        return
    client = _client_for(role, client, request)
    url = _url(route, records)
    response = client.get(url)
    assert response.status_code == route.expected(role)
    if role == "anonymous" and not route.public:
        _assert_sent_to_login(response, url)


@pytest.mark.parametrize("route", FORM_PAGES, ids=lambda r: r.name)
@pytest.mark.parametrize("role", ROLES)
def test_posting_the_form_of_a_page(route, role, client, request, records):
    """The POST of a page's form saves for the roles that may use it, and only for them."""
    _assert_posted(route, role, route.expected_post(role), client, request, records)


SCOPED = [r for r in ROUTES if r.kwargs and r.kwargs[0][1] != "year"]
# A parent record in another file, for the URLs that name a record under its parent.
OTHER_PARENT = {
    "beneficiary": lambda: BeneficiaryFactory().pk,
    "document_request": lambda: DocumentRequestFactory().pk,
    "programme": lambda: ProgrammeFactory().pk,
    "application": lambda: ApplicationFactory().pk,
    "event": lambda: EventFactory().pk,
}
NESTED = [r for r in SCOPED if len(r.kwargs) > 1]


@pytest.mark.parametrize("route", NESTED, ids=lambda r: r.name)
def test_a_record_under_another_parent_answers_404(route, client, coordinator, records):
    """A document, member, need … of one person asked for under another person's file."""
    client.force_login(coordinator)
    kwarg, parent = route.kwargs[0]
    response = getattr(client, route.method)(
        _url(route, records, **{kwarg: OTHER_PARENT[parent]()})
    )
    assert response.status_code == 404


def _one_who_may(route: Route, request) -> User:
    """A coordinator, or the partner of the referrals' body for the partner body's pages."""
    return request.getfixturevalue("partner" if route.allowed <= PARTNERS else "coordinator")


@pytest.mark.parametrize("route", SCOPED, ids=lambda r: r.name)
def test_a_record_that_does_not_exist_answers_404(route, client, request, records):
    client.force_login(_one_who_may(route, request))
    response = getattr(client, route.method)(_url(route, records, **{route.kwargs[-1][0]: 999_999}))
    assert response.status_code == 404


@pytest.mark.parametrize("route", [r for r in ROUTES if r.wrong_method], ids=lambda r: r.name)
def test_wrong_method_answers_405(route, client, coordinator, records):
    client.force_login(coordinator)
    response = getattr(client, route.wrong_method)(_url(route, records))
    assert response.status_code == 405


@pytest.mark.parametrize("role", ["administrator", "superuser"])
def test_administrators_are_refused_every_case_file_view(role, client, request, records):
    client = _client_for(role, client, request)
    for route in ROUTES:
        if route.name.startswith(("beneficiaries:", "requests:")):
            for method in {route.method, "post"} if route.post else {route.method}:
                response = getattr(client, method)(_url(route, records))
                assert response.status_code == 403, (route.name, method)


def test_admin_site_is_for_administrators_only(client, administrator, social_worker):
    client.force_login(social_worker)
    assert client.get(reverse("admin:index")).status_code == 302
    client.force_login(administrator)
    assert client.get(reverse("admin:index")).status_code == 200


# Records that belong to one partner body: its referrals, and the tasks of telling it of a
# rectification. The staff of another body must find none of them.
BODY_RECORDS = {"referral", "correction_task"}


def test_another_bodys_staff_find_none_of_a_bodys_records():
    partner_routes = [r for r in ROUTES if r.allowed <= PARTNERS and r.kwargs]
    assert {key for r in partner_routes for _kwarg, key in r.kwargs} <= BODY_RECORDS
    for route in partner_routes:
        assert route.expected("other_partner") == 404, route.name
        assert route.expected("partner") in {200, 302}, route.name
