"""The home page and the health check."""

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from beneficiaries.querysets import can_read_case_files


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
