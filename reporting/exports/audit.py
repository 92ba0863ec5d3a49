"""Exports in the access log: who exported which period, in which format, for publication or
not. The report screen logs through `community_centre.audit.log_access` with `export_detail`;
the command line names its user (eps_report --user) and has no address."""

from __future__ import annotations

from django.utils.translation import gettext as _

from community_centre.models import AccessLog, User
from reporting.tables import Report


def export_detail(report: Report, fmt: str, *, command_line: bool = False) -> str:
    """«Αναφορά Ε.Π.Σ. Απρίλιος 2026 (2026-04-01 – 2026-04-30), CSV, για δημοσίευση»."""
    period = report.period
    span = {
        "label": period.label,
        "first": period.first.isoformat(),
        "last": period.last.isoformat(),
    }
    parts = [
        _("Αναφορά Ε.Π.Σ. %(label)s (%(first)s – %(last)s)") % span,
        fmt.upper(),
        _("για δημοσίευση") if report.publication else _("εσωτερική"),
    ]
    if command_line:
        parts.append(_("γραμμή εντολών"))
    return ", ".join(parts)


def log_command_line_export(user: User, report: Report, fmt: str) -> AccessLog:
    return AccessLog.objects.create(
        user=user,
        action=AccessLog.Action.EXPORT,
        detail=export_detail(report, fmt, command_line=True)[:300],
    )
