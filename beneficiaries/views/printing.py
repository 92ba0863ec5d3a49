"""The GDPR information-and-consent form: recorded in the file and printed for signature."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from beneficiaries.record_forms import ConsentForm
from beneficiaries.views.common import get_case_file
from beneficiaries.views.records import record_form_view
from community_centre.audit import log_access
from community_centre.models import AccessLog, CentreProfile
from community_centre.pdf import pdf_response, render_pdf


@require_http_methods(["GET", "POST"])
@permission_required("beneficiaries.add_consent", raise_exception=True)
def consent_create(request: HttpRequest, pk: int) -> HttpResponse:
    beneficiary = get_case_file(request, pk)
    return record_form_view(
        request,
        beneficiary=beneficiary,
        form_class=ConsentForm,
        form_kwargs={"beneficiary": beneficiary, "initial": {"informed_on": timezone.localdate()}},
        actor_field="recorded_by",
        title=_("Ενημέρωση και συναίνεση"),
        done_message=_("Η ενημέρωση και η συναίνεση καταχωρίστηκαν."),
        anchor="#consent",
    )


@require_GET
@permission_required("beneficiaries.view_consent", raise_exception=True)
def consent_form_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    beneficiary = get_case_file(request, pk)
    log_access(request, beneficiary, AccessLog.Action.PRINT, _("Έντυπο ενημέρωσης και συναίνεσης"))
    today = timezone.localdate()
    context = {
        "b": beneficiary,
        "household": beneficiary.household.all(),
        "representative": beneficiary.representatives.valid_on(today).first(),
        "centre": CentreProfile.current(),
        "today": today,
        "worker": request.user,
    }
    content = render_pdf("beneficiaries/pdf/consent_form.html", context, request)
    return pdf_response(content, f"synainesi-{beneficiary.pk}.pdf")
