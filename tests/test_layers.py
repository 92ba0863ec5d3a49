"""The layers contract (pyproject.toml, run by `make test` through `lint-imports`) names every
app of the project, in the order of README's Architecture section."""

from __future__ import annotations

import ast
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


def _project_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        found |= {name for name in names if name.split(".")[0] in [*ORDER, "demo", "tests"]}
    return found


def test_the_factories_of_an_app_import_only_that_app_and_the_apps_below_it():
    factories = sorted((BASE_DIR / "tests").glob("*/factories.py"))
    assert sorted(p.parent.name for p in factories) == sorted(ORDER[:5])
    for path in factories:
        below = ORDER[: ORDER.index(path.parent.name) + 1]
        allowed = (*below, *(f"tests.{app}.factories" for app in below), "tests.helpers")
        for name in _project_imports(path):
            assert name.startswith(allowed), f"{path.relative_to(BASE_DIR)} imports {name}"
    assert not (BASE_DIR / "tests" / "factories.py").exists()


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
