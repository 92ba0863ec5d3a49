"""Exports from the command line in the access log: who exported which period, in which
format, for publication or not — worded as the report screen words its rows
(reporting.views.report.log_report), with «γραμμή εντολών» added; no address."""

from __future__ import annotations

from django.utils.translation import gettext as _

from community_centre.models import AccessLog, User
from reporting.tables import Report


def export_detail(report: Report, fmt: str) -> str:
    """«CSV · Απρίλιος 2026 · για δημοσίευση: όχι · γραμμή εντολών»."""
    detail = _("%(what)s · %(period)s · για δημοσίευση: %(publication)s") % {
        "what": fmt.upper(),
        "period": report.period.label,
        "publication": _("ναι") if report.publication else _("όχι"),
    }
    command_line = _("γραμμή εντολών")
    return f"{detail} · {command_line}"


def log_command_line_export(user: User, report: Report, fmt: str) -> AccessLog:
    return AccessLog.objects.create(
        user=user, action=AccessLog.Action.EXPORT, detail=export_detail(report, fmt)[:300]
    )
