"""The access matrix of STYLE.md for every URL pattern, driven by one table.

A new URL pattern that is not in ROUTES fails `test_every_url_pattern_is_in_the_matrix`, so no
view escapes the checks. Each answer is asserted exactly: anonymous → 302 to the login page;
a role that may not → 403 (administrators and superusers on every case-file page); out of scope
→ 404; wrong method → 405; a role that may → the route's own answer (200 for a page, 302 after
an action).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from community_centre.models import Role
from community_centre.role_actions import role_propose
from requests.models import StatusLetter
from tests.beneficiaries.factories import (
    BeneficiaryFactory,
    CaseNoteFactory,
    DocumentFactory,
    HouseholdMemberFactory,
    NeedCategoryFactory,
)
from tests.community_centre.factories import UserFactory
from tests.requests.factories import (
    AppointmentFactory,
    AssistanceRequestFactory,
    DocumentRequestFactory,
    DocumentRequestItemFactory,
    InformationRequestFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "social_worker", "coordinator", "administrator", "superuser"]
CASEWORKERS = {"social_worker", "coordinator"}
EVERYONE = {"social_worker", "coordinator", "administrator", "superuser"}


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

    def expected(self, role: str) -> int:
        if role == "anonymous" and not self.public:
            return 302
        if role in self.allowed or self.public:
            return dict(self.ok).get(role, 302 if self.method == "post" else 200)
        return 403


def R(  # noqa: N802
    name, kwargs=None, method="get", allowed=CASEWORKERS, wrong_method="post", public=False, ok=None
):
    pairs = tuple((kwargs or {}).items())
    return Route(
        name, pairs, method, frozenset(allowed), wrong_method, public, tuple((ok or {}).items())
    )


# An empty POST to these shows the page again with the form's errors, rather than redirecting.
INVALID_FORM_AGAIN = {"social_worker": 200, "coordinator": 200}
# The quick search answers its POST with the results (an empty box: an empty answer).
SEARCHED = {"social_worker": 200, "coordinator": 200}
B = {"pk": "beneficiary"}
FOR = {"beneficiary_pk": "beneficiary"}
ROUTES = [
    R("home", allowed=EVERYONE, ok={"social_worker": 302, "coordinator": 302}),
    R("healthz", public=True, allowed=EVERYONE),
    R("readyz", public=True, allowed=EVERYONE),
    R("login", public=True, allowed=EVERYONE, wrong_method=None, ok=dict.fromkeys(EVERYONE, 302)),
    R("logout", method="post", allowed=EVERYONE, public=True, wrong_method="get"),
    R("set_language", method="post", public=True, allowed=EVERYONE, wrong_method=None),
    R("password_change", allowed=EVERYONE, wrong_method="put"),
    R("staff_overview", allowed={"coordinator"}),
    R("grant_confirm", {"pk": "grant"}, method="post", allowed={"coordinator"}, wrong_method="get"),
    R("grant_reject", {"pk": "grant"}, method="post", allowed={"coordinator"}, wrong_method="get"),
    R("grant_revoke", {"pk": "grant"}, method="post", allowed={"coordinator"}, wrong_method="get"),
    R("staff_events_seen", method="post", allowed={"coordinator"}, wrong_method="get"),
    R("holiday_calendar", allowed=EVERYONE),
    R("holiday_calendar_year", {"year": "year"}, allowed=EVERYONE),
    R("beneficiaries:list", wrong_method="put"),
    R("beneficiaries:quick_search", method="post", wrong_method="get", ok=SEARCHED),
    R("beneficiaries:create", wrong_method="put"),
    R("beneficiaries:detail", B),
    R("beneficiaries:edit", B, wrong_method="put"),
    R("beneficiaries:close", B, method="post", wrong_method="get"),
    R("beneficiaries:reopen", B, method="post", wrong_method="get"),
    R("beneficiaries:history", B, allowed={"coordinator"}),
    R("beneficiaries:member_create", B, wrong_method="put"),
    R("beneficiaries:member_edit", {**B, "member_pk": "member"}, wrong_method="put"),
    R(
        "beneficiaries:member_delete",
        {**B, "member_pk": "member"},
        method="post",
        wrong_method="get",
    ),
    R("beneficiaries:rep_create", B, wrong_method="put"),
    R("beneficiaries:rep_edit", {**B, "rep_pk": "representative"}, wrong_method="put"),
    R("beneficiaries:consent_create", B, wrong_method="put"),
    R("beneficiaries:consent_pdf", B),
    R("beneficiaries:document_upload", B, wrong_method="put"),
    R("beneficiaries:document_download", {**B, "doc_pk": "document"}),
    R("beneficiaries:note_create", B, wrong_method="put"),
    R("beneficiaries:need_create", B, wrong_method="put"),
    R("beneficiaries:need_edit", {**B, "need_pk": "need"}, wrong_method="put"),
    R("requests:my_work"),
    R("requests:list"),
    R("requests:create", FOR, wrong_method="put"),
    R("requests:detail", {"pk": "request"}),
    R("requests:edit", {"pk": "request"}, wrong_method="put"),
    R("requests:move", {"pk": "request"}, method="post", wrong_method="get", ok=INVALID_FORM_AGAIN),
    R("requests:letter_for_request", {"pk": "request"}, method="post", wrong_method="get"),
    R("requests:information_create", FOR, wrong_method="put"),
    R("requests:information_detail", {"pk": "information"}),
    R("requests:letter_create", {"pk": "information"}, method="post", wrong_method="get"),
    R("requests:letter_pdf", {"pk": "letter"}),
    R("requests:letter_deliver", {"pk": "letter"}, wrong_method="put"),
    R("requests:docreq_create", FOR, wrong_method="put"),
    R("requests:docreq_detail", {"pk": "document_request"}),
    R("requests:docreq_pdf", {"pk": "document_request"}),
    R(
        "requests:docreq_item_receive",
        {"pk": "document_request", "item_pk": "item"},
        method="post",
        wrong_method="get",
        ok=INVALID_FORM_AGAIN,
    ),
    R(
        "requests:docreq_cancel",
        {"pk": "document_request"},
        method="post",
        wrong_method="get",
        ok=INVALID_FORM_AGAIN,
    ),
    R("requests:appointment_create", FOR, wrong_method="put"),
    R("requests:appointment_mark", {"pk": "appointment"}, method="post", wrong_method="get"),
    R("requests:agenda"),
    R("requests:agenda_pdf"),
]
ROUTES_BY_NAME = {route.name: route for route in ROUTES}


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


@pytest.fixture
def objects(social_worker, administrator):
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
        "year": 2026,
    }


def _url(route: Route, objects: dict, **override) -> str:
    kwargs = {kwarg: override.get(kwarg, objects[key]) for kwarg, key in route.kwargs}
    return reverse(route.name, kwargs=kwargs)


def _client_for(role, client, request):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    return client


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
@pytest.mark.parametrize("role", ROLES)
def test_access(route, role, client, request, objects):
    client = _client_for(role, client, request)
    response = getattr(client, route.method)(_url(route, objects))
    assert response.status_code == route.expected(role)
    if role == "anonymous" and not route.public:
        assert response["Location"].startswith(reverse("login"))


SCOPED = [r for r in ROUTES if r.kwargs and r.kwargs[0][1] != "year"]


@pytest.mark.parametrize("route", SCOPED, ids=lambda r: r.name)
def test_objects_out_of_scope_answer_404(route, client, coordinator, objects):
    """A record reached through another person's file, or one that does not exist, is absent."""
    client.force_login(coordinator)
    first_kwarg, first_object = route.kwargs[0]
    if len(route.kwargs) > 1 and first_object == "beneficiary":
        wrong = {first_kwarg: BeneficiaryFactory().pk}  # the record exists, in another file
    else:
        wrong = {route.kwargs[-1][0]: 999_999}  # no such record
    response = getattr(client, route.method)(_url(route, objects, **wrong))
    assert response.status_code == 404


@pytest.mark.parametrize("route", [r for r in ROUTES if r.wrong_method], ids=lambda r: r.name)
def test_wrong_method_answers_405(route, client, coordinator, objects):
    client.force_login(coordinator)
    response = getattr(client, route.wrong_method)(_url(route, objects))
    assert response.status_code == 405


@pytest.mark.parametrize("role", ["administrator", "superuser"])
def test_administrators_are_refused_every_case_file_view(role, client, request, objects):
    client = _client_for(role, client, request)
    for route in ROUTES:
        if route.name.startswith(("beneficiaries:", "requests:")):
            response = getattr(client, route.method)(_url(route, objects))
            assert response.status_code == 403, route.name


def test_admin_site_is_for_administrators_only(client, administrator, social_worker):
    client.force_login(social_worker)
    assert client.get(reverse("admin:index")).status_code == 302
    client.force_login(administrator)
    assert client.get(reverse("admin:index")).status_code == 200
