"""`manage.py eps_report`: the Ε.Π.Σ. report of a month or of a range of days, exported.

    manage.py eps_report --user anna --month 2026-04 --format csv --output απρίλιος.csv
    manage.py eps_report --user anna --from 2026-01-01 --to 2026-03-31 --format json
    manage.py eps_report --user anna --month 2026-04 --format pdf --publication -o apr.pdf

The export is the signed-off figures when the month is signed off (reporting.assemble). It is
written to --output through a temporary file in the same folder renamed at the end (no half
file is ever left), or to standard output. --user names the member of staff who exports (the
report is the coordinator's: reporting.view_report) and the access log says who exported what;
without it the row says «γραμμή εντολών» — whoever runs commands on the server holds the database.
Bad input: exit status 1 and one Greek line on standard error, nothing written.
"""

from __future__ import annotations

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from community_centre.models import User
from reporting.assemble import report_for
from reporting.exports import FORMATS, in_report_language, render
from reporting.exports.audit import log_command_line_export
from reporting.management.command_line import OneLineCommand, output_target, write_whole
from reporting.period import Period, PeriodError, month_period, range_period

PERMISSION = "reporting.view_report"
BINARY = {"xlsx", "pdf"}


class Command(OneLineCommand):
    help = _("Εξάγει την αναφορά Ε.Π.Σ. ενός μήνα ή μιας περιόδου (json, csv, xlsx, pdf).")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--user", help=_("Ο χρήστης που εξάγει (συντονιστής/τρια)."))
        parser.add_argument("--month", help=_("Ο μήνας, ΕΕΕΕ-ΜΜ."))
        parser.add_argument("--from", dest="first", help=_("Πρώτη ημέρα, ΕΕΕΕ-ΜΜ-ΗΗ."))
        parser.add_argument("--to", dest="last", help=_("Τελευταία ημέρα, ΕΕΕΕ-ΜΜ-ΗΗ."))
        parser.add_argument("--format", dest="fmt", help=", ".join(FORMATS))
        parser.add_argument(
            "--publication", action="store_true", help=_("Με απόκρυψη των μικρών αριθμών (<5).")
        )
        parser.add_argument("--output", "-o", help=_("Το αρχείο· χωρίς αυτό, η έξοδος."))

    def handle(self, *, user, month, first, last, fmt, publication, output, **options) -> None:
        if fmt not in FORMATS:
            raise CommandError(_("Η μορφή γράφεται --format και μία από: %(formats)s.")
                               % {"formats": ", ".join(FORMATS)})  # fmt: skip
        period = _period(month, first, last)
        exporter = _exporter(user)
        target = output_target(output) if output else None
        if target is None and fmt in BINARY and self.stdout.isatty():
            raise CommandError(_("Η μορφή %(fmt)s δεν τυπώνεται στο τερματικό: δώστε --output.")
                               % {"fmt": fmt})  # fmt: skip
        with in_report_language():
            report = report_for(period, publication=publication)
        content = render(report, fmt)
        if target is None:
            log_command_line_export(exporter, report, fmt)
            self.print_bytes(content)
        else:
            write_whole(target, content, log=lambda: log_command_line_export(exporter, report, fmt))


def _period(month: str | None, first: str | None, last: str | None) -> Period:
    if month and (first or last):
        raise CommandError(_("Δώστε ή --month ή --from και --to, όχι και τα δύο."))
    if not month and not (first and last):
        if first or last:
            raise CommandError(_("Η περίοδος θέλει και --from και --to."))
        raise CommandError(_("Δώστε --month ΕΕΕΕ-ΜΜ ή --from ΕΕΕΕ-ΜΜ-ΗΗ --to ΕΕΕΕ-ΜΜ-ΗΗ."))
    try:
        return month_period(month) if month else range_period(first, last)
    except PeriodError as error:
        raise CommandError(str(error)) from None


def _exporter(username: str | None) -> User | None:
    if username is None:
        return None
    user = User.objects.filter(username=username).first()
    if user is None:
        raise CommandError(_("Δεν υπάρχει χρήστης «%(username)s».") % {"username": username})
    if not user.has_perm(PERMISSION):
        raise CommandError(_("Ο χρήστης «%(username)s» δεν έχει δικαίωμα στην αναφορά Ε.Π.Σ.")
                           % {"username": username})  # fmt: skip
    return user
