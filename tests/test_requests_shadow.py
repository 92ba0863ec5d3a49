"""The `requests/` app shadows the PyPI `requests` library, so the library must never be needed."""

import importlib.metadata
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent


def test_import_requests_gives_the_project_app():
    import requests

    assert Path(requests.__file__).resolve().parent == BASE_DIR / "requests"


def test_the_pypi_requests_library_is_not_installed():
    with pytest.raises(importlib.metadata.PackageNotFoundError):
        importlib.metadata.distribution("requests")


def test_the_lock_file_pins_no_requests_library():
    lock = (BASE_DIR / "requirements.lock").read_text()
    pinned = {line.split("==")[0].strip().lower() for line in lock.splitlines() if "==" in line}
    assert "requests" not in pinned
