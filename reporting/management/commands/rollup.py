"""`manage.py rollup FILE.json ... [--format json|csv|xlsx|pdf] [--output PATH]`: the regional
roll-up of several Centres' signed-off JSON exports (reporting.rollup), with suppression.

    manage.py rollup karpenisi-2026-04.json lamia-2026-04.json --format xlsx -o region.xlsx

Written to --output through a temporary file in the same folder, renamed at the end, or to
standard output. Any file that cannot be rolled up (unreadable, not JSON, not a kk-report,
unsigned, for publication, of another period or format version): exit status 1 and one Greek
line on standard error, nothing written.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from reporting.exports import FORMATS, render
from reporting.management.command_line import OneLineCommand, output_target, write_whole
from reporting.rollup import RollupError, rollup


class Command(OneLineCommand):
    help = _(
        "Αθροίζει τις υπογεγραμμένες αναφορές (JSON) πολλών κέντρων σε μία σύνοψη περιφέρειας, "
        "με απόκρυψη των μικρών αριθμών."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="+", help=_("Οι εξαγωγές JSON των κέντρων."))
        parser.add_argument("--format", dest="fmt", default="json", help=", ".join(FORMATS))
        parser.add_argument("--output", "-o", help=_("Το αρχείο· χωρίς αυτό, η έξοδος."))

    def handle(self, *, files: list[str], fmt: str, output: str | None, **options) -> None:
        if fmt not in FORMATS:
            message = _("Η μορφή γράφεται --format και μία από: %(formats)s.")
            raise CommandError(message % {"formats": ", ".join(FORMATS)})
        target = output_target(output) if output else None
        documents = [_read(path) for path in files]
        try:
            report = rollup(documents, names=[Path(path).name for path in files])
        except RollupError as error:
            raise CommandError(str(error)) from None
        content = render(report, fmt)
        if target is None:
            self.print_bytes(content)
        else:
            write_whole(target, content, ordinary_mode=True)


def _read(path: str) -> dict:
    name = Path(path).name
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        message = _("Το αρχείο «%(name)s» δεν διαβάζεται: %(error)s")
        raise CommandError(message % {"name": name, "error": error}) from None
    try:
        return json.loads(text)
    except ValueError:
        raise CommandError(_("Το αρχείο «%(name)s» δεν είναι JSON.") % {"name": name}) from None
