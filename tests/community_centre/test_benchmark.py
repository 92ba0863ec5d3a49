"""The helpers of `manage.py bench`: the queries it types, the tables it prints, the bare page
and what it reads of locust (never running locust or gunicorn)."""

from __future__ import annotations

import ast
import json
import math
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from faker.providers.person.el_GR import Provider as GreekNames

from beneficiaries.normalize import name_key
from demo import throughput
from demo.bench_urls import BARE_PAGE_NAME
from demo.benchmark import (
    TYPO_KINDS,
    Beside,
    Timing,
    format_ratio,
    greeklish,
    limits_table,
    storages_in,
    table,
    typo_of_kind,
    with_typo,
)
from demo.throughput import (
    ALL,
    LoadRun,
    histogram_percentile,
    parse_locust_failures,
    parse_locust_stats,
    throughput_table,
)

NAMES = sorted(
    {
        *GreekNames.last_names_male,
        *GreekNames.last_names_female,
        *GreekNames.first_names_male,
        *GreekNames.first_names_female,
    }
)
# Spellings the phonetic key cannot reconcile: υ read as a vowel before another vowel (Υάκινθος
# typed "iakinthos"), ωυ typed "oi", and a foreign νγκ. Trigram similarity still finds them.
KNOWN_MISMATCHES = {"Μενγκ", "Μωυσίδου", "Υάκινθος", "Υακίνθη"}


def test_greeklish_spellings_of_every_greek_name_meet_its_key():
    rng = random.Random(1)
    mismatches = {
        name
        for name in NAMES
        for _ in range(10)
        if name_key(greeklish(name, rng)) != name_key(name)
    }
    assert mismatches <= KNOWN_MISMATCHES


@pytest.mark.parametrize("name", ["Παπαδόπουλος", "Ζαχαρίου", "Ψαρρός"])
def test_greeklish_is_latin(name):
    typed = greeklish(name, random.Random(2))
    assert typed.isascii()
    assert typed.isalnum()


def _one_slip_apart(a: str, b: str) -> bool:
    """Whether b is a with one letter dropped, doubled, replaced or swapped with the next."""
    if len(b) == len(a) - 1:
        return any(a[:i] + a[i + 1 :] == b for i in range(len(a)))
    if len(b) == len(a) + 1:
        return any(b[:i] + b[i + 1 :] == a for i in range(len(b)))
    differ = [i for i in range(len(a)) if a[i] != b[i]]
    swapped = len(differ) == 2 and differ[1] == differ[0] + 1 and a[differ[0]] == b[differ[1]]
    return len(differ) <= 1 or swapped


@pytest.mark.parametrize("seed", range(50))
def test_a_typo_is_one_slip_after_the_first_letter(seed):
    word = "Παπαδόπουλος"
    typed = with_typo(word, random.Random(seed))
    assert typed[0] == word[0]
    assert _one_slip_apart(word, typed)


@pytest.mark.parametrize("kind", TYPO_KINDS)
@pytest.mark.parametrize("seed", range(30))
def test_a_typo_of_each_kind_is_one_such_slip_anywhere_in_the_word(kind, seed):
    word = "Ζέρβας"
    typed = typo_of_kind(word, kind, random.Random(seed))
    assert typed != word
    assert _one_slip_apart(word, typed)
    length = {"deletion": len(word) - 1, "insertion": len(word) + 1}.get(kind, len(word))
    assert len(typed) == length


def test_the_table_shows_percentiles_and_flags_a_missed_target():
    fast = Timing("ελληνικά", target_ms=100, durations=[float(ms) for ms in range(101)])
    fast.found = [True, True, True, False]
    slow = Timing("φάκελος", target_ms=150, durations=[100.0] * 90 + [400.0] * 10)
    broken = Timing("σελίδα", durations=[5.0], errors=["HTTP 500"])
    lines = table([fast, slow, broken]).splitlines()
    assert lines[0].split()[:3] == ["μέτρηση", "φορές", "p50"]
    assert set(lines[1]) == {"-"}
    assert lines[2].split() == [
        "ελληνικά",
        "101",
        "50.0",
        "95.0",
        "100.0",
        "75%",
        "<",
        "100",
        "ms",
        "εντός",
    ]
    assert lines[3].split()[-1] == "ΕΚΤΟΣ"
    assert slow.percentile(95) > 150
    assert lines[4].split()[-2:] == ["1", "σφάλματα"]


def test_the_letters_of_the_benchmark_go_to_another_folder_leaving_the_setting_untouched():
    setting = {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": "/srv/documents", "base_url": None},
        },
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    moved = storages_in(setting, "/tmp/letters")
    assert moved["default"]["OPTIONS"] == {"location": "/tmp/letters", "base_url": None}
    assert moved["staticfiles"] == setting["staticfiles"]
    assert setting["default"]["OPTIONS"]["location"] == "/srv/documents"


# --- beside its limit --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ratio", "shown"), [(1.4249, "1.42×"), (2.0, "2.00×"), (math.nan, "–"), (math.inf, "–")]
)
def test_a_ratio_is_shown_with_two_decimals_or_a_dash(ratio, shown):
    assert format_ratio(ratio) == shown


def test_a_figure_beside_its_limit_is_judged_on_the_ratio_of_the_medians():
    search = Timing("αναζήτηση", durations=[6.0, 7.0, 8.0, 100.0, 200.0])
    sql = Timing("μόνο η εντολή SQL", durations=[4.0, 5.0, 5.0, 6.0, 7.0])
    within = Beside(search, sql, goal=1.5)
    assert within.ratio == pytest.approx(8.0 / 5.0)
    assert within.meets_goal is False
    assert Beside(search, sql, goal=2.0).meets_goal is True
    assert Beside(search, Timing("όριο"), goal=2.0).meets_goal is None


def test_the_limits_table_shows_both_figures_the_ratio_the_goal_and_the_mark():
    page = Timing("σελίδα φακέλου", durations=[30.0] * 10)
    bare = Timing("σκέτη σελίδα", durations=[10.0] * 10)
    letter = Timing("επιστολή", durations=[200.0] * 10)
    pdf = Timing("PDF μίας παραγράφου", durations=[100.0] * 10, errors=["δεν είναι PDF"])
    lines = limits_table([Beside(page, bare, 2.0), Beside(letter, pdf, 3.0)]).splitlines()
    assert "λόγος p50" in lines[0]
    assert set(lines[1]) == {"-"}
    assert lines[2].split() == [
        "σελίδα", "φακέλου", "30.0", "30.0", "σκέτη", "σελίδα", "10.0", "10.0", "3.00×", "≤",
        "2×", "ΕΚΤΟΣ",
    ]  # fmt: skip
    assert lines[3].split()[-4:] == ["≤", "3×", "1", "σφάλματα"]


# --- the bare page -----------------------------------------------------------------------------


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="demo.bench_urls")
def test_the_bare_page_needs_a_login_and_asks_the_database_nothing_itself(client, social_worker):
    url = reverse(BARE_PAGE_NAME)
    assert client.get(url).status_code == 302  # to the login page, as every page
    client.force_login(social_worker)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert social_worker.username in response.text
    read = r'(?:FROM|JOIN|UPDATE) "(\w+)"'
    tables = {table for query in queries for table in re.findall(read, query["sql"])}
    # The session and the user with their roles and permissions; nothing of the case data.
    assert {"django_session", "community_centre_user"} <= tables
    case_data = ("beneficiaries_", "requests_", "referrals_", "services_", "reporting_")
    assert not [table for table in tables if table.startswith(case_data)]
    assert reverse("beneficiaries:list")  # the site's URLs are all there beside it


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="demo.bench_urls")
def test_a_partner_account_reaches_the_bare_page_beside_its_inbox(client, partner_user):
    client.force_login(partner_user)
    assert client.get(reverse(BARE_PAGE_NAME)).status_code == 200


def test_the_site_itself_has_no_bare_page():
    with pytest.raises(NoReverseMatch):
        reverse(BARE_PAGE_NAME)


# --- what locust reports -----------------------------------------------------------------------


def _entry(name: str, response_times: dict[int, int], *, failures: int = 0, start: float = 100.0):
    """One entry of locust's `--json-file` statistics, as locust 2.47 writes it."""
    count = sum(response_times.values())
    return {
        "name": name,
        "method": "GET",
        "last_request_timestamp": start + 10.0,
        "start_time": start,
        "num_requests": count,
        "num_none_requests": 0,
        "num_failures": failures,
        "total_response_time": sum(ms * n for ms, n in response_times.items()),
        "max_response_time": max(response_times),
        "min_response_time": min(response_times),
        "total_content_length": 1000 * count,
        "response_times": {str(ms): n for ms, n in response_times.items()},
        "num_reqs_per_sec": {"100": count},
        "num_fail_per_sec": {},
    }


def test_locust_statistics_are_read_per_page_and_all_together():
    sample = json.dumps(
        [
            _entry("case_file", {40: 50, 45: 40, 120: 10}),
            _entry("search", {20: 95, 300: 5}, failures=2, start=101.0),
        ]
    )
    stats = parse_locust_stats(sample)
    case_file, search, together = stats["case_file"], stats["search"], stats[ALL]
    assert (case_file.requests, case_file.failures) == (100, 0)
    assert case_file.per_second == pytest.approx(10.0)
    assert (case_file.p50_ms, case_file.p95_ms) == (40.0, 120.0)
    assert (search.p50_ms, search.p95_ms, search.failures) == (20.0, 20.0, 2)
    assert (together.requests, together.failures) == (200, 2)
    assert together.per_second == pytest.approx(200 / 11.0)  # first request to last
    assert (together.p50_ms, together.p95_ms) == (40.0, 120.0)
    assert not search.meets_goal
    assert parse_locust_stats("[]") == {}


def test_a_percentile_of_locusts_histogram_is_the_smallest_time_enough_requests_took():
    histogram = {10.0: 50, 20.0: 45, 30.0: 5}
    assert histogram_percentile(histogram, 0.50) == 10.0
    assert histogram_percentile(histogram, 0.95) == 20.0
    assert histogram_percentile(histogram, 0.96) == 30.0
    assert math.isnan(histogram_percentile({}, 0.5))


def test_locust_failures_are_read_from_its_csv():
    sample = (
        "Method,Name,Error,Occurrences\n"
        "GET,case_file,HTTP 302,3\n"
        "POST,search,\"HTTPError('500 Server Error')\",1\n"
    )
    assert parse_locust_failures(sample) == [
        "case_file: HTTP 302 (×3)",
        "search: HTTPError('500 Server Error') (×1)",
    ]


def test_the_throughput_table_sets_the_pages_beside_the_bare_page():
    pages = LoadRun(
        parse_locust_stats(json.dumps([_entry("case_file", {40: 60}), _entry("search", {20: 60})])),
        [],
    )
    bare = LoadRun(parse_locust_stats(json.dumps([_entry("bare_page", {10: 200})])), [])
    lines = throughput_table(pages, bare, goal=0.5).splitlines()
    assert [line.split()[-1] for line in lines[2:6]] == ["0"] * 4  # no failures
    assert lines[4].split()[-5:] == ["120", "12.0", "20", "40", "0"]
    assert lines[5].split()[-5:] == ["200", "20.0", "10", "10", "0"]
    assert lines[6].endswith("0.60× (στόχος ≥ 0.5×, χωρίς σφάλματα) εντός")
    failing = LoadRun(parse_locust_stats(json.dumps([_entry("search", {20: 150}, failures=1)])), [])
    assert throughput_table(failing, bare, goal=0.5).endswith("ΕΚΤΟΣ")


def test_the_throughput_run_is_bounded_and_loads_only_this_machine():
    assert throughput.check_bounds(50, 120)
    assert not throughput.check_bounds(51, 60)
    assert not throughput.check_bounds(10, 121)
    assert not throughput.check_bounds(0, 60)
    with pytest.raises(ValueError, match="127.0.0.1"):
        throughput.run_locust("http://example.org", "Caseworker", {}, users=1, seconds=10)


def test_gunicorn_gets_production_settings_over_plain_http_on_this_machine():
    env = throughput.server_environment(
        {"DJANGO_DEBUG": "1", "PATH": "/usr/bin"}, database="bench", port=8123
    )
    assert env["DJANGO_DEBUG"] == "0"
    assert env["DJANGO_SETTINGS_MODULE"] == "demo.bench_settings"
    assert env["BENCH_DATABASE_NAME"] == "bench"
    assert env["GUNICORN_BIND"] == "127.0.0.1:8123"
    assert env["GUNICORN_WORKERS"] == "2"
    assert len(env["DJANGO_SECRET_KEY"]) >= 50
    assert env["PATH"] == "/usr/bin"
    assert env["DOCUMENT_ENCRYPTION_KEYS"] == ",".join(settings.DOCUMENT_ENCRYPTION_KEYS)


def test_the_production_settings_of_gunicorn_load_with_that_environment():
    """Production refuses to start without its keys: the benchmark's server must have them."""
    env = throughput.server_environment(dict(os.environ), database="bench", port=8123)
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.ROOT_URLCONF, len(s.DOCUMENT_ENCRYPTION_KEYS))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=settings.BASE_DIR,
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "demo.bench_urls", "1"]


# --- the locust clients ------------------------------------------------------------------------

LOADTEST = Path(throughput.__file__).resolve().parent / "loadtest"


def _csrf_pattern() -> re.Pattern:
    """CSRF_INPUT of the locustfile, read without importing it (locust is not installed here)."""
    tree = ast.parse((LOADTEST / "locustfile.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and node.targets[0].id == "CSRF_INPUT":
            return re.compile(node.value.args[0].value)
    raise AssertionError("no CSRF_INPUT in the locustfile")


@pytest.mark.django_db
def test_the_locust_clients_find_the_csrf_token_and_fill_every_field_of_the_login_form(client):
    page = client.get(reverse("login")).text
    assert _csrf_pattern().search(page)
    fields = set(re.findall(r'<input[^>]* name="([^"]+)"', page))
    assert fields == {"csrfmiddlewaretoken", "username", "password", "next"}


def test_the_load_generator_has_a_lock_of_its_own_with_the_requests_library():
    lock = (LOADTEST / "requirements.lock").read_text()
    pinned = {line.split("==")[0].strip() for line in lock.splitlines() if "==" in line}
    assert {"locust", "requests"} <= pinned
