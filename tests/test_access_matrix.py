"""The access matrix of STYLE.md for every URL pattern, driven by one table.

A new URL pattern that is not in ROUTES fails `test_every_url_pattern_is_in_the_matrix`, so no
view escapes the checks: anonymous → login redirect; wrong role → 403; out of scope → 404;
wrong method → 405; allowed roles → 200/302.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import (
    BeneficiaryFactory,
    CaseNoteFactory,
    DocumentFactory,
    HouseholdMemberFactory,
    NeedCategoryFactory,
)

pytestmark = pytest.mark.django_db

CASEWORKERS = {"social_worker", "coordinator"}
EVERYONE = {"social_worker", "coordinator", "administrator"}


@dataclass(frozen=True)
class Route:
    """How to reach one URL pattern and who may use it."""

    name: str
    kwargs: tuple[str, ...] = ()  # which objects from the `objects` fixture fill the URL
    method: str = "get"
    allowed: frozenset[str] = field(default_factory=lambda: frozenset(CASEWORKERS))
    wrong_method: str | None = "post"
    public: bool = False


def R(name, kwargs=(), method="get", allowed=CASEWORKERS, wrong_method="post", public=False):  # noqa: N802
    return Route(name, tuple(kwargs), method, frozenset(allowed), wrong_method, public)


ROUTES = [
    R("home", allowed=EVERYONE),
    R("healthz", public=True, allowed=EVERYONE),
    R("login", public=True, allowed=EVERYONE, wrong_method=None),
    R("logout", method="post", allowed=EVERYONE, public=True, wrong_method="get"),
    R("set_language", method="post", public=True, allowed=EVERYONE, wrong_method=None),
    R("beneficiaries:list"),
    R("beneficiaries:quick_search"),
    R("beneficiaries:create", wrong_method="put"),
    R("beneficiaries:detail", ["pk"]),
    R("beneficiaries:edit", ["pk"], wrong_method="put"),
    R("beneficiaries:close", ["pk"], method="post", wrong_method="get"),
    R("beneficiaries:reopen", ["pk"], method="post", wrong_method="get"),
    R("beneficiaries:history", ["pk"], allowed={"coordinator"}),
    R("beneficiaries:member_create", ["pk"], wrong_method="put"),
    R("beneficiaries:member_edit", ["pk", "member_pk"], wrong_method="put"),
    R("beneficiaries:member_delete", ["pk", "member_pk"], method="post", wrong_method="get"),
    R("beneficiaries:rep_create", ["pk"], wrong_method="put"),
    R("beneficiaries:rep_edit", ["pk", "rep_pk"], wrong_method="put"),
    R("beneficiaries:consent_create", ["pk"], wrong_method="put"),
    R("beneficiaries:consent_pdf", ["pk"]),
    R("beneficiaries:document_upload", ["pk"], wrong_method="put"),
    R("beneficiaries:document_download", ["pk", "doc_pk"]),
    R("beneficiaries:note_create", ["pk"], wrong_method="put"),
    R("beneficiaries:need_create", ["pk"], wrong_method="put"),
    R("beneficiaries:need_edit", ["pk", "need_pk"], wrong_method="put"),
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
def objects(social_worker):
    beneficiary = BeneficiaryFactory()
    member = HouseholdMemberFactory(beneficiary=beneficiary)
    document = DocumentFactory(beneficiary=beneficiary, uploaded_by=social_worker)
    CaseNoteFactory(beneficiary=beneficiary, author=social_worker)
    need = beneficiary.needs.create(
        category=NeedCategoryFactory(), identified_on="2026-11-02", recorded_by=social_worker
    )
    rep = beneficiary.representatives.create(surname="Κ", given_name="Λ", valid_from="2026-01-01")
    return {
        "pk": beneficiary.pk,
        "member_pk": member.pk,
        "doc_pk": document.pk,
        "need_pk": need.pk,
        "rep_pk": rep.pk,
    }


def _url(route: Route, objects: dict, **override) -> str:
    return reverse(route.name, kwargs={k: override.get(k, objects[k]) for k in route.kwargs})


def _client_for(role, client, request):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    return client


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
@pytest.mark.parametrize("role", ["anonymous", "social_worker", "coordinator", "administrator"])
def test_access(route, role, client, request, objects):
    client = _client_for(role, client, request)
    response = getattr(client, route.method)(_url(route, objects))
    if role == "anonymous" and not route.public:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    elif role in route.allowed or route.public:
        assert response.status_code in {200, 302}, response.status_code
    else:
        assert response.status_code in {403, 404}, response.status_code


@pytest.mark.parametrize("route", [r for r in ROUTES if r.kwargs], ids=lambda r: r.name)
def test_objects_out_of_scope_answer_404(route, client, coordinator, objects):
    client.force_login(coordinator)
    stranger = BeneficiaryFactory()  # a file the record does not belong to
    last = route.kwargs[-1]
    wrong = {"pk": 999_999} if last == "pk" else {"pk": stranger.pk}
    response = getattr(client, route.method)(_url(route, objects, **wrong))
    assert response.status_code == 404


@pytest.mark.parametrize("route", [r for r in ROUTES if r.wrong_method], ids=lambda r: r.name)
def test_wrong_method_answers_405(route, client, coordinator, objects):
    client.force_login(coordinator)
    response = getattr(client, route.wrong_method)(_url(route, objects))
    assert response.status_code == 405


def test_the_administrator_is_refused_every_case_file_view(client, administrator, objects):
    client.force_login(administrator)
    for route in ROUTES:
        if route.name.startswith("beneficiaries:"):
            response = getattr(client, route.method)(_url(route, objects))
            assert response.status_code == 403, route.name


def test_admin_site_is_for_administrators_only(client, administrator, social_worker):
    client.force_login(social_worker)
    assert client.get(reverse("admin:index")).status_code == 302
    client.force_login(administrator)
    assert client.get(reverse("admin:index")).status_code == 200
