"""Assistance requests: the list with its filters, registration from a case file, the page of
one request with its history and allowed moves, and corrections."""

from __future__ import annotations

from dataclasses import asdict

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from beneficiaries.history import describe_conflict
from beneficiaries.views.common import get_case_file
from community_centre.audit import log_access, log_form_page
from community_centre.models import AccessLog
from community_centre.submissions import already_saved, posted, submitted_once
from community_centre.versions import StaleVersion
from requests.actions import assistance as actions
from requests.exceptions import RequestError
from requests.forms.assistance import (
    AssistanceRequestEditForm,
    AssistanceRequestForm,
    RequestFilterForm,
    RequestMoveForm,
)
from requests.forms.information import LetterIssueForm
from requests.models import AssistanceRequest
from requests.panels import panels_for

PAGE_SIZE = 25


def get_request(request: HttpRequest, pk: int) -> AssistanceRequest:
    """The request `pk` with its person, category and worker, if the user may see it; else 404."""
    queryset = AssistanceRequest.objects.visible_to(request.user).select_related(
        "beneficiary__settlement", "category", "assigned_worker"
    )
    return get_object_or_404(queryset, pk=pk)


@require_GET
@permission_required("requests.view_assistancerequest", raise_exception=True)
def request_list(request: HttpRequest) -> HttpResponse:
    form = RequestFilterForm(request.GET)
    today = timezone.localdate()
    queryset = form.filter(
        AssistanceRequest.objects.visible_to(request.user).select_related(
            "beneficiary", "category", "assigned_worker"
        ),
        today,
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = [item.beneficiary_id for item in page.object_list]
    log_access(request, None, AccessLog.Action.VIEW_LIST, _("Λίστα αιτημάτων"), shown=shown)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "today": today, "query": query.urlencode()}
    return render(request, "requests/request_list.html", context)


@require_http_methods(["GET", "POST"])
@permission_required("requests.add_assistancerequest", raise_exception=True)
def request_create(request: HttpRequest, beneficiary_pk: int) -> HttpResponse:
    beneficiary = get_case_file(request, beneficiary_pk)
    form = AssistanceRequestForm(posted(request), beneficiary=beneficiary, actor=request.user)
    if form.is_bound:
        with submitted_once(form.token) as once:
            if once.earlier is not None:
                return already_saved(request, reverse("requests:detail", args=[once.earlier.pk]))
            item = _register(request, form, beneficiary)
            if item is not None:
                once.keep(item)
                messages.success(
                    request, _("Το αίτημα καταχωρίστηκε με αρ. πρωτ. %(p)s.") % {"p": item.protocol}
                )
                return redirect("requests:detail", pk=item.pk)
    context = {"form": form, "b": beneficiary, "title": _("Νέο αίτημα")}
    log_form_page(request, beneficiary, context["title"])
    return render(request, "requests/request_form.html", context)


def _register(
    request: HttpRequest, form: AssistanceRequestForm, beneficiary
) -> AssistanceRequest | None:
    """The request saved from a valid form; None, with the refusal on the form, otherwise."""
    if not form.is_valid():
        return None
    data = form.cleaned_data
    try:
        return actions.request_create(
            beneficiary=beneficiary,
            received_at=data["received_at"],
            channel=data["channel"],
            category=data["category"],
            description=data["description"],
            assigned_worker=data["assigned_worker"],
            next_step=data["next_step"],
            actor=request.user,
        )
    except (RequestError, ValidationError) as exc:
        form.add_error(None, getattr(exc, "messages", None) or str(exc))
        return None


@require_GET
@permission_required("requests.view_assistancerequest", raise_exception=True)
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_request(request, pk)
    log_access(
        request, item.beneficiary, AccessLog.Action.VIEW_SECTION, _("Αίτημα %s") % item.protocol
    )
    return _detail_page(request, item, RequestMoveForm(assistance_request=item))


def _detail_page(
    request: HttpRequest,
    item: AssistanceRequest,
    move_form: RequestMoveForm,
    conflict: StaleVersion | None = None,
) -> HttpResponse:
    """The page of one request; after a refused move, with the form as it was sent."""
    letters = list(item.letters.select_related("issued_by", "information_request"))
    panel_templates, panel_context = panels_for(item, request.user)
    context = {
        **panel_context,
        "panel_templates": panel_templates,
        "item": item,
        "b": item.beneficiary,
        "history": item.history.select_related("actor"),
        "information_requests": item.information_requests.all(),
        "letters": letters,
        "moves": allowed_moves(item),
        "move_form": move_form,
        "letter_form": LetterIssueForm(),
        "today": timezone.localdate(),
        "conflict": conflict,
    }
    return render(request, "requests/request_detail.html", context)


def allowed_moves(item: AssistanceRequest) -> list[AssistanceRequest.Status]:
    """The statuses the request may move to, in the order the statuses are declared."""
    return [status for status in AssistanceRequest.Status if item.can_move_to(status)]


@require_http_methods(["GET", "POST"])
@permission_required("requests.change_assistancerequest", raise_exception=True)
def request_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_request(request, pk)
    form = AssistanceRequestEditForm(posted(request), instance=item)
    context = {"form": form, "b": item.beneficiary, "item": item}
    if not form.is_bound:
        log_access(request, item.beneficiary, AccessLog.Action.VIEW_SECTION, _("Επεξεργασία"))
    elif form.is_valid():
        try:
            actions.request_update(
                assistance_request=form.instance,
                expected_version=form.expected_version,
                actor=request.user,
            )
        except StaleVersion as conflict:
            form.carry_version(conflict.version)
            context["conflict"] = describe_conflict(conflict)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Οι αλλαγές του αιτήματος αποθηκεύτηκαν."))
            return redirect("requests:detail", pk=pk)
    context["title"] = _("Επεξεργασία αιτήματος %s") % item.protocol
    return render(request, "requests/request_form.html", context)


@require_POST
@permission_required("requests.change_assistancerequest", raise_exception=True)
def request_move(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_request(request, pk)
    form = RequestMoveForm(request.POST, assistance_request=item)
    if not form.is_valid():  # the page again, with what was typed and why it was refused
        messages.error(request, _("Η αλλαγή κατάστασης δεν έγινε: δείτε τι λείπει."))
        return _detail_page(request, item, form)
    try:
        moved = actions.request_move(
            assistance_request=item,
            to_status=form.cleaned_data["to_status"],
            expected_version=form.expected_version,
            **asdict(form.move()),
            actor=request.user,
        )
    except StaleVersion as conflict:
        # The page again, as the request is now, with the note typed and the current version.
        form.carry_version(conflict.version)
        return _detail_page(request, get_request(request, pk), form, describe_conflict(conflict))
    except RequestError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Το αίτημα είναι τώρα «%s».") % moved.get_status_display())
    return redirect("requests:detail", pk=pk)
