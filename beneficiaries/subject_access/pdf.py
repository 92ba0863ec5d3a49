"""The Greek PDF of the export, through the project's one PDF helper and print base."""

from __future__ import annotations

from beneficiaries.subject_access.collect import Export
from community_centre.models import CentreProfile
from community_centre.pdf import render_pdf

TEMPLATE = "beneficiaries/pdf/subject_access.html"


def as_pdf(export: Export, centre: CentreProfile, channel_label: str) -> bytes:
    context = {"export": export, "centre": centre, "channel_label": channel_label}
    return render_pdf(TEMPLATE, context)
