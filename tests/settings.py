"""Test settings: the project's one settings module, pointed at the tests' own database.

Tests run against their own embedded PostgreSQL data directory (var/test-postgres), never the one
`make run` uses, unless DATABASE_URL points at a server of your own.
"""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

os.environ.setdefault("DJANGO_DEBUG", "1")
if not os.environ.get("DATABASE_URL"):
    os.environ["EMBEDDED_POSTGRES_DIR"] = str(BASE_DIR / "var" / "test-postgres")
# Playwright's sync API runs an event loop in the test thread; the ORM calls around it are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
# Fixed keys of the tests (never used anywhere else): documents are stored encrypted with the
# first; backups are encrypted with the other.
TEST_DOCUMENT_KEY = "dGVzdHMtZG9jdW1lbnQta2V5LW5ldmVyLWluLXVzZSE="
TEST_BACKUP_KEY = "dGVzdHMtYmFja3VwLWtleS1uZXZlci1pbi11c2UtISE="
os.environ.setdefault("DOCUMENT_ENCRYPTION_KEYS", TEST_DOCUMENT_KEY)
os.environ.setdefault("BACKUP_ENCRYPTION_KEY", TEST_BACKUP_KEY)

from community_centre.settings import *  # noqa: E402,F403

# Uploaded documents of tests go to a throwaway folder, never to the one `make run` uses.
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-documents"  # noqa: F405
STORAGES["default"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]  # noqa: F405
# Pages renew the session on every request here (production: at most once a minute), so that the
# number of queries a page makes does not depend on the clock; test_security checks the minute.
SESSION_RENEWAL_SECONDS = 0
