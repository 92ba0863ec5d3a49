"""A real database outage under gunicorn: PostgreSQL stops and starts under a running server.

The module runs its own embedded PostgreSQL (var/test-outage-postgres), never the suite's
var/test-postgres, and gunicorn with gunicorn.conf.py and production settings on 127.0.0.1, with
two sync workers. Bounded: about fifty requests, all to 127.0.0.1, in well under a minute.
The PyPI `requests` library is shadowed by the project's `requests/` package: http.client it is.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

from community_centre import embedded_db
from demo.users import DEMO_PASSWORD

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = BASE_DIR / "var" / "test-outage-postgres"
STATIC_ROOT = BASE_DIR / "var" / "test-outage-static"
SECRET_KEY = "outage-test-k3!v9#Qz7@pL2^wX8&rT5*yN1%bM4$cJ6(hG0)fD-sA+eU=iO"
GREEK_503 = "Η εφαρμογή είναι προσωρινά μη διαθέσιμη."
WORK = "/requests/work/"


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    text: str


@dataclass
class Browser:
    """One person's HTTP session with the server: keeps cookies, never follows redirects."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def get(self, path: str) -> Answer:
        return self.send("GET", path)

    def post(self, path: str, form: dict[str, str]) -> Answer:
        form = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **form}
        return self.send("POST", path, urlencode(form).encode())

    def send(self, method: str, path: str, body: bytes | None = None) -> Answer:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
        try:
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            answer = Answer(response.status, response.headers, response.read().decode())
        finally:
            connection.close()
        for header in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return answer

    def log_in(self, username: str) -> None:
        self.get("/login/")  # sets the CSRF cookie
        answer = self.post("/login/", {"username": username, "password": DEMO_PASSWORD})
        assert answer.status == 302, answer.text[:500]


def _environment(database_url: str, port: int, tmp_path: Path) -> dict[str, str]:
    """Production settings, as .env.example describes them, but plain HTTP on 127.0.0.1."""
    ours = ("DJANGO_", "DATABASE_", "EMBEDDED_POSTGRES", "GUNICORN_", "REQUEST_MAX")
    clean = {k: v for k, v in os.environ.items() if not k.startswith(ours)}
    return {
        **clean,
        "DJANGO_SETTINGS_MODULE": "community_centre.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": str(STATIC_ROOT),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "documents"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
    }


def _start_database() -> str:
    """Start (or reuse) the outage server in a fresh process and return its URL.

    The embedded_postgres library keeps one handle per data directory per process, so a restart
    from this process would be answered from that cache instead of starting the server.
    """
    result = subprocess.run(
        [sys.executable, "-m", "community_centre.embedded_db", "url", str(DATA_DIR)],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


# One process for the three commands: each manage.py start costs about a second.
PREPARE = (
    "from django.core.management import call_command as run; run('migrate', verbosity=0); "
    "run('load_reference_data', verbosity=0); run('create_demo_users', force=True, verbosity=0)"
)


def _manage(env: dict[str, str], *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def _prepare(env: dict[str, str]) -> None:
    """Migrate, load reference data and demo users; collect static files when they changed."""
    _manage(env, "shell", "-c", PREPARE)
    if not _static_files_collected():
        _manage(env, "collectstatic", "--noinput", "--clear")


def _static_files_collected() -> bool:
    """Whether var/test-outage-static holds a manifest newer than every file of static/."""
    manifest = STATIC_ROOT / "staticfiles.json"
    if not manifest.exists():
        return False
    collected = manifest.stat().st_mtime
    return all(path.stat().st_mtime <= collected for path in (BASE_DIR / "static").rglob("*"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_serving(server: subprocess.Popen, port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        assert server.poll() is None, "gunicorn exited"
        try:
            if Browser(port).get("/healthz").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail("gunicorn did not answer /healthz in time")


@dataclass
class Server:
    port: int
    access_log: Path
    error_log: Path


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("outage")
    port = _free_port()
    env = _environment(_start_database(), port, tmp_path)
    gunicorn = None
    try:
        _prepare(env)
        logs = Server(port, tmp_path / "access.log", tmp_path / "error.log")
        with logs.access_log.open("w") as access, logs.error_log.open("w") as errors:
            gunicorn = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
                cwd=BASE_DIR,
                env=env,
                stdout=access,
                stderr=errors,
            )
        _wait_until_serving(gunicorn, port, time.monotonic() + 30)
        yield logs
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            try:
                gunicorn.wait(timeout=15)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
                gunicorn.wait()
        embedded_db.stop(DATA_DIR)


def _burst(port: int, browser: Browser, count: int) -> list[Answer]:
    """`count` requests, four at a time, so both workers take some: pages of a logged-in user,
    the login page and the readiness check."""
    paths = [WORK, "/beneficiaries/", "/readyz", "/calendar/"]
    anonymous = Browser(port)

    def one(index: int) -> Answer:
        if index % 5 == 4:
            return anonymous.get("/login/")
        return Browser(port, dict(browser.cookies)).get(paths[index % len(paths)])

    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(one, range(count)))


def _access_lines(server: Server, skip: int = 0, wait_for: int = 0) -> list[str]:
    """The access log past its first `skip` lines, once it holds `wait_for` of them: gunicorn
    writes a line just after it answers, so the client can be a moment ahead of the log."""
    deadline = time.monotonic() + 5
    while True:
        lines = server.access_log.read_text().splitlines()[skip:]
        if len(lines) >= wait_for or time.monotonic() > deadline:
            return lines
        time.sleep(0.05)


def _workers_in(log_lines: list[str]) -> set[str]:
    return {match.group(1) for line in log_lines if (match := re.search(r"<(\d+)>$", line))}


def _read_until_closed(raw: socket.socket) -> bytes:
    reply = b""
    while chunk := raw.recv(65536):
        reply += chunk
    return reply


def assert_unavailable(answer: Answer) -> None:
    assert answer.status == 503, (answer.status, answer.text[:300])
    assert answer.headers["Retry-After"]


def test_a_huge_announced_body_is_refused_at_once_without_waiting_for_it(server):
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as raw:
        started = time.monotonic()
        raw.sendall(
            b"POST /login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: 209715200\r\n\r\nusername=x"
        )
        reply = _read_until_closed(raw)  # the 200 MB never come: a server waiting would hang
        elapsed = time.monotonic() - started
    assert reply.startswith(b"HTTP/1.1 413 "), reply[:200]
    assert "Το αίτημα είναι πολύ μεγάλο".encode() in reply
    assert elapsed < 2


def test_the_access_log_never_holds_the_query_string(server):
    person = Browser(server.port)
    person.log_in("koinoniki")
    assert person.get("/beneficiaries/?q=01013099997").status == 200
    wanted = '"GET /beneficiaries/ HTTP/1.1" 200'
    deadline = time.monotonic() + 5  # gunicorn writes the line just after it answers
    while wanted not in (log := server.access_log.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert wanted in log
    assert "01013099997" not in log


def test_an_outage_answers_503_and_every_request_after_it_succeeds(server):
    person = Browser(server.port)
    person.log_in("koinoniki")
    before = _burst(server.port, person, 8)  # both workers now hold a database connection
    assert {answer.status for answer in before} == {200}

    embedded_db.stop(DATA_DIR)
    assert_unavailable(login := Browser(server.port).get("/login/"))
    assert GREEK_503 in login.text
    assert_unavailable(work := person.get(WORK))
    assert GREEK_503 in work.text
    assert_unavailable(person.post("/logout/", {}))
    assert_unavailable(ready := Browser(server.port).get("/readyz"))
    assert '"database": false' in ready.text
    assert Browser(server.port).get("/healthz").status == 200

    _start_database()
    logged_before = len(_access_lines(server))
    after = _burst(server.port, person, 20)
    assert [answer.status for answer in after] == [200] * 20
    assert len(_workers_in(_access_lines(server, logged_before, wait_for=20))) == 2
    assert person.get(WORK).status == 200  # still logged in: the outage lost no session
    errors = server.error_log.read_text()
    assert "connection is closed" not in errors
    assert "Internal Server Error" not in errors


def test_a_database_restart_between_requests_fails_no_request(server):
    """Both workers hold a connection the restart broke; no request may trip over it."""
    person = Browser(server.port)
    person.log_in("koinoniki")
    assert {answer.status for answer in _burst(server.port, person, 8)} == {200}

    embedded_db.stop(DATA_DIR)
    _start_database()
    logged_before = len(_access_lines(server))
    assert [answer.status for answer in _burst(server.port, person, 20)] == [200] * 20
    assert len(_workers_in(_access_lines(server, logged_before, wait_for=20))) == 2
    assert "connection is closed" not in server.error_log.read_text()
