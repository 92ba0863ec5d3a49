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
import os
import sys
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, handle_default_options
from django.utils.translation import gettext as _

from reporting.rollup import RollupError, rollup

FORMATS = ("json", "csv", "xlsx", "pdf")


class Command(BaseCommand):
    help = _(
        "Αθροίζει τις υπογεγραμμένες αναφορές (JSON) πολλών κέντρων σε μία σύνοψη περιφέρειας, "
        "με απόκρυψη των μικρών αριθμών."
    )

    def add_arguments(self, parser) -> None:
        parser.error = _parser_error
        parser.add_argument("files", nargs="+", help=_("Οι εξαγωγές JSON των κέντρων."))
        parser.add_argument("--format", dest="fmt", default="json", help=", ".join(FORMATS))
        parser.add_argument("--output", "-o", help=_("Το αρχείο· χωρίς αυτό, η έξοδος."))

    def run_from_argv(self, argv: list[str]) -> None:
        """As Django's, but any refusal (the arguments' included) is one line, exit status 1."""
        parser = self.create_parser(argv[0], argv[1])
        try:
            options = parser.parse_args(argv[2:])
            handle_default_options(options)
            self.execute(**vars(options))
        except CommandError as error:
            self.stderr.write(" ".join(str(error).split()))
            sys.exit(1)

    def handle(self, *, files: list[str], fmt: str, output: str | None, **options) -> None:
        if fmt not in FORMATS:
            message = _("Η μορφή γράφεται --format και μία από: %(formats)s.")
            raise CommandError(message % {"formats": ", ".join(FORMATS)})
        target = _target(output) if output else None
        documents = [_read(path) for path in files]
        try:
            report = rollup(documents, names=[Path(path).name for path in files])
        except RollupError as error:
            raise CommandError(str(error)) from None
        from reporting.exports import render  # the exports' own rendering of a report

        content = render(report, fmt)
        if target is None:
            self.stdout.flush()
            self.stdout.buffer.write(content)
            self.stdout.buffer.flush()
        else:
            _write(target, content)


def _parser_error(message: str):
    raise CommandError(
        _("Λάθος παράμετροι (δείτε manage.py rollup --help): %(detail)s") % {"detail": message}
    )


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


def _target(output: str) -> Path:
    target = Path(output)
    if target.is_dir():
        message = _("Το «%(path)s» είναι φάκελος: δώστε όνομα αρχείου.")
        raise CommandError(message % {"path": output})
    if not target.parent.is_dir():
        raise CommandError(_("Ο φάκελος «%(path)s» δεν υπάρχει.") % {"path": target.parent})
    return target


def _write(target: Path, content: bytes) -> None:
    """Beside the target, then renamed: the file appears whole or not at all."""
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    except OSError as error:
        raise CommandError(_("Το αρχείο δεν γράφτηκε: %(error)s") % {"error": error}) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.chmod(temporary, 0o666 & ~_umask())  # as an ordinary new file (mkstemp: 0600)
        os.replace(temporary, target)
    except OSError as error:
        raise CommandError(_("Το αρχείο δεν γράφτηκε: %(error)s") % {"error": error}) from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
