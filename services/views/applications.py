"""Benefit applications for staff: the list, a new one from the case file, the page of one
application (members, ΕΕΕ screening, checklist with a form per line, submission and decision,
history), its corrections, a line ticked, a status move and «Ζήτηση ελλειπόντων». Every page
shows a person and is in the access log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
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
from services import checklist
from services.actions import applications as actions
from services.eee import ScreeningError, screen
from services.forms.applications import (
    ApplicationFilterForm,
    ApplicationForm,
    LineForm,
    MoveForm,
    RequestMissingForm,
    member_label,
    show_problems,
)
from services.models import BenefitApplication

PAGE_SIZE = 25
CHANGE = "services.change_benefitapplication"
LINE_RELATED = ("document_type", "member", "document", "requested_item__received_document",
                "requested_item__document_request")  # fmt: skip


def get_application(request: HttpRequest, pk: int) -> BenefitApplication:
    """The application `pk` with its person and programme, if the user may see it; else 404."""
    queryset = BenefitApplication.objects.visible_to(request.user).select_related(
        "beneficiary", "programme", "worker", "document_request"
    )
    return get_object_or_404(queryset, pk=pk)


def detail_url(application: BenefitApplication) -> str:
    return reverse("services:application_detail", args=[application.pk])


# --- the list ---------------------------------------------------------------------------------


@require_GET
@permission_required("services.view_benefitapplication", raise_exception=True)
def application_list(request: HttpRequest) -> HttpResponse:
    form = ApplicationFilterForm(request.GET)
    today = timezone.localdate()
    queryset = form.filter(
        BenefitApplication.objects.visible_to(request.user), checklist.renewals_due_until(today)
    )
    rows = (queryset.select_related("beneficiary", "programme", "worker").only(
        *(f.name for f in BenefitApplication._meta.concrete_fields if f.name != "notes"),
        "beneficiary__surname", "beneficiary__given_name", "programme__name",
        "worker__first_name", "worker__last_name", "worker__username",
    ).annotate(missing=checklist.missing_count(today)))  # fmt: skip
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    checklist.glance(page.object_list, today)
    shown = [application.beneficiary_id for application in page.object_list]
    log_access(request, None, AccessLog.Action.VIEW_LIST, _("Λίστα αιτήσεων παροχών"), shown=shown)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "today": today, "query": query.urlencode()}
    return render(request, "services/application_list.html", context)


# --- create and edit --------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@permission_required("services.add_benefitapplication", raise_exception=True)
def application_create(request: HttpRequest, beneficiary_pk: int) -> HttpResponse:
    beneficiary = get_case_file(request, beneficiary_pk)
    form = ApplicationForm(posted(request), beneficiary=beneficiary)
    if form.is_bound:
        with submitted_once(form.token) as once:
            if once.earlier is not None:
                return already_saved(request, detail_url(once.earlier))
            if form.is_valid():
                try:
                    application = actions.application_create(
                        beneficiary=beneficiary,
                        programme=form.cleaned_data["programme"],
                        members=list(form.cleaned_data["covered_members"]),
                        screening=form.screening(),
                        notes=form.cleaned_data.get("notes", ""),
                        actor=request.user,
                    )
                except actions.ApplicationError as exc:
                    show_problems(form, exc)
                else:
                    once.keep(application)
                    messages.success(request, _("Η αίτηση καταχωρίστηκε σε προετοιμασία: "
                                                "σημειώστε τα δικαιολογητικά."))  # fmt: skip
                    return redirect(detail_url(application))
    title = _("Νέα αίτηση παροχής")
    log_form_page(request, beneficiary, title)
    return render(request, "services/application_form.html",
                  {"form": form, "b": beneficiary, "title": title})  # fmt: skip


@require_http_methods(["GET", "POST"])
@permission_required(CHANGE, raise_exception=True)
def application_edit(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_application(request, pk)
    form = ApplicationForm(posted(request), instance=application,
                           beneficiary=application.beneficiary)  # fmt: skip
    title = _("Επεξεργασία αίτησης: %s") % application.programme
    context = {"form": form, "b": application.beneficiary, "application": application,
               "title": title}  # fmt: skip
    log_form_page(request, application.beneficiary, title)
    if form.is_bound and form.is_valid():
        try:
            actions.application_update(
                application=form.instance, members=list(form.cleaned_data["covered_members"]),
                expected_version=form.expected_version, actor=request.user,
            )  # fmt: skip
        except StaleVersion as conflict:
            form.carry_version(conflict.version)
            context["conflict"] = describe_conflict(conflict)
        except actions.ApplicationError as exc:
            show_problems(form, exc)
        else:
            messages.success(request, _("Οι αλλαγές της αίτησης αποθηκεύτηκαν."))
            return redirect(detail_url(application))
    return render(request, "services/application_form.html", context)


# --- the page of one application -----------------------------------------------------------


def _screening(application: BenefitApplication, members, today):
    """The ΕΕΕ screening of the application's household (None for another programme or while
    no income is declared), or the reason it cannot be computed (a string)."""
    if not application.programme.is_eee or application.income_6m is None:
        return None
    adults, minors = checklist.household_counts(members, today)
    try:
        return screen(
            adults=adults, minors=minors, single_parent=application.single_parent,
            unprotected_children=application.unprotected_children,
            income_6m=application.income_6m, on=today,
        )  # fmt: skip
    except ScreeningError as exc:
        return str(exc)


def _detail_page(request, application, *, line_form=None, move_form=None, request_form=None,
                 conflict=None, status=200) -> HttpResponse:  # fmt: skip
    today = timezone.localdate()
    members = list(application.covered_members.order_by("date_of_birth", "pk"))
    lines = list(application.items.select_related(*LINE_RELATED))
    may_change = request.user.has_perm(CHANGE) and application.is_open
    documents = []
    if may_change:
        documents = list(application.beneficiary.documents.order_by("-uploaded_at"))
    rows = []
    for line in lines:
        form = None
        if may_change:
            refused = line_form is not None and line_form.line.pk == line.pk
            form = line_form if refused else LineForm(line=line, documents=documents)
        rows.append((line, checklist.line_state(line, today), form))
    screening = _screening(application, members, today)
    move_forms = _move_forms(application, move_form)
    context = {
        "application": application,
        "b": application.beneficiary,
        "members": [(m, member_label(m, today)) for m in members],
        "rows": rows,
        "tally": checklist.tally(lines, today),
        "to_request": sum(checklist.is_to_request(line, today) for line in lines),
        "screening": screening if not isinstance(screening, str) else None,
        "screening_problem": screening if isinstance(screening, str) else "",
        "move_forms": move_forms,
        # The refused move form, or the first one offered (what a page of one move would hold).
        "move_form": move_form or (move_forms[0][1] if move_forms else None),
        "request_form": request_form or RequestMissingForm(application=application),
        "history": application.history.select_related("actor"),
        "may_change": may_change,
        "conflict": conflict,
        "today": today,
        "renewal_from": checklist.reminder_from(application.renewal_on)
        if application.renewal_on
        else None,
    }
    return render(request, "services/application_detail.html", context, status=status)


def _move_forms(application, refused: MoveForm | None) -> list[tuple[str, MoveForm]]:
    """A form per allowed move; the refused one as it was sent, with its errors."""
    forms = []
    for status in BenefitApplication.Status:
        if not application.can_move_to(status):
            continue
        if refused is not None and refused.data.get("to_status") == status:
            forms.append((status, refused))
        else:
            forms.append((status, MoveForm(application=application, initial={"to_status": status})))
    return forms


@require_GET
@permission_required("services.view_benefitapplication", raise_exception=True)
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_application(request, pk)
    log_access(request, application.beneficiary, AccessLog.Action.VIEW_SECTION,
               _("Αίτηση παροχής: %s") % application.programme)  # fmt: skip
    return _detail_page(request, application)


@require_POST
@permission_required(CHANGE, raise_exception=True)
def application_line(request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
    application = get_application(request, pk)
    line = get_object_or_404(application.items.select_related(*LINE_RELATED), pk=line_pk)
    documents = list(application.beneficiary.documents.order_by("-uploaded_at"))
    form = LineForm(request.POST, line=line, documents=documents)
    if not form.is_valid():
        return _detail_page(request, application, line_form=form)
    data = form.cleaned_data
    try:
        actions.application_line_set(
            line=line, state=data["state"], document=data["document"],
            collected_on=data["collected_on"], expected_version=form.expected_version,
            actor=request.user,
        )  # fmt: skip
    except StaleVersion as conflict:
        form.carry_version(conflict.version)
        return _detail_page(request, application, line_form=form,
                            conflict=describe_conflict(conflict))  # fmt: skip
    except actions.ApplicationError as exc:
        if not application.is_open:
            messages.error(request, str(exc))
            return redirect(detail_url(application))
        show_problems(form, exc)
        return _detail_page(request, application, line_form=form)
    messages.success(request, _("«%(name)s»: %(state)s.") % {
        "name": line.document_type, "state": dict(form.fields["state"].choices)[data["state"]]
    })  # fmt: skip
    return redirect(f"{detail_url(application)}#line-{line.pk}")


@require_POST
@permission_required(CHANGE, raise_exception=True)
def application_move(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_application(request, pk)
    form = MoveForm(request.POST, application=application)
    refused = _("Η αλλαγή κατάστασης δεν έγινε: δείτε τι λείπει.")
    if not form.is_valid():
        messages.error(request, refused)
        return _detail_page(request, application, move_form=form)
    try:
        moved = actions.application_move(
            application=application, to_status=form.cleaned_data["to_status"], move=form.move(),
            expected_version=form.expected_version, actor=request.user,
        )  # fmt: skip
    except StaleVersion as conflict:
        form.carry_version(conflict.version)
        return _detail_page(request, get_application(request, pk), move_form=form,
                            conflict=describe_conflict(conflict))  # fmt: skip
    except actions.ApplicationError as exc:
        show_problems(form, exc)
        messages.error(request, refused)
        return _detail_page(request, application, move_form=form)
    messages.success(request, _("Η αίτηση είναι τώρα «%s».") % moved.get_status_display())
    return redirect(detail_url(application))


@require_POST
@permission_required(CHANGE, raise_exception=True)
def application_request_missing(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_application(request, pk)
    form = RequestMissingForm(request.POST, application=application)
    with submitted_once(form.token) as once:
        if once.earlier is not None:
            return already_saved(request, detail_url(application))
        if not form.is_valid():
            return _detail_page(request, application, request_form=form)
        try:
            docreq = actions.application_request_missing(
                application=application, due_working_days=form.cleaned_data["due_working_days"],
                expected_version=form.expected_version, actor=request.user,
            )  # fmt: skip
        except StaleVersion as conflict:
            form.carry_version(conflict.version)
            return _detail_page(request, get_application(request, pk), request_form=form,
                                conflict=describe_conflict(conflict))  # fmt: skip
        except actions.ApplicationError as exc:
            show_problems(form, exc)
            return _detail_page(request, application, request_form=form)
        once.keep(docreq)
    message = _("Ζητήθηκαν τα δικαιολογητικά που λείπουν, έως %(day)s. Εκτυπώστε τη λίστα.")
    messages.success(request, message % {"day": f"{docreq.due_date:%d/%m/%Y}"})
    return redirect(detail_url(application))
