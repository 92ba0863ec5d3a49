"""Settings of the Community Centre case-management system, read from environment variables.

Every variable is documented in `.env.example` and README.md. Bad values fail loudly at start-up.
"""

from __future__ import annotations

import ipaddress
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from community_centre.encryption import development_key, keys_from_text, parse_key

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 0 or 1, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    try:
        return int(raw) if raw else default
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from exc


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def strong_secret_key(key: str) -> bool:
    """Django's own rule (check security.W009): long, varied, not a generated insecure key."""
    return (
        len(key) >= SECRET_KEY_MIN_LENGTH
        and len(set(key)) >= SECRET_KEY_MIN_UNIQUE_CHARACTERS
        and not key.startswith(SECRET_KEY_INSECURE_PREFIX)
    )


# With no DATABASE_URL this is a development checkout (embedded database): debug is on unless
# DJANGO_DEBUG says otherwise, so `manage.py shell` just works. Production sets DATABASE_URL.
DEBUG = env_bool("DJANGO_DEBUG", not os.environ.get("DATABASE_URL"))

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for development).")
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"
elif not DEBUG and not strong_secret_key(SECRET_KEY):
    raise ImproperlyConfigured(
        f"DJANGO_SECRET_KEY is too weak: it needs {SECRET_KEY_MIN_LENGTH}+ characters, "
        f"{SECRET_KEY_MIN_UNIQUE_CHARACTERS}+ of them different, not starting with "
        f"{SECRET_KEY_INSECURE_PREFIX!r}. Generate one with: "
        "python3 -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "community_centre.admin_site.CentreAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "auditlog",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "community_centre",
    "beneficiaries",
    "requests",
    "referrals",
    "services",
    "reporting",
    "demo",
]

MIDDLEWARE = [
    "community_centre.middleware.RequestSizeLimitMiddleware",  # first: before anything reads
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "community_centre.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): the second factor
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "community_centre.middleware.AbsoluteSessionLimitMiddleware",
    "community_centre.middleware.IdleSessionRenewalMiddleware",
    # The second factor before the forced password change: a password an administrator set
    # opens nothing without the holder's phone (or backup codes).
    "community_centre.two_factor.middleware.SecondFactorMiddleware",
    "community_centre.middleware.PasswordChangeRequiredMiddleware",
    "community_centre.middleware.PartnerBoundaryMiddleware",
    "community_centre.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "community_centre.middleware.AuditMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "community_centre.urls"
WSGI_APPLICATION = "community_centre.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "community_centre.context_processors.centre",
            ],
        },
    },
]

# Database: DATABASE_URL, or the embedded PostgreSQL server under var/ for development and tests.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if not DATABASE_URL:
    if not DEBUG and not env_bool("EMBEDDED_POSTGRES", False):
        raise ImproperlyConfigured("Set DATABASE_URL (production needs a managed PostgreSQL).")
    from community_centre.embedded_db import database_url

    DATABASE_URL = database_url()
# Connections live for a minute and are checked before reuse, so the first request after the
# database restarts gets a fresh connection instead of "the connection is closed".
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
}
if not DATABASES["default"]["ENGINE"].endswith("postgresql"):
    raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL.")
# No per-connection settings: a pooler in transaction mode would drop them. The name search's
# trigram threshold travels with its SQL function (beneficiaries migration 0006).
# A database host that does not answer fails in seconds (503) instead of holding a worker until
# gunicorn's timeout kills it; DATABASE_URL may set its own ?connect_timeout=.
DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "community_centre.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "community_centre.backends.RoleBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lockout: 5 failures for the same username from the same address lock it for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "community_centre.client_ip.client_ip"
AXES_USERNAME_CALLABLE = "community_centre.lockout.lockout_username"
# A wrong code at the second step counts as a failed login too (community_centre.two_factor):
# axes masks these in what it records (its default, and the code).
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code"]

# Two-factor login (django-otp: TOTP on a phone, one-time backup codes). Required for
# coordinators, administrators and partner bodies, optional for social workers
# (community_centre.two_factor.policy). A wrong code doubles the wait before the next one
# (1 s, 2 s, 4 s …); the issuer shown in the phone's app names the Centre's municipality.
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1


def _totp_issuer(device) -> str:
    """OTP_TOTP_ISSUER, read when a QR code is drawn (the Centre's profile is in the database)."""
    from community_centre.two_factor.qr import issuer

    return issuer(device)


OTP_TOTP_ISSUER = _totp_issuer
TWO_FACTOR_BACKUP_CODES = 10

# The reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated);
# from anyone else the header is ignored (community_centre.client_ip).
TRUSTED_PROXIES = env_list("DJANGO_TRUSTED_PROXIES", "")
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"DJANGO_TRUSTED_PROXIES: {_proxy!r} is not an address or network"
        ) from exc

# Sessions end after 30 minutes idle (the cookie is renewed on each request) and 12 hours after
# login whatever happens (AbsoluteSessionLimitMiddleware).
SESSION_ENGINE = "community_centre.sessions"
SESSION_COOKIE_AGE = 30 * 60
# The idle limit is renewed at most once a minute (community_centre.middleware), not by a
# write of the session on every page.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_RENEWAL_SECONDS = 60
SESSION_ABSOLUTE_AGE = 12 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "el"
LANGUAGES = [("el", _("Ελληνικά")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Athens"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["community_centre.formats"]
DATE_INPUT_FORMATS = ["%d/%m/%Y"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Development and tests serve static files from the source folders; production collects them.
STATIC_ROOT = (
    None if DEBUG else Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "staticfiles"))
)
WHITENOISE_USE_FINDERS = DEBUG
# Uploaded case-file documents: a private folder outside any public URL, served only by an
# access-checked view.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "documents"))


def document_keys() -> list[str]:
    """DOCUMENT_ENCRYPTION_KEYS, or in development a key generated once into var/ and reused."""
    raw = os.environ.get("DOCUMENT_ENCRYPTION_KEYS", "")
    if not raw.strip():
        if not DEBUG:
            raise ImproperlyConfigured(
                "Set DOCUMENT_ENCRYPTION_KEYS: documents are stored encrypted (see .env.example)."
            )
        raw = development_key(BASE_DIR / "var" / "document-encryption.key")
    try:
        return keys_from_text(raw, "DOCUMENT_ENCRYPTION_KEYS")
    except ValueError as exc:
        raise ImproperlyConfigured(str(exc)) from exc


def backup_key(documents: list[str]) -> str:
    """BACKUP_ENCRYPTION_KEY: needed only where backups are made or restored, never a document
    key (a backup holds the documents, so one stolen key must not open both)."""
    raw = os.environ.get("BACKUP_ENCRYPTION_KEY", "").strip()
    if not raw and DEBUG:
        raw = development_key(BASE_DIR / "var" / "backup-encryption.key")
    if not raw:
        return ""
    try:
        keys = keys_from_text(raw, "BACKUP_ENCRYPTION_KEY")
    except ValueError as exc:
        raise ImproperlyConfigured(str(exc)) from exc
    if len(keys) != 1:
        raise ImproperlyConfigured("BACKUP_ENCRYPTION_KEY takes one key, not a list.")
    key = keys[0]
    if parse_key(key) in {parse_key(document) for document in documents}:
        raise ImproperlyConfigured("BACKUP_ENCRYPTION_KEY must differ from the document keys.")
    return key


def document_storage() -> dict:
    """Encrypted documents on the server's disk, or in an S3-compatible bucket."""
    kind = os.environ.get("DOCUMENT_STORAGE", "local")
    if kind == "local":
        return {
            "BACKEND": "community_centre.encrypted_storage.EncryptedFileSystemStorage",
            "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
        }
    if kind != "s3":
        raise ImproperlyConfigured(f"DOCUMENT_STORAGE must be local or s3, not {kind!r}.")
    required = ["S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"]
    if missing := [name for name in required if not os.environ.get(name)]:
        raise ImproperlyConfigured(f"DOCUMENT_STORAGE=s3 needs {', '.join(missing)}.")
    return {
        "BACKEND": "community_centre.encrypted_storage.EncryptedS3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["S3_BUCKET"],
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "access_key": os.environ["S3_ACCESS_KEY_ID"],
            "secret_key": os.environ["S3_SECRET_ACCESS_KEY"],
            "region_name": os.environ.get("S3_REGION") or None,
            "location": os.environ.get("S3_PREFIX", ""),
            "querystring_auth": True,
        },
    }


DOCUMENT_ENCRYPTION_KEYS = document_keys()
BACKUP_ENCRYPTION_KEY = backup_key(DOCUMENT_ENCRYPTION_KEYS)
STORAGES = {
    "default": document_storage(),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}
DOCUMENT_MAX_BYTES = env_int("DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)
# A request carries at most one document and its form: a larger body is refused with 413 from its
# Content-Length, before it is read (RequestSizeLimitMiddleware). The reverse proxy's limit
# (nginx client_max_body_size) should be the same.
REQUEST_MAX_BYTES = env_int("REQUEST_MAX_BYTES", DOCUMENT_MAX_BYTES + 1024 * 1024)
if REQUEST_MAX_BYTES <= DOCUMENT_MAX_BYTES:
    raise ImproperlyConfigured("REQUEST_MAX_BYTES must be larger than DOCUMENT_MAX_BYTES.")
DATA_UPLOAD_MAX_MEMORY_SIZE = REQUEST_MAX_BYTES
# An upload is held in memory up to the largest request, never spooled to a temporary file: a
# document then touches the disk only encrypted (the storage encrypts it before writing).
FILE_UPLOAD_MAX_MEMORY_SIZE = REQUEST_MAX_BYTES

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security headers. Production values make `manage.py check --deploy` clean.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
if env_bool("DJANGO_BEHIND_TLS_PROXY", not DEBUG):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "embedded_postgres": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
