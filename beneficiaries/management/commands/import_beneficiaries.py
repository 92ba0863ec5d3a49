"""`manage.py import_beneficiaries FILE [--dry-run]`: import a register from CSV or XLSX.

Columns: docs/import_format.md. Nothing is imported unless every row is valid.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from beneficiaries.importing import (
    ImportFileError,
    ImportResult,
    MappingError,
    import_beneficiaries,
)
from community_centre.progress import ProgressBar


class StageProgress:
    """One progress bar per stage of the import (checking, then writing)."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.labels = {"validate": _("Έλεγχος"), "write": _("Καταχώριση")}
        self.bars: dict[str, ProgressBar] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        bar = self.bars.get(stage)
        if bar is None:
            bar = self.bars[stage] = ProgressBar(self.stream, total, label=self.labels[stage])
        bar.update(done)
        if done >= total:
            bar.finish()


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
            "--mapping",
            help=_(
                "Αρχείο JSON με την αντιστοίχιση των στηλών: "
                '{"columns": {"ΣΤΗΛΗ": "πεδίο" | "remarks" | "ignore"}, '
                '"settlements": {"ΟΝΟΜΑ": "κωδικός ΕΛΣΤΑΤ"}}'
            ),
        )

    def handle(
        self, *args, file: str, dry_run: bool = False, mapping: str | None = None, **options
    ) -> None:
        try:
            document = self._mapping(mapping) if mapping else None
            result = import_beneficiaries(
                file, dry_run=dry_run, progress=StageProgress(self.stdout), mapping=document
            )
        except (ImportFileError, MappingError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        if result.encoding:
            self.stdout.write(_("Κωδικοποίηση του αρχείου: %s") % result.encoding)
        if result.ignored_columns:
            self.stderr.write(_("Αγνοήθηκαν οι στήλες: %s") % ", ".join(result.ignored_columns))
        if result.errors:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(
                _("Δεν εισήχθη κανείς: %(count)d σφάλματα σε %(rows)d γραμμές.")
                % {"count": len(result.errors), "rows": result.rows}
            )
        self.stdout.write(self.style.SUCCESS(self._summary(result)))

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
