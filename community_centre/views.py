"""The home page, the health checks and the server-error page."""

from __future__ import annotations

import sys

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from community_centre.calendar import holidays_in
from community_centre.roles import can_read_case_files, is_partner

FIRST_YEAR, LAST_YEAR = 2000, 2100
# How long a client (or the load balancer) should wait before trying again after a 503.
RETRY_AFTER_SECONDS = 30


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Caseworkers start at «My work»; a partner body's staff at their referrals; administrators
    at their tools."""
    if can_read_case_files(request.user):
        return redirect("requests:my_work")
    if is_partner(request.user):
        return redirect("referrals:inbox")  # named by URL: the base app imports no app above
    return render(request, "community_centre/home_admin.html")


@login_not_required
@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """200 while the process serves requests; never touches the database. Public (liveness)."""
    return JsonResponse({"status": "ok"})


@login_not_required
@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers a query, 503 with Retry-After otherwise. Public (readiness)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        response = JsonResponse({"status": "unavailable", "database": False}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return JsonResponse({"status": "ok", "database": True})


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: 503 with Retry-After when the database is unreachable, else the 500 page.

    Django calls it for an exception raised anywhere, middleware included (session loading,
    request.user), while that exception is being handled, so sys.exc_info() names it.
    """
    if _database_unreachable(sys.exc_info()[1]):
        return service_unavailable()
    return defaults.server_error(request)


def service_unavailable() -> HttpResponse:
    """The 503 page: rendered without a request, so no context processor reads the database."""
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def _database_unreachable(exc: BaseException | None) -> bool:
    """Whether `exc`, or an exception it was raised from, says the database cannot be reached."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, OperationalError | InterfaceError):
            return True
        seen.add(id(exc))
        exc = exc.__cause__
    return False


@require_GET
def holiday_calendar(request: HttpRequest, year: int | None = None) -> HttpResponse:
    """The holidays of a year as the deadlines count them (national, local, adjustments)."""
    year = year or timezone.localdate().year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    context = {"year": year, "holidays": holidays_in(year).items()}
    return render(request, "community_centre/holiday_calendar.html", context)
