"""The layers contract (pyproject.toml, run by `make test` through `lint-imports`) names every
app of the project, in the order of README's Architecture section."""

from __future__ import annotations

import tomllib
from pathlib import Path

from django.apps import apps

BASE_DIR = Path(__file__).resolve().parent.parent
ORDER = ["community_centre", "beneficiaries", "requests", "referrals", "services", "reporting"]


def _config() -> dict:
    return tomllib.loads((BASE_DIR / "pyproject.toml").read_text())["tool"]["importlinter"]


def _project_apps() -> list[str]:
    return [c.name for c in apps.get_app_configs() if Path(c.path).parent == BASE_DIR]


def test_every_project_app_is_a_layer_from_the_base_up_to_demo():
    (contract,) = _config()["contracts"]
    assert contract["type"] == "layers"
    assert list(reversed(contract["layers"])) == [*ORDER, "demo"]
    assert sorted(_config()["root_packages"]) == sorted(_project_apps())


def test_only_settings_root_urls_and_wsgi_may_import_upwards():
    (contract,) = _config()["contracts"]
    sources = {rule.split(" -> ")[0] for rule in contract["ignore_imports"]}
    assert sources == {f"community_centre.{m}" for m in ("settings", "urls", "wsgi")}


def test_the_demo_app_is_installed_after_every_app_it_seeds():
    assert _project_apps() == [*ORDER, "demo"]
