"""«My work»: the home page of a caseworker; the coordinator sees everyone's."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from community_centre.audit import log_access
from community_centre.models import AccessLog, User
from requests.work import LIST_LIMIT, sees_everyones_work, work_lists

EVERYONE = "all"


def _chosen_worker(request: HttpRequest, workers) -> tuple[object, str]:
    """The worker whose lists are shown: oneself, or for the coordinator anyone or everyone."""
    if not sees_everyones_work(request.user):
        return request.user, str(request.user.pk)
    choice = request.GET.get("worker", EVERYONE)
    if choice == EVERYONE:
        return None, EVERYONE
    chosen = next((w for w in workers if str(w.pk) == choice), None)
    return (chosen, choice) if chosen else (None, EVERYONE)


@require_GET
@permission_required("requests.view_assistancerequest", raise_exception=True)
def my_work(request: HttpRequest) -> HttpResponse:
    workers = list(User.objects.caseworkers().order_by("last_name", "first_name"))
    worker, choice = _chosen_worker(request, workers)
    work = work_lists(user=request.user, worker=worker)
    whose = str(worker) if worker is not None else _("όλοι")
    detail = _("Η εργασία μου (%(whose)s)") % {"whose": whose}
    log_access(request, None, AccessLog.Action.VIEW_LIST, detail, shown=work.people())
    context = {
        "work": work,
        "workers": workers,
        "choice": choice,
        "everyone": EVERYONE,
        "can_choose": sees_everyones_work(request.user),
        "list_limit": LIST_LIMIT,
        **work.section_context,
    }
    return render(request, "requests/my_work.html", context)
