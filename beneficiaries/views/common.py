"""The access gate every case-file view goes through."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from beneficiaries.models import Beneficiary


def get_case_file(request: HttpRequest, pk: int, *, for_update: bool = False) -> Beneficiary:
    """The case file `pk` if the user may open it; 404 otherwise (out of scope looks absent)."""
    qs = Beneficiary.objects.visible_to(request.user).select_related(
        "settlement", "assigned_worker", "legal_hold_by"
    )
    if for_update:
        qs = qs.select_for_update()
    return get_object_or_404(qs, pk=pk)


def get_record(request: HttpRequest, model, beneficiary: Beneficiary, pk: int):
    """A record of `beneficiary`'s case file, through the model's own access gate."""
    return get_object_or_404(model.objects.visible_to(request.user), beneficiary=beneficiary, pk=pk)
