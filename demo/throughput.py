"""The throughput run of `manage.py bench`: gunicorn serving the benchmark's database, loaded by
locust from a second process, and what locust reports.

gunicorn runs as in production (`gunicorn -c gunicorn.conf.py`, DEBUG off, collected static
files) with 2 workers, on 127.0.0.1 at a free port, with the settings of `demo.bench_settings`:
the project's, the benchmark's database and the URLconf with the bare page. locust runs from
its own venv (var/loadtest-venv, `make bench` creates it), in a temporary folder outside the
project, with demo/loadtest/locustfile.py. Nothing but 127.0.0.1 is ever sent a request.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from demo import benchmark

HOST = "127.0.0.1"
WORKERS = 2
MAX_USERS = 50
MAX_SECONDS = 120
LOADTEST_DIR = Path(__file__).resolve().parent / "loadtest"
LOCUSTFILE = LOADTEST_DIR / "locustfile.py"
LOADTEST_VENV = settings.BASE_DIR / "var" / "loadtest-venv"
LOCUST = LOADTEST_VENV / "bin" / "locust"
STATIC_ROOT = settings.BASE_DIR / "var" / "bench-static"
SERVER_LOG = settings.BASE_DIR / "var" / "bench-gunicorn.log"
ALL = "*"  # the name of the row of all pages together
READY_SECONDS = 90  # gunicorn's start: Django, the URLconf, and WeasyPrint's fonts (wsgi.py)


# --- what locust reports -----------------------------------------------------------------------


@dataclass(frozen=True)
class LoadFigures:
    """What locust measured of a page (or of all of them together, ALL)."""

    name: str
    requests: int
    failures: int
    per_second: float
    p50_ms: float
    p95_ms: float

    @property
    def meets_goal(self) -> bool:
        return self.failures == 0 and self.requests > 0


@dataclass(frozen=True)
class LoadRun:
    """What one locust run reported: its statistics by name, and its failures."""

    stats: dict[str, LoadFigures]
    failures: list[str]


def parse_locust_stats(text: str) -> dict[str, LoadFigures]:
    """The pages of locust's `--json-file` statistics by name, and all of them together (ALL).

    locust keeps each page's response times as a histogram of rounded milliseconds (exact below
    100 ms, then to 10 ms, then to 100 ms); the percentiles are read from it as locust reads
    them, and the rate is the requests over the time from the first request to the last.
    """
    entries = json.loads(text)
    by_name: dict[str, list[dict]] = {}
    for entry in entries:
        by_name.setdefault(entry["name"], []).append(entry)
    rows = {name: _figures(name, group) for name, group in by_name.items()}
    if entries:
        rows[ALL] = _figures(ALL, entries)
    return rows


def _figures(name: str, entries: list[dict]) -> LoadFigures:
    histogram: dict[float, int] = {}
    for entry in entries:
        for milliseconds, count in entry["response_times"].items():
            histogram[float(milliseconds)] = histogram.get(float(milliseconds), 0) + count
    requests = sum(entry["num_requests"] for entry in entries)
    started = min(entry["start_time"] for entry in entries)
    ended = max(entry["last_request_timestamp"] or started for entry in entries)
    return LoadFigures(
        name=name,
        requests=requests,
        failures=sum(entry["num_failures"] for entry in entries),
        per_second=requests / (ended - started) if ended > started else math.nan,
        p50_ms=histogram_percentile(histogram, 0.50),
        p95_ms=histogram_percentile(histogram, 0.95),
    )


def histogram_percentile(histogram: dict[float, int], share: float) -> float:
    """The smallest time within which at least `share` of the requests finished (locust's
    reading of its histogram); nan without requests."""
    total = sum(histogram.values())
    if not total:
        return math.nan
    needed, counted = math.ceil(share * total), 0
    for milliseconds in sorted(histogram):
        counted += histogram[milliseconds]
        if counted >= needed:
            return milliseconds
    return max(histogram)


def parse_locust_failures(text: str) -> list[str]:
    """The failures of locust's PREFIX_failures.csv, each as "name: error (×count)"."""
    return [
        f"{row['Name']}: {row['Error']} (×{row['Occurrences']})"
        for row in csv.DictReader(io.StringIO(text))
    ]


def throughput_ratio(pages: LoadFigures, bare: LoadFigures) -> float:
    """The pages' requests per second as a share of the bare page's."""
    return pages.per_second / bare.per_second if bare.per_second else math.nan


def throughput_table(pages: LoadRun, bare: LoadRun, *, goal: float) -> str:
    """The pages' rows (each, then together), the bare page's, and the ratio of their requests
    per second with its goal and mark."""
    labels = {
        "case_file": _("σελίδα ατομικού φακέλου"),
        "search": _("σελίδα αναζήτησης (htmx)"),
        ALL: _("φάκελοι και αναζητήσεις μαζί"),
    }
    header = (_("φόρτος"), _("αιτήματα"), _("αιτήματα/s"), "p50 ms", "p95 ms", _("σφάλματα"))
    rows = [header]
    for name, label in labels.items():
        if figures := pages.stats.get(name):
            rows.append(_load_row(label, figures))
    together = pages.stats.get(ALL)
    alone = bare.stats.get(ALL)
    if alone:
        rows.append(_load_row(_("σκέτη σελίδα"), alone))
    lines = [benchmark.layout(rows)]
    if together and alone:
        ratio = throughput_ratio(together, alone)
        passed = ratio >= goal and together.meets_goal and alone.meets_goal
        lines.append(
            _(
                "ρυθμός φακέλων και αναζητήσεων / ρυθμός σκέτης σελίδας: %(ratio)s "
                "(στόχος ≥ %(goal)g×, χωρίς σφάλματα) %(mark)s"
            )
            % {
                "ratio": benchmark.format_ratio(ratio),
                "goal": goal,
                "mark": _("εντός") if passed else _("ΕΚΤΟΣ"),
            }
        )
    return "\n".join(lines)


def _load_row(label: str, figures: LoadFigures) -> tuple[str, ...]:
    return (
        label,
        str(figures.requests),
        f"{figures.per_second:.1f}",
        *("–" if math.isnan(ms) else f"{ms:.0f}" for ms in (figures.p50_ms, figures.p95_ms)),
        str(figures.failures),
    )


# --- running gunicorn and locust ---------------------------------------------------------------


def check_bounds(users: int, seconds: int) -> bool:
    return 1 <= users <= MAX_USERS and 10 <= seconds <= MAX_SECONDS


def login_budget(users: int) -> int:
    """Seconds allowed for the logins before the measurement (Argon2 takes a while each)."""
    return 30 + 2 * users


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def server_environment(base: dict[str, str], *, database: str, port: int) -> dict[str, str]:
    """The environment of the benchmark's gunicorn: `base` (this process's, so the same
    database server) with production settings that plain HTTP on 127.0.0.1 allows."""
    return {
        **base,
        "DJANGO_SETTINGS_MODULE": "demo.bench_settings",
        "BENCH_DATABASE_NAME": database,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        # This process's keys (in development, the one under var/): the same documents open.
        "DOCUMENT_ENCRYPTION_KEYS": ",".join(settings.DOCUMENT_ENCRYPTION_KEYS),
        "DJANGO_ALLOWED_HOSTS": HOST,
        # Without DATABASE_URL, the embedded server under var/ that this process uses too.
        "EMBEDDED_POSTGRES": "1",
        # Plain HTTP, no TLS proxy in front: no redirect to https, cookies sent over http.
        "DJANGO_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_BEHIND_TLS_PROXY": "0",
        "DJANGO_HSTS_SECONDS": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        "STATIC_ROOT": str(STATIC_ROOT),
        "GUNICORN_BIND": f"{HOST}:{port}",
        "GUNICORN_WORKERS": str(WORKERS),
    }


@contextmanager
def gunicorn(database: str):
    """Collect the static files, start gunicorn, wait until it answers; yield its base URL.
    Stopped (SIGTERM to the process started here) on the way out."""
    port = free_port()
    env = server_environment(dict(os.environ), database=database, port=port)
    manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
    subprocess.run(
        [*manage, "collectstatic", "--noinput", "--verbosity", "0"],
        env=env,
        cwd=settings.BASE_DIR,
        check=True,
    )
    gunicorn_bin = Path(sys.executable).parent / "gunicorn"
    with SERVER_LOG.open("w", encoding="utf-8") as log:
        server = subprocess.Popen(
            [str(gunicorn_bin), "-c", "gunicorn.conf.py"],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://{HOST}:{port}"
            _wait_until_ready(server, url)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _wait_until_ready(server: subprocess.Popen, url: str) -> None:
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped (exit {server.returncode}); see {SERVER_LOG}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer within {READY_SECONDS} s; see {SERVER_LOG}")


def run_locust(url: str, user_class: str, data: dict, *, users: int, seconds: int) -> LoadRun:
    """Run locust headless against `url` (127.0.0.1 only) with `users` users of `user_class`
    for `seconds`; return its statistics and failures."""
    if not url.startswith(f"http://{HOST}:"):
        raise ValueError(f"the throughput run loads {HOST} only, not {url}")
    if not check_bounds(users, seconds):
        raise ValueError(f"at most {MAX_USERS} users for 10–{MAX_SECONDS} s")
    with tempfile.TemporaryDirectory(prefix="bench-locust-") as folder:
        data_file = Path(folder) / "data.json"
        data_file.write_text(json.dumps({**data, "seconds": seconds}), encoding="utf-8")
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "PYTHON", "VIRTUAL_ENV"))
        }
        env["BENCH_LOADTEST_DATA"] = str(data_file)
        prefix = Path(folder) / "locust"
        # From the temporary folder, so that `import requests` cannot find the project's app.
        completed = subprocess.run(
            [
                str(LOCUST),
                "-f",
                str(LOCUSTFILE),
                "--headless",
                "--users",
                str(users),
                "--spawn-rate",
                str(users),
                # The locustfile stops the run `seconds` after the last login; this is a bound.
                "--run-time",
                f"{seconds + login_budget(users)}s",
                "--host",
                url,
                "--json-file",
                str(prefix),
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
                user_class,
            ],
            env=env,
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=seconds + login_budget(users) + 60,
        )
        stats_file = Path(f"{prefix}.json")
        if not stats_file.exists():
            raise RuntimeError(f"locust (exit {completed.returncode}): {completed.stderr[-2000:]}")
        failures_file = Path(f"{prefix}_failures.csv")
        return LoadRun(
            stats=parse_locust_stats(stats_file.read_text(encoding="utf-8")),
            failures=(
                parse_locust_failures(failures_file.read_text(encoding="utf-8"))
                if failures_file.exists()
                else []
            ),
        )
