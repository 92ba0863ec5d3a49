"""Referrals for staff: a new one from an assistance request or from the case file, the page
of one referral (its draft with disclosure and consent and the «send» button; once sent, what
was disclosed, the moves it may make, its history), the moves and the withdrawal of consent.
Every page shows a person and is in the access log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db import transaction
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
from referrals.actions import referral as actions
from referrals.exceptions import ReferralError
from referrals.forms import (
    ConsentWithdrawForm,
    ReferralCreateForm,
    ReferralDraftForm,
    ReferralFromCaseFileForm,
    ReferralMoveForm,
    show_problems,
)
from referrals.models import Referral
from requests.views.assistance import get_request


def get_referral(request: HttpRequest, pk: int) -> Referral:
    """The referral `pk` with its person, request, body and service, if the user may see it."""
    queryset = Referral.objects.visible_to(request.user).select_related(
        "beneficiary__settlement", "assistance_request__category", "body", "service",
        "referred_by",
    )  # fmt: skip
    return get_object_or_404(queryset, pk=pk)


def _created(request: HttpRequest, referral: Referral) -> HttpResponse:
    messages.success(request, _("Η παραπομπή καταχωρίστηκε ως πρόχειρη: επιλέξτε τι "
                                "γνωστοποιείται και τη συναίνεση, και στείλτε τη."))  # fmt: skip
    return redirect("referrals:edit", pk=referral.pk)


@require_http_methods(["GET", "POST"])
@permission_required("referrals.add_referral", raise_exception=True)
def create_for_request(request: HttpRequest, request_pk: int) -> HttpResponse:
    item = get_request(request, request_pk)
    form = ReferralCreateForm(posted(request))
    if form.is_bound:
        with submitted_once(form.token) as once:
            if once.earlier is not None:
                return already_saved(request, reverse("referrals:edit", args=[once.earlier.pk]))
            if form.is_valid():
                try:
                    referral = actions.referral_create(
                        assistance_request=item, **_target(form), actor=request.user
                    )
                except ReferralError as exc:
                    show_problems(form, exc)
                else:
                    return _created(request, once.keep(referral))
    context = {"form": form, "b": item.beneficiary, "item": item, "title": _("Νέα παραπομπή")}
    log_form_page(request, item.beneficiary, context["title"])
    return render(request, "referrals/referral_create.html", context)


def _target(form) -> dict:
    data = form.cleaned_data
    return {key: data[key] for key in ("body", "service", "reason", "urgency")}


@require_http_methods(["GET", "POST"])
@permission_required("referrals.add_referral", raise_exception=True)
def create_for_case_file(request: HttpRequest, beneficiary_pk: int) -> HttpResponse:
    beneficiary = get_case_file(request, beneficiary_pk)
    form = ReferralFromCaseFileForm(posted(request), beneficiary=beneficiary)
    if form.is_bound:
        with submitted_once(form.token) as once:
            if once.earlier is not None:
                return already_saved(request, reverse("referrals:edit", args=[once.earlier.pk]))
            if form.is_valid():
                try:
                    referral = actions.referral_create_from_case_file(
                        beneficiary=beneficiary,
                        assistance_request=form.cleaned_data["assistance_request"],
                        **_target(form),
                        actor=request.user,
                    )
                except (ReferralError, ValidationError) as exc:
                    _refused(form, exc)
                else:
                    return _created(request, once.keep(referral))
    context = {"form": form, "b": beneficiary, "title": _("Νέα παραπομπή")}
    log_form_page(request, beneficiary, context["title"])
    return render(request, "referrals/referral_create.html", context)


def _refused(form, exc: Exception) -> None:
    if isinstance(exc, ReferralError):
        show_problems(form, exc)
    else:
        form.add_error(None, getattr(exc, "messages", None) or str(exc))


@require_GET
@permission_required("referrals.view_referral", raise_exception=True)
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    referral = get_referral(request, pk)
    if referral.is_draft:
        return redirect("referrals:edit", pk=pk)
    log_access(request, referral.beneficiary, AccessLog.Action.VIEW_SECTION,
               _("Παραπομπή %s") % referral.protocol)  # fmt: skip
    return _detail_page(request, referral, ReferralMoveForm(referral=referral))


def _detail_page(request, referral, move_form, conflict=None, withdraw_form=None) -> HttpResponse:
    context = {
        "referral": referral,
        "b": referral.beneficiary,
        "history": referral.history.select_related("actor"),
        "moves": [s for s in Referral.Status if referral.can_move_to(s)],
        "move_form": move_form,
        "withdraw_form": withdraw_form
        or ConsentWithdrawForm(referral=referral, initial={"withdrawn_on": timezone.localdate()}),
        "conflict": conflict,
        "overdue": referral.is_overdue_on(timezone.localdate()),
    }
    return render(request, "referrals/referral_detail.html", context)


@require_http_methods(["GET", "POST"])
@permission_required("referrals.change_referral", raise_exception=True)
def referral_edit(request: HttpRequest, pk: int) -> HttpResponse:
    referral = get_referral(request, pk)
    if not referral.is_draft:
        return redirect("referrals:detail", pk=pk)
    context = {
        "referral": referral,
        "b": referral.beneficiary,
        "move_form": ReferralMoveForm(referral=referral),  # to revoke the draft
        "moves": [Referral.Status.REVOKED],
    }
    form = context["form"] = ReferralDraftForm(posted(request), instance=referral)
    if not form.is_bound:
        log_access(request, referral.beneficiary, AccessLog.Action.VIEW_SECTION,
                   _("Πρόχειρη παραπομπή"))  # fmt: skip
    else:
        with submitted_once(form.token) as once:
            if once.earlier is not None:
                return already_saved(request, reverse("referrals:detail", args=[pk]))
            saved = _save_draft(request, form, context)
            if saved is not None:
                once.keep(saved)
                return redirect("referrals:detail" if not saved.is_draft else "referrals:edit",
                                pk=pk)  # fmt: skip
    return render(request, "referrals/referral_form.html", context)


def _save_draft(request: HttpRequest, form: ReferralDraftForm, context: dict) -> Referral | None:
    """The draft saved (and sent, with the «send» button), all or nothing; None with the
    refusal on the form, which keeps what was typed."""
    if not form.is_valid():
        return None
    try:
        with transaction.atomic():
            saved = actions.referral_update(
                referral=form.instance, documents=list(form.cleaned_data["documents"]),
                expected_version=form.expected_version, actor=request.user,
            )  # fmt: skip
            if form.sending:
                saved = actions.referral_send(
                    referral=saved, expected_version=saved.updated_at, actor=request.user
                )
    except StaleVersion as conflict:
        form.carry_version(conflict.version)
        context["conflict"] = describe_conflict(conflict)
        return None
    except (ReferralError, ValidationError) as exc:
        _refused(form, exc)
        return None
    if saved.is_draft:
        messages.success(request, _("Η πρόχειρη παραπομπή αποθηκεύτηκε."))
    else:
        messages.success(
            request,
            _("Η παραπομπή στάλθηκε με αρ. πρωτ. %(p)s· παρακολούθηση έως %(d)s.")
            % {"p": saved.protocol, "d": saved.follow_up_on.strftime("%d/%m/%Y")},
        )
    return saved


@require_POST
@permission_required("referrals.change_referral", raise_exception=True)
def referral_move(request: HttpRequest, pk: int) -> HttpResponse:
    referral = get_referral(request, pk)
    form = ReferralMoveForm(request.POST, referral=referral)
    if not form.is_valid():  # the page again, with what was typed and why it was refused
        messages.error(request, _("Η αλλαγή κατάστασης δεν έγινε: δείτε τι λείπει."))
        return _detail_page(request, referral, form)
    data = form.cleaned_data
    try:
        moved = actions.referral_move(
            referral=referral, to_status=data["to_status"],
            expected_version=form.expected_version, note=data["note"],
            confirmed=bool(data["confirm"]), confirmed_by_phone_on=data["confirmed_by_phone_on"],
            actor=request.user,
        )  # fmt: skip
    except StaleVersion as conflict:
        form.carry_version(conflict.version)
        return _detail_page(request, get_referral(request, pk), form, describe_conflict(conflict))
    except (ReferralError, ValidationError) as exc:
        _refused(form, exc)
        messages.error(request, _("Η αλλαγή κατάστασης δεν έγινε: δείτε τι λείπει."))
        return _detail_page(request, referral, form)
    messages.success(request, _("Η παραπομπή είναι τώρα «%s».") % moved.get_status_display())
    return redirect("referrals:detail", pk=pk)


@require_POST
@permission_required("referrals.change_referral", raise_exception=True)
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    referral = get_referral(request, pk)
    form = ConsentWithdrawForm(request.POST, referral=referral)
    move_form = ReferralMoveForm(referral=referral)
    if not form.is_valid():
        return _detail_page(request, referral, move_form, withdraw_form=form)
    try:
        actions.referral_withdraw_consent(
            referral=referral, expected_version=form.expected_version,
            withdrawn_on=form.cleaned_data["withdrawn_on"], note=form.cleaned_data["note"],
            actor=request.user,
        )  # fmt: skip
    except StaleVersion as conflict:
        form.carry_version(conflict.version)
        current = get_referral(request, pk)
        return _detail_page(request, current, ReferralMoveForm(referral=current),
                            describe_conflict(conflict), withdraw_form=form)  # fmt: skip
    except (ReferralError, ValidationError) as exc:
        _refused(form, exc)
        return _detail_page(request, referral, move_form, withdraw_form=form)
    messages.success(request, _("Η ανάκληση της συναίνεσης καταχωρίστηκε· ο φορέας δεν βλέπει "
                                "πια τα στοιχεία."))  # fmt: skip
    return redirect("referrals:detail", pk=pk)
