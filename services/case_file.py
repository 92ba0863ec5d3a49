"""What benefit applications add to a case file (beneficiaries.sections.register_section): the
person's applications, newest first, with programme, status, the missing documents at a glance
and the next renewal, in one query."""

from __future__ import annotations

from django.utils import timezone

from services.checklist import glance, missing_count
from services.models import BenefitApplication

LIST_LIMIT = 50


def case_file_applications(beneficiary, user) -> dict:
    """Context for templates/services/includes/case_file_applications.html."""
    applications = (
        BenefitApplication.objects.visible_to(user)
        .filter(beneficiary=beneficiary)
        .select_related("programme")
        .order_by("-created_at", "-pk")
    )
    today = timezone.localdate()
    rows = glance(list(applications.annotate(missing=missing_count(today))[:LIST_LIMIT]), today)
    return {"case_file_applications": rows}
