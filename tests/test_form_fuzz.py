# ruff: noqa: F811 - the imported `objects` fixture is requested as a parameter of that name
"""No form of the site, hidden fields included, answers with a server error, whatever is sent.

The forms are not listed by hand: every page of the access matrix (tests/test_access_matrix.py
ROUTES) that a coordinator can open is fetched, and every form in it is read
(tests/html_forms.py): the POST ones, and the GET ones (filters, search). Hypothesis sends to
each form's action what a person would send, with some fields (hidden ones too:
csrfmiddlewaretoken, version, next, submission tokens, formset management data,
expected_status …) replaced by hostile values — empty, 10,000 characters, Greek, NUL and other
control characters, invalid UTF-8, numbers out of range, impossible dates, ISO timestamps,
garbage choices and keys of other records — some left out, some sent twice, and a `next` that
is any of the bad ones or a page of the site. Every action route of ROUTES (method post) is
also posted to directly with such data, and every page is fetched with such a query string
(made of the names its links and GET forms use: ?next=, ?about=, ?page=, ?date= …).

The answer is never 5xx; on the forms of a case file it is one of ALLOWED. A redirect never
leaves the site. Each example runs in a savepoint that is rolled back, so each starts from the
same records (and a save in one cannot make the next one a duplicate).

`make test` runs FUZZ_EXAMPLES (default 15) examples per form, derandomised so that a run is
repeatable; set FUZZ_EXAMPLES=300 (random) to hunt. The module prints its figures at the end.
"""

from __future__ import annotations

import os
import traceback
from collections import Counter
from datetime import timedelta
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from referrals.models import PartnerBody
from tests.hostile import BAD_NEXTS, HOSTILE
from tests.html_forms import PNG, Field, Form, Upload, read_page
from tests.referrals.factories import partner_user
from tests.requests.factories import AppointmentFactory
from tests.test_access_matrix import ROUTES, ROUTES_BY_NAME, _url, objects  # noqa: F401 (the fixture)

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "15"))
QUERY_EXAMPLES = max(5, EXAMPLES // 4)  # per page: some pages are PDFs, rendered each time
FOLLOWS = max(3, EXAMPLES // 4)  # redirects followed per form or action
FIXED_SEED = "FUZZ_EXAMPLES" not in os.environ
ALLOWED = {200, 302, 403, 404, 405, 409, 413}
CASE_FILE_APPS = ("beneficiaries:", "requests:")
PAGES = [r for r in ROUTES if r.method == "get" and r.expected("coordinator") == 200]
ACTIONS = [r for r in ROUTES if r.method == "post" and "coordinator" in r.allowed]

FIGURES: Counter = Counter()
FUZZED_FORMS: set[tuple] = set()  # a form on many pages (the navbar's) is fuzzed once
# Per page route: the names its forms post, and those its links and GET forms put in queries.
SEEN: dict[str, tuple[set[str], set[str]]] = {}
FOLLOWED: Counter = Counter()  # per form or action: redirects followed
HTML_PAGES: set[str] = set()  # the page routes read that are HTML (not PDFs or downloads)

greek = st.text(st.characters(min_codepoint=0x370, max_codepoint=0x3FF), max_size=30)
controls = st.text(st.characters(max_codepoint=0x1F), min_size=1, max_size=5)
dates = st.dates().map(lambda d: f"{d.day:02}/{d.month:02}/{d.year:04}")
timestamps = st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat())
numbers = st.one_of(st.integers().map(str), st.floats().map(str))
text_values = st.one_of(
    st.sampled_from(HOSTILE), st.text(max_size=30), greek, controls, dates, timestamps, numbers
)


uploads = st.sampled_from(
    [Upload("a.png", PNG), Upload("a.pdf", b"%PDF-1.4 garbage"), Upload("x.exe", b"MZ")]
    + [Upload("", b""), Upload("\x00.png", PNG), Upload("α" * 300 + ".png", PNG)]
)


def _values_for(f: Field, record_keys: list[str]):
    """What may be sent for `f`: its own choices, keys of other records, or anything hostile."""
    choices = [st.sampled_from(f.options)] if f.options else []
    base = st.one_of(*choices, st.sampled_from(record_keys), text_values)
    return st.one_of(uploads, base) if f.kind == "file" else base


def _valid(f: Field) -> list:
    return [Upload("a.png", PNG)] if f.kind == "file" else f.valid_values()


@st.composite
def submissions(draw, form: Form, record_keys: list[str], pages: list[str]):
    """(pairs to post, `next` or None, whether `next` goes in the query string)."""
    names = list(form.fields)
    mode = draw(st.sampled_from(["as typed", "some fields", "any fields"])) if names else "as typed"
    fuzzed, left_out = set(), set()
    if mode == "some fields":
        fuzzed = set(draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True)))
    elif mode == "any fields":
        fuzzed = set(draw(st.lists(st.sampled_from(names), unique=True)))
        left_out = set(draw(st.lists(st.sampled_from(names), unique=True, max_size=3)))
    pairs: list[tuple[str, object]] = []
    for name, f in form.fields.items():
        if name in left_out:
            continue
        if name in fuzzed:  # one value, or the same key more than once
            values = draw(st.lists(_values_for(f, record_keys), min_size=1, max_size=3))
        else:
            values = _valid(f)
        pairs += [(name, value) for value in values]
    if mode == "any fields":
        pairs += draw(st.lists(st.tuples(st.text(max_size=12), text_values), max_size=2))
    next_value = draw(st.one_of(st.sampled_from(BAD_NEXTS + pages), st.none(), text_values))
    return pairs, next_value, draw(st.booleans())


def _send(client: Client, method: str, path: str, pairs, next_value, next_in_query: bool):
    """The request a browser would make: a query string for GET, urlencoded or multipart POST."""
    if next_value is not None:
        if next_in_query and method == "post":
            path += ("&" if "?" in path else "?") + urlencode({"next": next_value})
        else:
            pairs = [*pairs, ("next", next_value)]
    if method == "get":  # a browser replaces the action's query string by the form's fields
        return client.get(f"{urlsplit(path).path}?{urlencode(pairs)}")
    if any(isinstance(value, Upload) for _, value in pairs):
        data: dict[str, list] = {}
        for name, value in pairs:
            if isinstance(value, bytes):
                value = value.decode("latin-1")
            data.setdefault(name, []).append(value.open() if isinstance(value, Upload) else value)
        return client.post(path, data)
    body = urlencode(pairs)
    return client.post(path, body, content_type="application/x-www-form-urlencoded")


def _copy(cookies: SimpleCookie) -> SimpleCookie:
    """The logged-in cookies again: an example that logs out or switches language is undone."""
    fresh = SimpleCookie()
    for key, morsel in cookies.items():
        fresh[key] = morsel.value
    return fresh


def _follow(client: Client, response, view_name: str):
    """The page a redirect leads to, if it is one of this site's (not the login page), for the
    first FOLLOWS redirects of each form or action (rendering a case file is not cheap)."""
    location = response.get("Location", "") if response.status_code == 302 else ""
    if not location.startswith("/") or location.startswith(("//", "/login/")):
        return None
    if FOLLOWED[view_name] >= FOLLOWS:
        return None
    FOLLOWED[view_name] += 1
    FIGURES["redirects followed"] += 1
    return client.get(location)


def _check(client: Client, cookies: SimpleCookie, target: tuple[str, str, str], submission) -> None:
    """Send one submission in a savepoint that is rolled back; fail on any 5xx."""
    method, path, view_name = target
    client.cookies = _copy(cookies)
    FIGURES["examples"] += 1
    with transaction.atomic():
        try:
            response = _send(client, method, path, *submission)
            followed = _follow(client, response, view_name)  # the saved values, shown
        except Exception:  # the view raised: Django would have answered 500
            FIGURES["server errors"] += 1
            raise AssertionError(f"500 from {view_name}:\n{traceback.format_exc()}") from None
        finally:
            transaction.set_rollback(True)
    if followed is not None:
        assert followed.status_code < 500, f"{followed.status_code} after {view_name}"
    status = response.status_code
    if status >= 500:
        FIGURES["server errors"] += 1
    assert status < 500, f"{status} from {view_name}"
    if view_name.startswith(CASE_FILE_APPS):
        assert status in ALLOWED, f"{status} from {view_name}"
    if status == 302:
        location = response["Location"]
        assert not location.startswith(("//", "\\", "/\\")), location
        assert url_has_allowed_host_and_scheme(location, {"testserver"}), location


def _fuzz(client, cookies, target: tuple[str, str, str], strategy, examples=EXAMPLES) -> None:
    """Run EXAMPLES submissions drawn from `strategy` against (method, path, view name)."""

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=FIXED_SEED,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(submission=strategy)
    def run(submission) -> None:
        _check(client, cookies, target, submission)

    run()


@pytest.fixture
def fuzz_client(coordinator, objects, social_worker):
    """A coordinator's client, and appointments today so that the agenda shows its buttons."""
    now = timezone.localtime().replace(second=0, microsecond=0)
    for start in (now - timedelta(hours=2), now + timedelta(hours=2)):
        AppointmentFactory(
            beneficiary_id=objects["beneficiary"],
            worker=coordinator,
            starts_at=start,
            ends_at=start + timedelta(minutes=30),
        )
    client = Client()
    client.force_login(coordinator)
    return client


def _record_keys(objects: dict) -> list[str]:
    return sorted({str(value) for value in objects.values()} | {"999999", "0"})


def _read(client: Client, route, objects: dict) -> list[Form]:
    """The forms of the page of `route`; notes the names its forms and links send."""
    url = _url(route, objects)
    response = client.get(url)
    assert response.status_code == 200, url
    if not response["Content-Type"].startswith("text/html"):
        SEEN[route.name] = (set(), set())
        return []  # a PDF or a download: no forms
    HTML_PAGES.add(route.name)
    forms, link_params = read_page(response.content.decode(), url)
    fields = {name for form in forms for name in form.fields}
    query = link_params | {name for form in forms if form.method == "get" for name in form.fields}
    SEEN[route.name] = (fields, query)
    return forms


def _site_names(client: Client, objects: dict) -> tuple[list[str], list[str]]:
    """The names that the forms of the site post, and those its links and GET forms put in
    query strings (pages this run did not open are read now)."""
    for route in PAGES:
        if route.name not in SEEN:
            _read(client, route, objects)
    fields = set().union(*(seen[0] for seen in SEEN.values())) | {"next", "version"}
    query = set().union(*(seen[1] for seen in SEEN.values())) | {"next"}
    return sorted(fields), sorted(query)


@pytest.fixture(scope="module", autouse=True)
def figures(request):
    """Print the module's figures (forms, fields, examples, server errors) at its end."""
    yield
    plugins = request.config.pluginmanager
    reporter, capture = plugins.getplugin("terminalreporter"), plugins.getplugin("capturemanager")
    if reporter is None or capture is None or not FIGURES["examples"]:
        return
    FIGURES["pages"] = len(HTML_PAGES)
    FIGURES["server errors"] += 0  # shown when there were none, too
    text = ", ".join(f"{name}: {count}" for name, count in sorted(FIGURES.items()))
    with capture.global_and_fixture_disabled():  # teardown output is captured otherwise
        reporter.write_line(f"\nform fuzz ({EXAMPLES} examples per form or action): {text}")


@pytest.mark.parametrize("route", PAGES, ids=lambda r: r.name)
def test_no_form_or_query_string_of_the_page_answers_a_server_error(route, fuzz_client, objects):
    forms = _read(fuzz_client, route, objects)
    cookies = _copy(fuzz_client.cookies)
    url = _url(route, objects)
    _, query_names = _site_names(fuzz_client, objects)
    FIGURES["query strings"] += 1
    strategy = raw_submissions(query_names, _record_keys(objects))
    _fuzz(fuzz_client, cookies, ("get", url, route.name), strategy, examples=QUERY_EXAMPLES)
    pages = [url, "/", f"/beneficiaries/{objects['beneficiary']}/", "/beneficiaries/9999999999999/"]
    for form in forms:
        if form.key in FUZZED_FORMS:
            continue
        FUZZED_FORMS.add(form.key)
        FIGURES[f"{form.method} forms"] += 1
        FIGURES["fields"] += len(form.fields)
        strategy = submissions(form, _record_keys(objects), pages)
        _fuzz(fuzz_client, cookies, (form.method, form.action, form.view_name), strategy)


@st.composite
def raw_submissions(draw, names: list[str], record_keys: list[str]):
    keys = st.one_of(st.sampled_from(names), st.text(max_size=12))
    values = st.one_of(st.sampled_from(record_keys), text_values)
    pairs = draw(st.lists(st.tuples(keys, values), max_size=8))
    next_value = draw(st.one_of(st.none(), st.sampled_from(BAD_NEXTS), text_values))
    return pairs, next_value, draw(st.booleans())


@pytest.mark.parametrize("route", ACTIONS, ids=lambda r: r.name)
def test_no_action_answers_a_server_error_to_any_post(route, fuzz_client, objects):
    names, _ = _site_names(fuzz_client, objects)
    cookies = _copy(fuzz_client.cookies)
    FIGURES["actions"] += 1
    strategy = raw_submissions(names, _record_keys(objects))
    _fuzz(fuzz_client, cookies, ("post", _url(route, objects), route.name), strategy)


def test_the_pages_have_forms_to_fuzz(fuzz_client, objects):
    """The crawl really reads the forms, hidden fields included, and the links' parameters."""
    forms = _read(fuzz_client, ROUTES_BY_NAME["requests:detail"], objects)
    move = next(form for form in forms if form.view_name == "requests:move")
    assert {"csrfmiddlewaretoken", "version", "to_status", "note"} <= set(move.fields)
    assert move.fields["version"].sent[0]
    assert urlsplit(move.action).path.endswith("/move/")
    _read(fuzz_client, ROUTES_BY_NAME["requests:docreq_detail"], objects)
    assert "next" in SEEN["requests:docreq_detail"][1]  # the upload link: ?next=<this page>


BEYOND_BIGINT = [str(2**63), str(10**30)]


def test_a_record_number_beyond_bigint_in_any_url_answers_404(coordinator_client, objects):
    """Each number of each URL of ROUTES (every <int:…>) beyond PostgreSQL's bigint, asked by
    one who may open it (the partner body's pages by the partner of the referrals' body)."""
    partner = Client()
    partner.force_login(partner_user(PartnerBody.objects.get(pk=objects["body"]), "pantopoleio"))
    for route in ROUTES:
        client = partner if route.allowed <= {"partner", "other_partner"} else coordinator_client
        for kwarg, _ in route.kwargs:
            for number in BEYOND_BIGINT:
                url = _url(route, objects, **{kwarg: number})
                response = getattr(client, route.method)(url)
                assert response.status_code == 404, (url, response.status_code)


def test_the_edit_form_with_the_special_categories_answers_no_server_error(fuzz_client, objects):
    """The edit form as it is after a «show» (beneficiaries.special_categories): with the
    disability, origin and health fields in it."""
    pk = objects["beneficiary"]
    fuzz_client.post(f"/beneficiaries/{pk}/special/", {"purpose": "correction", "then": "edit"})
    forms = _read(fuzz_client, ROUTES_BY_NAME["beneficiaries:edit"], objects)
    [edit] = [form for form in forms if form.view_name == "beneficiaries:edit"]
    assert {"disability", "disability_percentage", "health_notes"} <= set(edit.fields)
    FIGURES["post forms"] += 1
    FIGURES["fields"] += len(edit.fields)
    pages = [f"/beneficiaries/{pk}/"]
    strategy = submissions(edit, _record_keys(objects), pages)
    _fuzz(fuzz_client, _copy(fuzz_client.cookies), ("post", edit.action, edit.view_name), strategy)
