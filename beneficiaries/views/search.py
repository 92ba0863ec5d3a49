"""Finding people: the list with its search box, and the as-you-type results of the navbar."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from beneficiaries.models import Beneficiary

PAGE_SIZE = 25
QUICK_RESULTS = 8


def _results(request: HttpRequest):
    query = request.GET.get("q", "").strip()[:100]
    qs = Beneficiary.objects.visible_to(request.user).select_related(
        "settlement", "assigned_worker"
    )
    return query, (qs.search(query) if query else qs.order_by("-updated_at", "-pk"))


@require_GET
@permission_required("beneficiaries.view_beneficiary", raise_exception=True)
def beneficiary_list(request: HttpRequest) -> HttpResponse:
    query, results = _results(request)
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    template = (
        "beneficiaries/partials/beneficiary_results.html"
        if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "results"
        else "beneficiaries/beneficiary_list.html"
    )
    return render(request, template, {"query": query, "page": page})


@require_GET
@permission_required("beneficiaries.view_beneficiary", raise_exception=True)
def quick_search(request: HttpRequest) -> HttpResponse:
    query, results = _results(request)
    people = list(results[:QUICK_RESULTS]) if query else []
    return render(
        request, "beneficiaries/partials/quick_search.html", {"query": query, "people": people}
    )
