"""Request limits, session limits and cache headers that keep personal data off shared desk PCs."""

from __future__ import annotations

import time

from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from community_centre.client_ip import client_ip
from community_centre.roles import is_partner

SESSION_STARTED_KEY = "session_started_at"
SESSION_RENEWED_KEY = "session_renewed_at"


class RequestSizeLimitMiddleware:
    """Answer 413 to a body larger than REQUEST_MAX_BYTES, judged by Content-Length alone.

    First in MIDDLEWARE, so nothing has read the body yet: the refusal costs no memory or disk,
    however large the announced body. A body without Content-Length (chunked) is read by Django
    as empty, so it cannot slip past.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _declared_length(request) > settings.REQUEST_MAX_BYTES:
            return _too_large(request)
        return self.get_response(request)


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # Django reads no body for an unreadable length either


def _too_large(request: HttpRequest) -> HttpResponse:
    with translation.override(chosen_language(request)):
        limit = filesizeformat(settings.REQUEST_MAX_BYTES)
        text = _("Το αίτημα είναι πολύ μεγάλο: το όριο είναι %(limit)s.") % {"limit": limit}
    response = HttpResponse(text, status=413, content_type="text/plain; charset=utf-8")
    add_never_cache_headers(response)
    return response


class AbsoluteSessionLimitMiddleware:
    """Log the user out 12 hours after login, however active the session has been."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.setdefault(SESSION_STARTED_KEY, time.time())
            if time.time() - started > settings.SESSION_ABSOLUTE_AGE:
                logout(request)
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)


class IdleSessionRenewalMiddleware:
    """Renew a logged-in session's 30-minute idle limit at most once every
    SESSION_RENEWAL_SECONDS, instead of writing the session row on every page.

    The idle limit then ends between 29 and 30 minutes after the last page (with the default
    60 s), and a page that changes nothing in the session costs no write transaction.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            renewed = request.session.get(SESSION_RENEWED_KEY, 0)
            if not isinstance(renewed, (int, float)) or now - renewed >= _renewal_seconds():
                request.session[SESSION_RENEWED_KEY] = now  # marks the session to be saved
        return self.get_response(request)


def _renewal_seconds() -> int:
    return settings.SESSION_RENEWAL_SECONDS


class NoStoreMiddleware:
    """Forbid caching of every page rendered for a logged-in user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            add_never_cache_headers(response)  # no-cache, no-store, must-revalidate, private
        return response


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Greek unless the user chose another language in the menu (the language cookie).

    The browser's Accept-Language is ignored on purpose: a desk PC set up in English still shows
    the Centre's Greek interface until someone picks English.
    """

    def process_request(self, request):
        translation.activate(chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()


def chosen_language(request: HttpRequest) -> str:
    """The language picked in the menu (the language cookie), else Greek."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class AuditMiddleware(AuditlogMiddleware):
    """django-auditlog's middleware, recording the address of `client_ip` (which believes
    `X-Forwarded-For` only from a trusted proxy) instead of any `X-Forwarded-For` sent."""

    @staticmethod
    def _get_remote_addr(request):
        return client_ip(request)

    @staticmethod
    def _get_remote_port(request) -> int | None:
        return None


class ViewGateMiddleware:
    """A gate before the views: a logged-in user it `holds` reaches only the views named in
    ALLOWED (and those `opens` lets through); any other view gets `refuse`. The skeleton of the
    password change, the second factor and the partner boundary gates."""

    ALLOWED: frozenset[str] = frozenset()

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def holds(self, request, user) -> bool:
        raise NotImplementedError

    def opens(self, request, view_func) -> bool:
        return False

    def refuse(self, request, user) -> HttpResponse | None:
        """The answer instead of the view (None lets the view answer after all)."""
        raise NotImplementedError

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not self.holds(request, user):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in self.ALLOWED:
            return None
        if self.opens(request, view_func):
            return None
        return self.refuse(request, user)


class PasswordChangeRequiredMiddleware(ViewGateMiddleware):
    """An account whose password an administrator chose sees only the password change page
    (and can log out) until its holder chooses their own password. The second factor comes
    first (community_centre.two_factor.middleware): its code step and enrolment answer here, and
    the new backup codes are shown before the password is changed."""

    ALLOWED = frozenset({
        "password_change", "logout", "set_language", "healthz", "readyz",
        "two_factor_verify", "two_factor_enrol", "two_factor_backup_codes",
    })  # fmt: skip

    def holds(self, request, user) -> bool:
        return user.must_change_password

    def refuse(self, request, user) -> HttpResponse:
        messages.warning(
            request,
            _("Το συνθηματικό σας ορίστηκε από τη διαχείριση. Ορίστε δικό σας για να συνεχίσετε."),
        )
        return redirect("password_change")


class PartnerBoundaryMiddleware(ViewGateMiddleware):
    """A partner body's staff reach only the pages marked `partner_page` (and logging out, their
    password, the language and the home page); every other page answers them 403, whatever its
    own gate, so that a new staff page cannot open to them by mistake (DESIGN.md §6)."""

    ALLOWED = frozenset(
        {"home", "login", "logout", "password_change", "set_language", "healthz", "readyz"}
    )

    def holds(self, request, user) -> bool:
        return is_partner(user)

    def opens(self, request, view_func) -> bool:
        return getattr(view_func, "partner_page", False)

    def refuse(self, request, user) -> HttpResponse:
        raise PermissionDenied
