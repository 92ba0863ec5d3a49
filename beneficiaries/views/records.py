"""One pattern for adding or editing a record inside a case file (member, note, need …)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from beneficiaries import actions
from beneficiaries.history import describe_conflict
from beneficiaries.models import Beneficiary
from community_centre.audit import log_form_page
from community_centre.navigation import redirect_after_save, safe_next
from community_centre.submissions import already_saved, posted, posted_files, submitted_once
from community_centre.versions import StaleVersion


def record_form_view(
    request: HttpRequest,
    *,
    beneficiary: Beneficiary,
    form_class,
    title: str,
    done_message: str,
    instance=None,
    actor_field: str | None = None,
    form_kwargs: dict | None = None,
    anchor: str = "",
    save=actions.case_record_save,
) -> HttpResponse:
    """GET shows the form; a valid POST saves through actions (`save`, keyword arguments of
    `actions.case_record_save`) and redirects to the case file (or to a safe `next`).

    Saved once per form (`community_centre.submissions`): the same page sent again lands where
    the first one went."""
    kwargs = form_kwargs or {}
    form = form_class(posted(request), posted_files(request), instance=instance, **kwargs)
    home = safe_next(request) or f"{beneficiary.get_absolute_url()}{anchor}"
    context = {"form": form, "b": beneficiary, "title": title, "next": safe_next(request)}
    if not form.is_bound:
        log_form_page(request, beneficiary, title)
        return render(request, "beneficiaries/record_form.html", context)
    with submitted_once(form.token) as once:
        if once.earlier is not None:
            return already_saved(request, home)
        if form.is_valid():
            try:
                record = save(
                    record=form.save(commit=False),
                    beneficiary=beneficiary,
                    actor=request.user,
                    actor_field=actor_field,
                    expected_version=getattr(form, "expected_version", None),
                )
            except ValidationError as exc:  # a rule of the model that the form could not see
                form.add_error(None, exc.messages)
            except StaleVersion as stale:
                form.carry_version(stale.version)
                context["conflict"] = describe_conflict(stale)
            else:
                once.keep(record)
                messages.success(request, done_message)
                return redirect_after_save(request, home)
    return render(request, "beneficiaries/record_form.html", context)
