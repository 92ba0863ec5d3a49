"""The «show» step of the special categories of a case file: the worker states a purpose, the
access log keeps it, and the values are shown for a short window of that one file
(beneficiaries.special_categories.WINDOW); every later page that displays them logs its own
row. «Hide» closes the window before its time."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from beneficiaries import special_categories
from beneficiaries.models import Beneficiary
from beneficiaries.special_forms import SpecialPurposeForm
from beneficiaries.views import case_file
from beneficiaries.views.common import get_case_file
from community_centre.audit import log_form_page


@require_http_methods(["GET", "POST"])
@permission_required("beneficiaries.view_beneficiary", raise_exception=True)
def special_show(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the purpose form. POST: with a purpose, the case file (or its edit form) showing
    the values; without one, the form again with the message beside the field."""
    beneficiary = get_case_file(request, pk)
    if request.method == "GET":
        log_form_page(request, beneficiary, _("Εμφάνιση ειδικών κατηγοριών δεδομένων"))
        form = SpecialPurposeForm(initial={"then": request.GET.get("then", "file")})
    else:
        form = SpecialPurposeForm(request.POST)
        if form.is_valid():
            return _show(request, beneficiary, form)
    minutes = int(special_categories.WINDOW.total_seconds() // 60)
    back = NEXT.get(form["then"].value(), (None, None))[1]
    back_url = reverse(back, args=[pk]) if back else beneficiary.get_absolute_url()
    context = {"b": beneficiary, "form": form, "window_minutes": minutes, "back_url": back_url}
    return render(request, "beneficiaries/special_purpose.html", context)


# The pages the values are shown on next (SpecialPurposeForm.then): how the access log names
# them, and their URL; any other goes back to the case file.
NEXT = {
    "edit": (gettext_lazy("Επεξεργασία στοιχείων"), "beneficiaries:edit"),
    "rectify": (gettext_lazy("Διόρθωση στοιχείων"), "beneficiaries:rectify"),
}


def _show(request: HttpRequest, beneficiary: Beneficiary, form) -> HttpResponse:
    """Log the «show» with its purpose, open the window, and go to the page that shows them."""
    then = form.cleaned_data["then"]
    if not request.user.has_perm("beneficiaries.change_beneficiary"):
        then = "file"
    page, url_name = NEXT.get(then, (_("Ατομικός φάκελος"), None))
    case_file.log_special(request, beneficiary, str(page), form.purpose_text)
    special_categories.open_window(request, beneficiary.pk, form.purpose_text)
    if url_name is not None:
        return redirect(url_name, pk=beneficiary.pk)
    return redirect(f"{beneficiary.get_absolute_url()}#special")


@require_POST
@permission_required("beneficiaries.view_beneficiary", raise_exception=True)
def special_hide(request: HttpRequest, pk: int) -> HttpResponse:
    beneficiary = get_case_file(request, pk)
    special_categories.close_window(request, beneficiary.pk)
    return redirect(f"{beneficiary.get_absolute_url()}#special")
