"""Restore a backup into a database (a scratch one for the drill, or the live one after a loss).

    manage.py restore kentro-backup-20261202-0300.kkbackup --database-url postgres://… \\
        [--documents-to DIR] [--force] [--no-retention]

Needs the BACKUP_ENCRYPTION_KEY the backup was made with. Nothing is touched before the whole
backup has been read and checked. The target must be empty (`--force` wipes it). Documents go to
DIR as stored (still encrypted with the document keys); without it, into the document storage
when restoring the live database, and nowhere otherwise. After a restore into the live database
the retention rules are applied again (`apply_retention`), unless `--no-retention`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.dateparse import parse_datetime
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from community_centre.backup_db import (
    BackupError,
    database_from_url,
    migrations_beside_code,
    same_database,
)
from community_centre.backup_restore import check_key, check_target_empty, restore, verify
from community_centre.backup_text import decimal, whole
from community_centre.encrypted_storage import document_keyring
from community_centre.encryption import Keyring, key_id
from community_centre.progress import ProgressBar


class Command(BaseCommand):
    help = "Restore a backup into the database given by --database-url."

    def add_arguments(self, parser) -> None:
        parser.add_argument("backup", type=Path, help="The .kkbackup file.")
        parser.add_argument("--database-url", required=True, help="postgres:// of the target.")
        parser.add_argument("--documents-to", type=Path, help="Folder for the documents.")
        parser.add_argument("--force", action="store_true", help="Overwrite a non-empty target.")
        parser.add_argument(
            "--no-retention", action="store_true", help="Do not apply retention afterwards."
        )

    def run_from_argv(self, argv) -> None:
        self.from_command_line = True
        super().run_from_argv(argv)

    def handle(self, *args, **options) -> None:
        try:
            self._restore(**options)
        except BackupError as exc:
            if getattr(self, "from_command_line", False):
                self.stderr.write(str(exc))  # one Greek line, not a traceback
                sys.exit(1)
            raise CommandError(str(exc)) from exc

    def _restore(self, *, backup: Path, database_url: str, documents_to, force, no_retention,
                 **options) -> None:  # fmt: skip
        started = time.monotonic()
        keyring = _backup_keyring()
        check_key(backup, keyring)
        try:
            target = database_from_url(database_url)
        except ValueError as exc:
            raise BackupError(_("Το --database-url δεν είναι διεύθυνση PostgreSQL.")) from exc
        manifest = verify(backup, keyring)
        if not force:
            check_target_empty(target)
        live = same_database(target, connection.settings_dict)
        documents = documents_to or (default_storage if live else None)
        bar: ProgressBar | None = None

        def progress(done: int, total: int) -> None:
            nonlocal bar
            bar = bar or ProgressBar(self.stdout, total=total, label=_("Έγγραφα"))
            bar.update(done)

        result = restore(backup, keyring, target, manifest=manifest, documents=documents,
                         force=force, progress=progress)  # fmt: skip
        if bar:
            bar.finish()
        self.stdout.write(self._summary(result, target, documents, time.monotonic() - started))
        self._warn_about_document_keys(manifest)
        self._warn_about_migrations(manifest)
        if live and not no_retention and "apply_retention" in get_commands():
            self.stdout.write(_("Εφαρμογή των κανόνων διατήρησης (apply_retention)…"))
            call_command("apply_retention", stdout=self.stdout, stderr=self.stderr)

    def _summary(self, result, target: dict, documents, seconds: float) -> str:
        made = localtime(parse_datetime(result.manifest["created_at"]))
        lines = [
            _("Επαναφορά του αντιγράφου της %(date)s στη βάση %(name)s.")
            % {"date": made.strftime("%d/%m/%Y %H:%M"), "name": target["NAME"]},
            _("Πίνακες: %(tables)s, γραμμές: %(rows)s")
            % {"tables": whole(len(result.manifest["tables"])), "rows": whole(result.rows)},
        ]
        if result.mismatched_tables:
            lines.append(
                _("ΠΡΟΣΟΧΗ: άλλος αριθμός γραμμών από του αντιγράφου στους πίνακες: %(tables)s")
                % {"tables": ", ".join(sorted(result.mismatched_tables))}
            )
        else:
            lines.append(_("Ο αριθμός γραμμών κάθε πίνακα είναι ίδιος με του αντιγράφου."))
        if documents is None:
            lines.append(_("Έγγραφα: δεν επαναφέρθηκαν (δώστε --documents-to ΦΑΚΕΛΟΣ)."))
        else:
            where = (
                _("Έγγραφα: %(count)s στον φάκελο %(folder)s (υπήρχαν ήδη, δεν άλλαξαν: %(kept)s)")
                if isinstance(documents, Path)
                else _("Έγγραφα: %(count)s στον χώρο εγγράφων (υπήρχαν ήδη, δεν άλλαξαν: %(kept)s)")
            )
            lines.append(
                where
                % {
                    "count": whole(result.documents),
                    "folder": documents,
                    "kept": whole(result.skipped_documents),
                }
            )
        lines.append(_("Χρόνος: %(seconds)s s") % {"seconds": decimal(seconds)})
        return "\n".join(lines)

    def _warn_about_migrations(self, manifest: dict) -> None:
        unknown, pending = migrations_beside_code(manifest["migrations"])
        if unknown:
            self.stdout.write(
                _(
                    "ΠΡΟΣΟΧΗ: το αντίγραφο είναι από νεότερη έκδοση της εφαρμογής "
                    "(μεταναστεύσεις που δεν έχει αυτή: %(names)s). Αναβαθμίστε την εφαρμογή "
                    "πριν τη χρησιμοποιήσετε."
                )
                % {"names": ", ".join(unknown)}
            )
        elif pending:
            self.stdout.write(
                _(
                    "Το αντίγραφο είναι από παλαιότερη έκδοση: τρέξτε «manage.py migrate» στη βάση "
                    "πριν τη χρησιμοποιήσει η εφαρμογή."
                )
            )

    def _warn_about_document_keys(self, manifest: dict) -> None:
        configured = {key.hex() for key in map(key_id, document_keyring().keys)}
        needed = set(manifest.get("document_keys", {})) - configured - {"unencrypted"}
        missing = sum(manifest["document_keys"][key] for key in needed)
        if needed:
            self.stdout.write(
                ngettext(
                    "ΠΡΟΣΟΧΗ: %(count)s έγγραφο είναι κρυπτογραφημένο με κλειδί που δεν είναι "
                    "στο DOCUMENT_ENCRYPTION_KEYS (αναγνωριστικό %(ids)s): προσθέστε το παλιό "
                    "κλειδί για να διαβάζεται.",
                    "ΠΡΟΣΟΧΗ: %(count)s έγγραφα είναι κρυπτογραφημένα με κλειδί που δεν είναι "
                    "στο DOCUMENT_ENCRYPTION_KEYS (αναγνωριστικό %(ids)s): προσθέστε το παλιό "
                    "κλειδί για να διαβάζονται.",
                    missing,
                )
                % {"count": whole(missing), "ids": ", ".join(sorted(needed))}
            )


def _backup_keyring() -> Keyring:
    if not settings.BACKUP_ENCRYPTION_KEY:
        raise BackupError(_("Ορίστε το BACKUP_ENCRYPTION_KEY με το κλειδί του αντιγράφου."))
    return Keyring.from_text([settings.BACKUP_ENCRYPTION_KEY])
