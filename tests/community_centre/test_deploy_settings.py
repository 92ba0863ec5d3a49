"""Production settings pass Django's deployment checks, and bad settings fail loudly."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent.parent

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "k3!v9#Qz7@pL2^wX8&rT5*yN1%bM4$cJ6(hG0)fD-sA+eU=iO_lK?jH",
    "DJANGO_ALLOWED_HOSTS": "kentro.karpenisi.gr",
    "DATABASE_URL": "postgres://cc:secret@db.invalid:5432/community_centre",
}


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    clean.pop("EMBEDDED_POSTGRES_DIR", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean, "DJANGO_SETTINGS_MODULE": "community_centre.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_production_values():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_without_a_secret_key_refuses_to_start():
    env = {**PRODUCTION, "DJANGO_SECRET_KEY": ""}
    result = _manage("check", **env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    "key",
    ["x7#Kq2!pL9", "abcd" * 20, "django-insecure-" + "k3!v9#Qz7@pL2^wX8&rT5*yN1%bM4$cJ6(hG0)fD"],
    ids=["short", "four distinct characters", "django-insecure prefix"],
)
def test_production_with_a_weak_secret_key_refuses_to_start(key):
    result = _manage("check", **{**PRODUCTION, "DJANGO_SECRET_KEY": key})
    assert result.returncode != 0
    assert "ImproperlyConfigured: DJANGO_SECRET_KEY is too weak" in result.stderr


def test_a_short_secret_key_is_allowed_in_development():
    env = {**PRODUCTION, "DJANGO_DEBUG": "1", "DJANGO_SECRET_KEY": "dev"}
    result = _manage("check", **env)
    assert result.returncode == 0, result.stderr


def test_a_request_cap_below_the_document_limit_is_refused():
    result = _manage("check", **{**PRODUCTION, "REQUEST_MAX_BYTES": "1000"})
    assert result.returncode != 0
    assert "REQUEST_MAX_BYTES" in result.stderr


def test_production_without_a_database_url_refuses_to_start():
    env = {**PRODUCTION, "DATABASE_URL": ""}
    result = _manage("check", **env)
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_a_malformed_boolean_is_refused():
    result = _manage("check", **{**PRODUCTION, "DJANGO_DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DJANGO_DEBUG" in result.stderr


def test_a_checkout_without_database_url_runs_on_the_embedded_server_in_debug_mode():
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings; from django.db import connection; "
        "print(settings.DEBUG, connection.vendor, connection.settings_dict['HOST'])",
        EMBEDDED_POSTGRES_DIR=str(BASE_DIR / "var" / "test-postgres"),
    )
    assert result.returncode == 0, result.stderr
    debug, vendor, host = result.stdout.split()[-3:]
    assert (debug, vendor) == ("True", "postgresql")
    assert "test-postgres" in host or host.startswith(str(BASE_DIR / "var"))
