"""manage.py apply_retention [--dry-run] — apply the retention policies (beneficiaries.retention).

Lists what is due (per record type, the counts and the case files' numbers), then anonymises
the due case files, one transaction each, and deletes the records past their period. Works with
no arguments and no terminal (`manage.py restore` calls it after a restore); a run stopped
half-way is finished by the next one, and a second run does nothing.
"""

from __future__ import annotations

import getpass
import shlex
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from beneficiaries.models import RecordType
from beneficiaries.retention.run import Plan, apply_retention
from community_centre.progress import ProgressBar

# How many case files' numbers the listing shows on one line each run.
SHOWN_NUMBERS = 200


class Command(BaseCommand):
    help = gettext_lazy(
        "Εφαρμογή των πολιτικών διατήρησης: ανωνυμοποίηση και διαγραφή όσων έληξαν."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Μόνο εμφάνιση του τι θα γινόταν, χωρίς καμία αλλαγή."),
        )

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        self._bar: ProgressBar | None = None
        run = apply_retention(
            dry_run=dry_run,
            command_line=self._command_line(dry_run),
            started_by=_server_user(),
            progress=self._progress,
            on_plan=self._show_plan,
        )
        if self._bar is not None:
            self._bar.finish()
        if dry_run:
            self.stdout.write(_("Δοκιμαστική εκτέλεση: δεν άλλαξε τίποτα."))
            return
        self._show_result(run)

    def _command_line(self, dry_run: bool) -> str:
        argv = sys.argv if sys.argv and "apply_retention" in sys.argv else []
        return shlex.join(argv) if argv else "apply_retention" + (" --dry-run" if dry_run else "")

    def _show_plan(self, plan: Plan) -> None:
        self.stdout.write(_("Σύμφωνα με τις πολιτικές διατήρησης (%(day)s):") % {
            "day": plan.today.strftime("%d/%m/%Y")
        })  # fmt: skip
        for record_type in RecordType:
            self.stdout.write(f"  {record_type.label}: {plan.counts.get(record_type.value, 0)}")
        if plan.case_files:
            numbers = ", ".join(map(str, plan.case_files[:SHOWN_NUMBERS]))
            more = len(plan.case_files) - SHOWN_NUMBERS
            if more > 0:
                numbers += " " + _("και %(count)d ακόμη") % {"count": more}
            self.stdout.write(_("  Φάκελοι προς ανωνυμοποίηση: %(numbers)s") % {"numbers": numbers})
        if plan.held:
            self.stdout.write(
                _("  Φάκελοι σε δέσμευση (δεν ανωνυμοποιούνται): %(count)d") % {"count": plan.held}
            )
        self._total = len(plan.case_files)

    def _progress(self, done: int) -> None:
        if self._bar is None:
            self._bar = ProgressBar(self.stdout, total=self._total, label=_("Φάκελοι"))
        self._bar.update(done)

    def _show_result(self, run) -> None:
        self.stdout.write(_("Έγιναν:"))
        for label, count in run.summary():
            self.stdout.write(f"  {label}: {count}")
        for error in run.errors:
            self.stderr.write(
                _("Φάκελος %(number)s: %(error)s") % {
                    "number": error["case_file"], "error": error["error"]
                }
            )  # fmt: skip
        if run.errors:
            count = len(run.errors)
            raise CommandError(
                ngettext(
                    "%(count)d φάκελος δεν ανωνυμοποιήθηκε (δείτε παραπάνω): ξανατρέξτε την "
                    "εντολή αφού διορθωθεί το πρόβλημα· συνεχίζει από εκεί που σταμάτησε.",
                    "%(count)d φάκελοι δεν ανωνυμοποιήθηκαν (δείτε παραπάνω): ξανατρέξτε την "
                    "εντολή αφού διορθωθεί το πρόβλημα· συνεχίζει από εκεί που σταμάτησε.",
                    count,
                )
                % {"count": count}
            )


def _server_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""
