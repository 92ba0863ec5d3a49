"""Finding people: the list with its search box, and the as-you-type results of the navbar.

Searches are sent by POST and remembered in the session (beneficiaries.searches); every page
that shows people writes an access-log row with what was searched and who was shown.
"""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from beneficiaries import searches
from beneficiaries.models import Beneficiary
from community_centre.audit import log_access
from community_centre.models import AccessLog

PAGE_SIZE = 25
QUICK_RESULTS = 8


def _people(request: HttpRequest, query: str):
    qs = Beneficiary.objects.visible_to(request.user).for_list()
    return qs.search(query) if query else qs.order_by("-updated_at", "-pk")


def _log_shown(request: HttpRequest, query: str, people) -> None:
    shown = [person.pk for person in people]
    if query:
        detail = _("Αναζήτηση: «%(query)s»") % {"query": query}
        log_access(request, None, AccessLog.Action.SEARCH, detail, shown=shown)
    else:
        detail = _("Πρόσφατα ενημερωμένοι φάκελοι")
        log_access(request, None, AccessLog.Action.VIEW_LIST, detail, shown=shown)


def _list_url(key: str) -> str:
    url = reverse("beneficiaries:list")
    return f"{url}?{searches.KEY_PARAMETER}={key}" if key else url


def _results_page(request: HttpRequest, key: str, query: str, *, partial: bool) -> HttpResponse:
    page = Paginator(_people(request, query), PAGE_SIZE).get_page(request.GET.get("page"))
    _log_shown(request, query, page.object_list)
    template = (
        "beneficiaries/partials/beneficiary_results.html"
        if partial
        else "beneficiaries/beneficiary_list.html"
    )
    context = {"query": query, "search_key": key, "page": page}
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
@permission_required("beneficiaries.view_beneficiary", raise_exception=True)
def beneficiary_list(request: HttpRequest) -> HttpResponse:
    """GET shows the search named by `?s=` (or the latest files); POST searches. Typing
    (htmx) gets the results at once with their address; a plain submit is redirected there."""
    if request.method == "POST":
        query = searches.clean_query(request.POST.get("q"))
        key = searches.remember(request, query) if query else ""
        if not request.headers.get("HX-Request"):
            return redirect(_list_url(key))
        response = _results_page(request, key, query, partial=True)
        response["HX-Push-Url"] = _list_url(key)
        return response
    key, query = searches.recalled(request)
    partial = (
        bool(request.headers.get("HX-Request")) and request.headers.get("HX-Target") == "results"
    )
    return _results_page(request, key, query, partial=partial)


@require_POST
@permission_required("beneficiaries.view_beneficiary", raise_exception=True)
def quick_search(request: HttpRequest) -> HttpResponse:
    query = searches.clean_query(request.POST.get("q"))
    people, key = [], ""
    if query:
        people = list(_people(request, query)[:QUICK_RESULTS])
        key = searches.remember(request, query)
        _log_shown(request, query, people)
    context = {"query": query, "people": people, "all_results_url": _list_url(key)}
    return render(request, "beneficiaries/partials/quick_search.html", context)
