"""The partner directory for staff: search by name, need and settlement; a body with its
services; bodies and services created and corrected in the application. The directory holds no
personal data, so its pages are not in the access log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from beneficiaries.history import describe_conflict
from community_centre.submissions import already_saved, posted, submitted_once
from community_centre.versions import StaleVersion
from referrals.actions import directory as actions
from referrals.forms import DirectorySearchForm, PartnerBodyForm, PartnerServiceForm
from referrals.models import PartnerBody, PartnerService


def _bodies(request: HttpRequest):
    return PartnerBody.objects.visible_to(request.user)


def _with_services(queryset):
    services = PartnerService.objects.filter(is_active=True).prefetch_related("need_categories")
    return queryset.select_related("settlement").prefetch_related(
        Prefetch("services", queryset=services, to_attr="active_services")
    )


@require_GET
@permission_required("referrals.view_partnerbody", raise_exception=True)
def directory(request: HttpRequest) -> HttpResponse:
    form = DirectorySearchForm(request.GET)
    bodies = _with_services(form.filter(_bodies(request).filter(is_helpline=False)))
    context = {
        "form": form,
        "bodies": bodies.order_by("-is_active", "name"),
        "helplines": _bodies(request).helplines(),
    }
    return render(request, "referrals/directory.html", context)


@require_GET
@permission_required("referrals.view_partnerbody", raise_exception=True)
def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    body = get_object_or_404(_bodies(request).select_related("settlement"), pk=pk)
    services = body.services.prefetch_related("need_categories", "required_document_types")
    return render(request, "referrals/body_detail.html", {"body": body, "services": services})


@require_http_methods(["GET", "POST"])
@permission_required("referrals.add_partnerbody", raise_exception=True)
def body_create(request: HttpRequest) -> HttpResponse:
    form = PartnerBodyForm(posted(request))
    if form.is_bound:
        with submitted_once(form.token) as once:
            if once.earlier is not None:
                return already_saved(
                    request, reverse("referrals:body_detail", args=[once.earlier.pk])
                )
            if form.is_valid():
                body = once.keep(
                    actions.partner_body_create(body=form.instance, actor=request.user)
                )
                messages.success(request, _("Ο φορέας «%s» καταχωρίστηκε.") % body.name)
                return redirect("referrals:body_detail", pk=body.pk)
    context = {
        "form": form,
        "title": _("Νέος φορέας"),
        "cancel_url": reverse("referrals:directory"),
    }
    return render(request, "referrals/directory_form.html", context)


@require_http_methods(["GET", "POST"])
@permission_required("referrals.change_partnerbody", raise_exception=True)
def body_edit(request: HttpRequest, pk: int) -> HttpResponse:
    body = get_object_or_404(_bodies(request), pk=pk)
    form = PartnerBodyForm(posted(request), instance=body)
    context = {"form": form, "body": body, "title": _("Επεξεργασία: %s") % body.name,
               "cancel_url": reverse("referrals:body_detail", args=[pk])}  # fmt: skip
    if form.is_bound and form.is_valid():
        try:
            actions.partner_body_update(
                body=form.instance, expected_version=form.expected_version, actor=request.user
            )
        except StaleVersion as conflict:
            form.carry_version(conflict.version)
            context["conflict"] = describe_conflict(conflict)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Οι αλλαγές του φορέα αποθηκεύτηκαν."))
            return redirect("referrals:body_detail", pk=pk)
    return render(request, "referrals/directory_form.html", context)


@require_http_methods(["GET", "POST"])
@permission_required("referrals.add_partnerservice", raise_exception=True)
def service_create(request: HttpRequest, body_pk: int) -> HttpResponse:
    body = get_object_or_404(_bodies(request), pk=body_pk)
    form = PartnerServiceForm(posted(request), body=body)
    if form.is_bound:
        with submitted_once(form.token) as once:
            if once.earlier is not None:
                return already_saved(request, reverse("referrals:body_detail", args=[body.pk]))
            if form.is_valid():
                once.keep(_save_service(request, form))
                messages.success(request, _("Η υπηρεσία καταχωρίστηκε."))
                return redirect("referrals:body_detail", pk=body.pk)
    context = {"form": form, "body": body, "title": _("Νέα υπηρεσία: %s") % body.name,
               "cancel_url": reverse("referrals:body_detail", args=[body.pk])}  # fmt: skip
    return render(request, "referrals/directory_form.html", context)


@require_http_methods(["GET", "POST"])
@permission_required("referrals.change_partnerservice", raise_exception=True)
def service_edit(request: HttpRequest, pk: int) -> HttpResponse:
    service = get_object_or_404(
        PartnerService.objects.visible_to(request.user).select_related("body"), pk=pk
    )
    form = PartnerServiceForm(posted(request), instance=service, body=service.body)
    context = {"form": form, "body": service.body,
               "title": _("Επεξεργασία υπηρεσίας: %s") % service.name,
               "cancel_url": reverse("referrals:body_detail", args=[service.body_id])}  # fmt: skip
    if form.is_bound and form.is_valid():
        try:
            _save_service(request, form)
        except StaleVersion as conflict:
            form.carry_version(conflict.version)
            context["conflict"] = describe_conflict(conflict)
        else:
            messages.success(request, _("Οι αλλαγές της υπηρεσίας αποθηκεύτηκαν."))
            return redirect("referrals:body_detail", pk=service.body_id)
    return render(request, "referrals/directory_form.html", context)


def _save_service(request: HttpRequest, form: PartnerServiceForm) -> PartnerService:
    data = form.cleaned_data
    return actions.partner_service_save(
        service=form.instance,
        document_types=data["required_document_types"],
        need_categories=data["need_categories"],
        expected_version=form.expected_version,
        actor=request.user,
    )
