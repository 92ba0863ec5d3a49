"""A real S3-compatible server for the storage tests: moto's server, run from a venv of its own
(var/s3-venv, which `make test` builds from tests/s3/requirements.lock) on 127.0.0.1 and a free
port, for the whole test session. The project talks to it over HTTP with boto3, as it would to
any S3-compatible store."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SERVER = BASE_DIR / "var" / "s3-venv" / "bin" / "moto_server"
START_SECONDS = 30


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def s3_endpoint():
    """The URL of the running server (stopped at the end of the session)."""
    if not SERVER.exists():
        pytest.fail(f"{SERVER} is missing: `make test` builds it (tests/s3/requirements.lock).")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [str(SERVER), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + START_SECONDS
        while not _answers(url):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the S3 server did not start on {url}")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
