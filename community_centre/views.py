"""The home page and the health check."""

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from beneficiaries.querysets import can_read_case_files
from community_centre.calendar import holidays_in

FIRST_YEAR, LAST_YEAR = 2000, 2100


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Caseworkers start at «My work»; administrators at their tools."""
    if can_read_case_files(request.user):
        return redirect("requests:my_work")
    return render(request, "community_centre/home_admin.html")


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers a query, 503 otherwise. Public, for the load balancer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": False}, status=503)
    return JsonResponse({"status": "ok", "database": True})


@require_GET
def holiday_calendar(request: HttpRequest, year: int | None = None) -> HttpResponse:
    """The holidays of a year as the deadlines count them (national, local, adjustments)."""
    year = year or timezone.localdate().year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404
    context = {"year": year, "holidays": holidays_in(year).items()}
    return render(request, "community_centre/holiday_calendar.html", context)
