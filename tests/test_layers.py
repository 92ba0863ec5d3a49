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


def test_migrations_depend_only_on_apps_below():
    from django.db.migrations.loader import MigrationLoader

    rank = {name: i for i, name in enumerate([*ORDER, "demo"])}
    loader = MigrationLoader(None, ignore_no_migrations=True)
    upward = [
        (f"{app}.{name}", dependency)
        for (app, name), migration in loader.disk_migrations.items()
        if app in rank
        for dependency in migration.dependencies
        if dependency[0] in rank and rank[dependency[0]] > rank[app]
    ]
    assert upward == []
