"""Greek is complete: every string in the code is in the catalogue, translated, and compiled."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation

from community_centre import i18n

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def test_every_greek_entry_has_a_translation():
    assert i18n.missing("el") == []


@pytest.mark.parametrize("language", ["el", "en"])
def test_both_catalogues_are_compiled_and_not_marked_fuzzy(language):
    assert i18n.read_catalogue(language).fuzzy is False
    assert i18n.catalogue_path(language).with_suffix(".mo").exists(), "run `make setup`"


def test_the_compiled_greek_catalogue_is_used():
    with translation.override("en"):
        english = translation.gettext("Ωφελούμενοι")
    with translation.override("el"):
        assert translation.gettext("Ωφελούμενοι") == "Ωφελούμενοι"
    assert english == "Beneficiaries"


def test_the_catalogue_holds_every_string_of_the_code(tmp_path):
    """Re-extract the strings (needs GNU gettext, which CI installs) and compare the msgids."""
    if shutil.which("xgettext") is None:
        if os.environ.get("CI"):
            pytest.fail("GNU gettext is missing in CI")
        pytest.skip("GNU gettext is not installed on this machine")
    original = i18n.catalogue_path("el").read_bytes()
    before = _msgids()
    try:
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "makemessages",
                "-l",
                "el",
                "--no-obsolete",
                "--ignore=.venv",
                "--ignore=var",
                "--ignore=tests",
            ],  # fmt: skip
            cwd=BASE_DIR,
            check=True,
            capture_output=True,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"},
        )
        after = _msgids()
    finally:
        i18n.catalogue_path("el").write_bytes(original)
    assert sorted(after - before) == [], "run `make makemessages` and translate the new strings"


def _msgids() -> set[str]:
    return set(i18n.msgids("el"))
