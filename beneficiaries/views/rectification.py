"""Rectification of a case file at the person's request (art. 16 GDPR)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from beneficiaries import special_categories
from beneficiaries.history import describe_conflict
from beneficiaries.models import Beneficiary, HouseholdMember
from beneficiaries.rectification import (
    RectificationError,
    beneficiary_rectify,
    described,
    member_rectify,
)
from beneficiaries.rectification_form import MemberRectificationForm, RectificationForm
from beneficiaries.views.case_file import special_in_form, warn_if_special_expired
from beneficiaries.views.common import get_case_file, get_record
from community_centre.audit import log_form_page
from community_centre.submissions import already_saved, posted, submitted_once
from community_centre.versions import StaleVersion

TEMPLATE = "beneficiaries/beneficiary_rectify.html"
EARLIER_SHOWN = 10
MEMBER_INTRO = gettext_lazy(
    "Όταν το μέλος (ή το πρόσωπο για λογαριασμό του) ζητά να διορθωθούν ανακριβή στοιχεία του. "
    "Καταχωρίζονται η παλιά και η νέα τιμή με την αιτιολογία, και κάθε φορέας που έλαβε τη "
    "σύνθεση του νοικοκυριού με παραπομπή θα πρέπει να ενημερωθεί."
)


@require_http_methods(["GET", "POST"])
@permission_required("beneficiaries.change_beneficiary", raise_exception=True)
def beneficiary_rectify_view(request: HttpRequest, pk: int) -> HttpResponse:
    beneficiary = get_case_file(request, pk)
    log_form_page(request, beneficiary, _("Διόρθωση στοιχείων (άρθρο 16 ΓΚΠΔ)"))
    # The special categories are in the form only while their window is open (a purpose stated).
    special = special_categories.window_purpose(request, beneficiary.pk) is not None
    form = RectificationForm(posted(request), instance=beneficiary, special=special)
    context = {"form": form, "b": beneficiary, "earlier": _earlier(beneficiary),
               "household": list(beneficiary.household.all())}  # fmt: skip

    def save():
        return beneficiary_rectify(
            beneficiary=Beneficiary(pk=pk), changes=form.changes(), **form.request_data(),
            expected_version=form.expected_version, actor=request.user,
        )  # fmt: skip

    if form.is_bound:
        done = _submit(request, form, context, save, beneficiary.get_absolute_url())
        if done is not None:
            warn_if_special_expired(request, special)
            return done
    context |= special_in_form(request, beneficiary, form, _("Διόρθωση στοιχείων"), "rectify")
    return render(request, TEMPLATE, context)


@require_http_methods(["GET", "POST"])
@permission_required("beneficiaries.change_householdmember", raise_exception=True)
def member_rectify_view(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    """A household member's details corrected at the request of the member (or of the person
    for them): as the case file's, with a reason and a task for each body that was given the
    household."""
    beneficiary = get_case_file(request, pk)
    member = get_record(request, HouseholdMember, beneficiary, member_pk)
    title = _("Διόρθωση στοιχείων μέλους νοικοκυριού (άρθρο 16 ΓΚΠΔ)")
    form = MemberRectificationForm(posted(request), instance=member)
    context = {"form": form, "b": beneficiary, "title": title, "member": member,
               "save_label": _("Καταχώριση διόρθωσης"), "intro": MEMBER_INTRO}  # fmt: skip

    def save():
        return member_rectify(
            member=member, changes=form.changes(), **form.request_data(),
            expected_version=form.expected_version, actor=request.user,
        )  # fmt: skip

    if not form.is_bound:
        log_form_page(request, beneficiary, title)
    elif (done := _submit(request, form, context, save, _household_url(beneficiary))) is not None:
        return done
    return render(request, "beneficiaries/record_form.html", context)


def _submit(request: HttpRequest, form, context: dict, save, done_url: str):
    """Save a posted rectification once (`save()`); the redirect to `done_url` when saved, or
    None with the form's errors or the conflict in `context` to show the page again."""
    with submitted_once(form.token) as once:
        if once.earlier is not None:
            return already_saved(request, done_url)
        if not form.is_valid():
            return None
        try:
            once.keep(save())
        except StaleVersion as conflict:
            form.carry_version(conflict.version)
            context["conflict"] = describe_conflict(conflict)
        except RectificationError as refused:
            form.add_error(None, ValidationError(str(refused), code=refused.code))
        else:
            messages.success(request, _("Η διόρθωση καταχωρίστηκε με την αιτιολογία της."))
            return redirect(done_url)
    return None


def _household_url(beneficiary: Beneficiary) -> str:
    return f"{beneficiary.get_absolute_url()}#household"


def _earlier(beneficiary: Beneficiary) -> list:
    earlier = list(beneficiary.rectifications.select_related("actor", "member")[:EARLIER_SHOWN])
    described(earlier)
    return earlier
