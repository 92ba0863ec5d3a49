"""The ΕΕΕ screening calculator for caseworkers. Nothing is saved and no person is named, so the
page writes no access-log row; the household is described by counts and one amount only."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from community_centre.permissions import EEE_CALCULATOR
from services.forms.calculator import EeeScreeningForm

ASKED = ("adults", "minors", "income_6m")


@require_GET
@permission_required(EEE_CALCULATOR, raise_exception=True)
def eee_calculator(request: HttpRequest) -> HttpResponse:
    # The form travels by GET (nothing is stored): bound once any of its questions is asked.
    asked = any(name in request.GET for name in ASKED)
    initial = {"adults": 1, "minors": 0, "unprotected_children": 0, "on": timezone.localdate()}
    form = EeeScreeningForm(request.GET if asked else None, initial=initial)
    screening = form.screening if asked and form.is_valid() else None
    return render(request, "services/eee_calculator.html", {"form": form, "screening": screening})
