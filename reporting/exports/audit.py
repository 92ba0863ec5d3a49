"""The report in the access log: who viewed or exported which period, in which format, for
publication or not — one wording for the screen, its exports and the command line (which adds
«γραμμή εντολών» and has no address)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from community_centre.models import AccessLog, User
from reporting.period import Period
from reporting.tables import Report


def access_detail(what: str, period: Period, publication: bool) -> str:
    """«CSV · Απρίλιος 2026 · για δημοσίευση: όχι»."""
    return _("%(what)s · %(period)s · για δημοσίευση: %(publication)s") % {
        "what": what,
        "period": period.label,
        "publication": _("ναι") if publication else _("όχι"),
    }


def export_detail(report: Report, fmt: str) -> str:
    """«CSV · Απρίλιος 2026 · για δημοσίευση: όχι · γραμμή εντολών»."""
    detail = access_detail(fmt.upper(), report.period, report.publication)
    command_line = _("γραμμή εντολών")
    return f"{detail} · {command_line}"


def log_command_line_export(user: User | None, report: Report, fmt: str) -> AccessLog:
    return AccessLog.objects.create(
        user=user, action=AccessLog.Action.EXPORT, detail=export_detail(report, fmt)[:300]
    )
