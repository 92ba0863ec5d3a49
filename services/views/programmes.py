"""The programme catalogue for staff: the list, a programme with its checklist, programmes and
checklist lines created, corrected and removed in the application (a programme is taken out of
use, never deleted). The catalogue holds no personal data, so its pages are not in the access
log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from beneficiaries.history import describe_conflict
from community_centre.submissions import already_saved, posted, submitted_once
from community_centre.versions import StaleVersion
from services.actions import programmes as actions
from services.forms.programmes import ProgrammeDocumentForm, ProgrammeForm
from services.models import Programme, ProgrammeDocument

FORM_TEMPLATE = "services/programme_form.html"


def _programmes(request: HttpRequest):
    return Programme.objects.visible_to(request.user)


def get_programme(request: HttpRequest, pk: int) -> Programme:
    return get_object_or_404(_programmes(request), pk=pk)


def get_line(request: HttpRequest, pk: int, line_pk: int) -> ProgrammeDocument:
    programme = get_programme(request, pk)
    return get_object_or_404(programme.checklist.select_related("programme"), pk=line_pk)


def _detail_url(pk: int) -> str:
    return reverse("services:programme_detail", args=[pk])


@require_GET
@permission_required("services.view_programme", raise_exception=True)
def programme_list(request: HttpRequest) -> HttpResponse:
    programmes = _programmes(request).prefetch_related("checklist")
    return render(request, "services/programme_list.html", {"programmes": programmes})


@require_GET
@permission_required("services.view_programme", raise_exception=True)
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_programme(request, pk)
    lines = programme.checklist.select_related("document_type")
    return render(request, "services/programme_detail.html", {"programme": programme,
                                                              "lines": lines})  # fmt: skip


@require_http_methods(["GET", "POST"])
@permission_required("services.add_programme", raise_exception=True)
def programme_create(request: HttpRequest) -> HttpResponse:
    form = ProgrammeForm(posted(request))
    if form.is_bound:
        with submitted_once(form.token) as once:
            if once.earlier is not None:
                return already_saved(request, _detail_url(once.earlier.pk))
            if form.is_valid():
                programme = once.keep(
                    actions.programme_create(programme=form.instance, actor=request.user)
                )
                messages.success(request, _("Το πρόγραμμα «%s» καταχωρίστηκε.") % programme.name)
                return redirect(_detail_url(programme.pk))
    context = {"form": form, "title": _("Νέο πρόγραμμα"),
               "cancel_url": reverse("services:programme_list")}  # fmt: skip
    return render(request, FORM_TEMPLATE, context)


@require_http_methods(["GET", "POST"])
@permission_required("services.change_programme", raise_exception=True)
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_programme(request, pk)
    form = ProgrammeForm(posted(request), instance=programme)
    context = {"form": form, "programme": programme, "cancel_url": _detail_url(pk),
               "title": _("Επεξεργασία: %s") % programme.name}  # fmt: skip
    if form.is_bound and form.is_valid():
        try:
            actions.programme_update(
                programme=form.instance, expected_version=form.expected_version, actor=request.user
            )
        except StaleVersion as conflict:
            form.carry_version(conflict.version)
            context["conflict"] = describe_conflict(conflict)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Οι αλλαγές του προγράμματος αποθηκεύτηκαν."))
            return redirect(_detail_url(pk))
    return render(request, FORM_TEMPLATE, context)


@require_http_methods(["GET", "POST"])
@permission_required("services.add_programmedocument", raise_exception=True)
def line_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_programme(request, pk)
    form = ProgrammeDocumentForm(posted(request), programme=programme)
    if form.is_bound:
        with submitted_once(form.token) as once:
            if once.earlier is not None:
                return already_saved(request, _detail_url(pk))
            if form.is_valid() and _save_line(request, form):
                once.keep(form.instance)
                messages.success(request, _("Το δικαιολογητικό προστέθηκε στη λίστα."))
                return redirect(_detail_url(pk))
    context = {"form": form, "programme": programme, "cancel_url": _detail_url(pk),
               "title": _("Νέο δικαιολογητικό: %s") % programme.name}  # fmt: skip
    return render(request, FORM_TEMPLATE, context)


@require_http_methods(["GET", "POST"])
@permission_required("services.change_programmedocument", raise_exception=True)
def line_edit(request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
    line = get_line(request, pk, line_pk)
    form = ProgrammeDocumentForm(posted(request), instance=line, programme=line.programme)
    context = {"form": form, "programme": line.programme, "cancel_url": _detail_url(pk),
               "title": _("Επεξεργασία δικαιολογητικού: %s") % line.programme.name}  # fmt: skip
    if form.is_bound and form.is_valid():
        try:
            saved = _save_line(request, form)
        except StaleVersion as conflict:
            form.carry_version(conflict.version)
            context["conflict"] = describe_conflict(conflict)
        else:
            if saved:
                messages.success(request, _("Οι αλλαγές του δικαιολογητικού αποθηκεύτηκαν."))
                return redirect(_detail_url(pk))
    return render(request, FORM_TEMPLATE, context)


def _save_line(request: HttpRequest, form: ProgrammeDocumentForm) -> bool:
    """Save the line; False with the refusal (the same document twice) on the form."""
    try:
        actions.programme_document_save(
            line=form.instance, expected_version=form.expected_version, actor=request.user
        )
    except ValidationError as exc:
        form.add_error(None, exc.messages)
        return False
    return True


@require_POST
@permission_required("services.delete_programmedocument", raise_exception=True)
def line_remove(request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
    line = get_line(request, pk, line_pk)
    actions.programme_document_remove(line=line, actor=request.user)
    messages.success(request, _("Το δικαιολογητικό «%s» αφαιρέθηκε από τη λίστα.")
                     % line.document_type)  # fmt: skip
    return redirect(_detail_url(pk))
