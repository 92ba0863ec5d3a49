"""Write one encrypted backup of the database and the stored documents into a folder.

    manage.py backup --to /srv/backups/kentro

Needs BACKUP_ENCRYPTION_KEY (a key of its own, not a document key). The file is
`kentro-backup-YYYYMMDD-HHMMSS.kkbackup`; copy it off the server (README, «Αντίγραφα ασφαλείας»).
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from community_centre.backup import write_backup
from community_centre.backup_db import BackupError
from community_centre.backup_text import decimal, megabytes, whole
from community_centre.encryption import Keyring
from community_centre.progress import ProgressBar


class Command(BaseCommand):
    help = "Write one encrypted backup (database and documents) into a folder."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--to", required=True, type=Path, help="Folder of the backups.")

    def run_from_argv(self, argv) -> None:
        self.from_command_line = True
        super().run_from_argv(argv)

    def handle(self, *args, to: Path, **options) -> None:
        try:
            result = self._backup(to)
        except BackupError as exc:
            if getattr(self, "from_command_line", False):
                self.stderr.write(str(exc))  # one Greek line, not a traceback
                sys.exit(1)
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            "\n".join(
                [
                    _("Αντίγραφο ασφαλείας: %(path)s (%(size)s)")
                    % {"path": result.path, "size": megabytes(result.size)},
                    _("Βάση: %(tables)s πίνακες, %(rows)s γραμμές")
                    % {"tables": whole(result.tables), "rows": whole(result.rows)},
                    _("Έγγραφα: %(count)s (λείπουν από τον χώρο αποθήκευσης: %(missing)s)")
                    % {"count": whole(result.documents), "missing": whole(result.missing)},
                    _("Χρόνος: %(seconds)s s") % {"seconds": decimal(result.seconds)},
                    _(
                        "Αντιγράψτε το εκτός διακομιστή. Το BACKUP_ENCRYPTION_KEY και τα κλειδιά "
                        "των εγγράφων φυλάσσονται χωριστά από τα αντίγραφα."
                    ),
                ]
            )
        )

    def _backup(self, to: Path):
        if not settings.BACKUP_ENCRYPTION_KEY:
            raise BackupError(
                _("Ορίστε το BACKUP_ENCRYPTION_KEY: τα αντίγραφα ασφαλείας κρυπτογραφούνται.")
            )
        bar: ProgressBar | None = None

        def progress(done: int, total: int) -> None:
            nonlocal bar
            bar = bar or ProgressBar(self.stdout, total=total, label=_("Έγγραφα"))
            bar.update(done)

        try:
            result = write_backup(
                to, Keyring.from_text([settings.BACKUP_ENCRYPTION_KEY]), progress=progress
            )
        except OSError as exc:
            raise BackupError(
                _("Δεν γράφεται το αντίγραφο στον φάκελο %(path)s: %(error)s")
                % {"path": to, "error": exc.strerror or exc}
            ) from exc
        if bar:
            bar.finish()
        return result
