"""Anonymising applications and sessions of case files past their retention
(beneficiaries.retention). Events are the Centre's, not the person's: only the attendance
links them, and it holds no text."""

from __future__ import annotations

from beneficiaries.retention.records import scrub_rows
from beneficiaries.retention.scrub import Scrubber
from services.models import (
    ApplicationDocument,
    ApplicationStatusChange,
    BenefitApplication,
    CounsellingSession,
)


def anonymise_services(ids: list[int], scrub: Scrubber, to_delete: list) -> int:
    applications = BenefitApplication.objects.filter(beneficiary__in=ids)
    changed = scrub_rows(applications, scrub, ["notes", "submitted_via"])
    changed += scrub_rows(
        ApplicationDocument.objects.filter(application__in=applications), scrub, ["note"]
    )
    changed += scrub_rows(
        ApplicationStatusChange.objects.filter(application__in=applications), scrub, ["note"]
    )
    changed += scrub_rows(CounsellingSession.objects.filter(beneficiary__in=ids), scrub, ["notes"])
    return changed
