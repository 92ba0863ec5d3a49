"""The coordinator's dashboard: counts and staff names only, still in the access log."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from community_centre.audit import log_access
from community_centre.models import AccessLog
from reporting.dashboard.page import build_dashboard
from reporting.period import athens_today


@require_GET
@permission_required("reporting.view_dashboard", raise_exception=True)
def dashboard(request: HttpRequest) -> HttpResponse:
    board = build_dashboard(user=request.user, today=athens_today())
    log_access(request, None, AccessLog.Action.VIEW_LIST, detail=_("Πίνακας ελέγχου"))
    return render(request, "reporting/dashboard.html", {"board": board})
