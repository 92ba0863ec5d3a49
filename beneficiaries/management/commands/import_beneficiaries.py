"""`manage.py import_beneficiaries FILE [--dry-run] [--valid-only] [--mapping F] [--user U]`:
import a register from CSV or XLSX, recorded as an ImportRun (beneficiaries.importing.records).

Columns: docs/import_format.md. Nothing is imported unless every row is valid (or --valid-only).
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from beneficiaries.importing import ImportFileError, ImportResult, MappingError, Outcome
from beneficiaries.importing.records import (
    ImportRunning,
    RemarksNeedUser,
    mapping_of,
    record_upload,
    run_import,
)
from community_centre.models import User
from community_centre.progress import ProgressBar


class StageProgress:
    """One progress bar per stage of the import (checking, then writing)."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.labels = {"validate": _("Έλεγχος"), "write": _("Καταχώριση")}
        self.bars: dict[str, ProgressBar] = {}
        self.finished: set[str] = set()

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage in self.finished:  # the end of a stage may be told twice
            return
        bar = self.bars.get(stage)
        if bar is None:
            bar = self.bars[stage] = ProgressBar(self.stream, total, label=self.labels[stage])
        bar.update(done)
        if done >= total:
            bar.finish()
            self.finished.add(stage)


class Command(BaseCommand):
    help = _(
        "Εισάγει ωφελούμενους από αρχείο CSV ή XLSX. Ελέγχει πρώτα όλες τις γραμμές και δεν "
        "εισάγει τίποτα αν υπάρχει έστω ένα σφάλμα. Όσοι υπάρχουν ήδη παραλείπονται."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help=_("Αρχείο .csv (UTF-8) ή .xlsx"))
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Μόνο έλεγχος και αναφορά, χωρίς καταχώριση."),
        )
        parser.add_argument(
            "--valid-only",
            action="store_true",
            help=_("Εισάγει τις σωστές γραμμές και αναφέρει τις υπόλοιπες."),
        )
        parser.add_argument(
            "--user",
            help=_("Όνομα χρήστη: ποιος κάνει την εισαγωγή και υπογράφει τις παρατηρήσεις."),
        )
        parser.add_argument(
            "--mapping",
            help=_(
                "Αρχείο JSON με την αντιστοίχιση των στηλών: "
                '{"columns": {"ΣΤΗΛΗ": "πεδίο" | "remarks" | "ignore"}, '
                '"settlements": {"ΟΝΟΜΑ": "κωδικός ΕΛΣΤΑΤ"}}'
            ),
        )

    def handle(
        self,
        *args,
        file: str,
        dry_run: bool = False,
        valid_only: bool = False,
        mapping: str | None = None,
        user: str | None = None,
        **options,
    ) -> None:
        actor = self._user(user) if user else None
        try:
            document = self._mapping(mapping) if mapping else None
            with open(file, "rb") as handle:
                content = handle.read()
            run = record_upload(name=Path(file).name, content=content, actor=actor)
            if document is not None:
                run.mapping = document
            found = mapping_of(run)
            result = run_import(
                run,
                found,
                actor=actor,
                dry_run=dry_run,
                valid_only=valid_only,
                progress=StageProgress(self.stdout),
            )
        except (ImportFileError, MappingError, OSError, ImportRunning, RemarksNeedUser) as exc:
            raise CommandError(str(exc)) from exc
        self._report(result)
        if result.errors and not (valid_only and result.created):
            raise CommandError(
                _("Δεν εισήχθη κανείς: %(count)d σφάλματα σε %(rows)d γραμμές.")
                % {"count": len(result.errors), "rows": result.rows}
            )
        self.stdout.write(self.style.SUCCESS(self._summary(result)))

    @staticmethod
    def _user(username: str):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("Δεν υπάρχει χρήστης «%(name)s».") % {"name": username})
        if not user.has_perm("beneficiaries.import_register"):
            raise CommandError(
                _("Ο χρήστης «%(name)s» δεν έχει δικαίωμα εισαγωγής μητρώου.") % {"name": username}
            )
        return user

    def _report(self, result: ImportResult) -> None:
        if result.encoding:
            self.stdout.write(_("Κωδικοποίηση του αρχείου: %s") % result.encoding)
        if result.remark_columns:
            columns = ", ".join(result.remark_columns)
            self.stdout.write(_("Στήλες σε σημείωμα «Παρατηρήσεις μητρώου»: %s") % columns)
        if result.ignored_columns:
            self.stderr.write(_("Αγνοήθηκαν οι στήλες: %s") % ", ".join(result.ignored_columns))
        self.stdout.write(
            _("Νέοι: %(created)d, ήδη καταχωρισμένοι: %(skipped)d, με σφάλμα: %(failed)d.")
            % {"created": result.created, "skipped": result.skipped, "failed": result.failed}
        )
        try:
            from beneficiaries.importing.report import report_lines
        except ImportError:
            report_lines = None
        if report_lines is not None:
            for line in report_lines(result):
                self.stderr.write(line)
            return
        for error in result.errors:
            self.stderr.write(str(error))
        for outcome in result.outcomes:
            if outcome.outcome == Outcome.EXISTING:
                self.stdout.write(
                    _("γραμμή %(line)d: ήδη καταχωρισμένος, φάκελος αρ. %(pk)d")
                    % {"line": outcome.line, "pk": outcome.existing_pk}
                )

    @staticmethod
    def _mapping(path: str) -> object:
        try:
            with open(path, encoding="utf-8-sig") as file:
                return json.load(file)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise MappingError(_("Το αρχείο αντιστοίχισης δεν είναι JSON σε UTF-8.")) from exc

    @staticmethod
    def _summary(result: ImportResult) -> str:
        values = {"created": result.created, "skipped": result.skipped, "rows": result.rows}
        if result.dry_run:
            return (
                _(
                    "Δοκιμαστική εκτέλεση, δεν καταχωρίστηκε τίποτα: θα δημιουργούνταν "
                    "%(created)d, θα παραλείπονταν %(skipped)d ως ήδη καταχωρισμένοι "
                    "(%(rows)d γραμμές)."
                )
                % values
            )
        return (
            _(
                "Δημιουργήθηκαν %(created)d ωφελούμενοι, παραλείφθηκαν %(skipped)d ως ήδη "
                "καταχωρισμένοι (%(rows)d γραμμές)."
            )
            % values
        )
