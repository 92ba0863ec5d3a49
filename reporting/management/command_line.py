"""What `eps_report` and `rollup` share on the server's command line: every refusal (the
arguments' included) is one Greek line with exit status 1, and an output file appears whole or
not at all (written beside the target, then renamed)."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, handle_default_options
from django.db import transaction
from django.utils.translation import gettext as _


class OneLineCommand(BaseCommand):
    """A command whose refusals are one line on standard error, exit status 1."""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)

        def refuse(message: str):
            detail = {"command": subcommand, "detail": message}
            raise CommandError(
                _("Λάθος παράμετροι (δείτε manage.py %(command)s --help): %(detail)s") % detail
            )

        parser.error = refuse
        return parser

    def run_from_argv(self, argv: list[str]) -> None:
        """As Django's, but any refusal is one line, exit status 1. The connection is left to
        close with the process, which ends here."""
        parser = self.create_parser(argv[0], argv[1])
        try:
            options = parser.parse_args(argv[2:])
            handle_default_options(options)
            self.execute(**vars(options))
        except CommandError as error:
            self.stderr.write(" ".join(str(error).split()))
            sys.exit(1)

    def print_bytes(self, content: bytes) -> None:
        try:
            self.stdout.flush()
            self.stdout.buffer.write(content)
            self.stdout.buffer.flush()
        except OSError as error:  # e.g. the reader of a pipe went away
            raise CommandError(_("Το αρχείο δεν γράφτηκε: %(error)s") % {"error": error}) from None


def output_target(output: str) -> Path:
    """The file `--output` names, refused when it is a folder or its folder is missing."""
    target = Path(output)
    if target.is_dir():
        message = _("Το «%(path)s» είναι φάκελος: δώστε όνομα αρχείου.")
        raise CommandError(message % {"path": output})
    if not target.parent.is_dir():
        raise CommandError(_("Ο φάκελος «%(path)s» δεν υπάρχει.") % {"path": target.parent})
    return target


def write_whole(
    target: Path,
    content: bytes,
    *,
    log: Callable[[], object] | None = None,
    ordinary_mode: bool = False,
) -> None:
    """Write beside the target and rename: the file appears whole, or not at all. `log` (an
    access-log row) is kept only when it did; `ordinary_mode` gives the file the permissions of
    an ordinary new file (mkstemp's are 0600)."""
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    except OSError as error:
        raise CommandError(_("Το αρχείο δεν γράφτηκε: %(error)s") % {"error": error}) from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        if ordinary_mode:
            os.chmod(temporary, 0o666 & ~_umask())
        if log is None:
            os.replace(temporary, target)
        else:
            with transaction.atomic():
                log()
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
