"""Encrypt every stored document with the first key of DOCUMENT_ENCRYPTION_KEYS.

    manage.py rotate_document_key [--dry-run]

After a new key is put first in DOCUMENT_ENCRYPTION_KEYS (the old ones after it), this encrypts
again every file still under an old key, and encrypts the files stored before encryption. A file
is replaced only once its new version is complete, so a run that stops half-way loses nothing:
run it again and it carries on (files already on the first key are left alone). When it reports
no file left on an old key, remove the old key from the environment.
"""

from __future__ import annotations

from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from community_centre.backup_files import StoredFile, stored_files
from community_centre.encrypted_fields import EncryptedColumn, encrypted_columns, seal, unseal
from community_centre.encrypted_storage import document_keyring
from community_centre.encryption import EncryptionError, header_key_id
from community_centre.progress import ProgressBar

CURRENT, OLD_KEY, UNENCRYPTED, MISSING, UNREADABLE = (
    "current",
    "old_key",
    "unencrypted",
    "missing",
    "unreadable",
)


class Command(BaseCommand):
    help = "Encrypt every stored document with the first key of DOCUMENT_ENCRYPTION_KEYS."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would change, change nothing."
        )

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        files = stored_files()
        counts: Counter[str] = Counter()
        bar = ProgressBar(self.stdout, total=len(files), label=_("Έγγραφα")) if files else None
        for done, stored in enumerate(files, start=1):
            counts[_rotate(stored, dry_run=dry_run)] += 1
            bar.update(done)
        if bar:
            bar.finish()
        total = len(files)
        # Files kept in a database column (a register import's file): encrypted_fields.
        for column in encrypted_columns():
            for pk, value in column.rows():
                counts[_rotate_value(column, pk, value, dry_run=dry_run)] += 1
                total += 1
        self.stdout.write(_summary(counts, dry_run=dry_run, total=total))
        if counts[UNREADABLE]:
            raise CommandError(
                ngettext(
                    "%(count)d αρχείο δεν αποκρυπτογραφείται με κανένα από τα κλειδιά: μην "
                    "αφαιρέσετε κανένα κλειδί.",
                    "%(count)d αρχεία δεν αποκρυπτογραφούνται με κανένα από τα κλειδιά: μην "
                    "αφαιρέσετε κανένα κλειδί.",
                    counts[UNREADABLE],
                )
                % {"count": counts[UNREADABLE]}
            )


def _rotate(stored: StoredFile, *, dry_run: bool) -> str:
    storage = stored.storage
    if not getattr(storage, "encrypts", False):
        return CURRENT  # a storage that does not encrypt (not configured so): nothing to do
    if not storage.exists(stored.name):
        return MISSING
    key = storage.stored_key_id(stored.name)
    if key == document_keyring().primary_id:
        return CURRENT
    state = UNENCRYPTED if key is None else OLD_KEY
    if key is not None:
        try:
            document_keyring().key(key)
        except EncryptionError:
            return UNREADABLE
    if not dry_run:
        try:
            storage.reencrypt(stored.name)
        except EncryptionError:
            return UNREADABLE
    return state


def _rotate_value(column: EncryptedColumn, pk: int, value: bytes, *, dry_run: bool) -> str:
    key = header_key_id(value)
    if key == document_keyring().primary_id:
        return CURRENT
    try:
        plain = unseal(value)
    except EncryptionError:
        return UNREADABLE
    if not dry_run:
        column.replace(pk, seal(plain))
    return UNENCRYPTED if key is None else OLD_KEY


def _summary(counts: Counter[str], *, dry_run: bool, total: int) -> str:
    lines = [
        _("Έλεγχος χωρίς αλλαγές (--dry-run).")
        if dry_run
        else _("Η αλλαγή κλειδιού ολοκληρώθηκε."),
        _("Αρχεία στη βάση: %(count)d") % {"count": total},
        _("Ήδη με το τρέχον κλειδί: %(count)d") % {"count": counts[CURRENT]},
        (
            _("Θα κρυπτογραφηθούν ξανά (παλιό κλειδί): %(count)d")
            if dry_run
            else _("Κρυπτογραφήθηκαν ξανά (παλιό κλειδί): %(count)d")
        )
        % {"count": counts[OLD_KEY]},
        (
            _("Θα κρυπτογραφηθούν (ήταν χωρίς κρυπτογράφηση): %(count)d")
            if dry_run
            else _("Κρυπτογραφήθηκαν (ήταν χωρίς κρυπτογράφηση): %(count)d")
        )
        % {"count": counts[UNENCRYPTED]},
        _("Λείπουν από τον χώρο αποθήκευσης: %(count)d") % {"count": counts[MISSING]},
        _("Δεν αποκρυπτογραφούνται: %(count)d") % {"count": counts[UNREADABLE]},
    ]
    if not dry_run and not counts[UNREADABLE]:
        lines.append(
            _(
                "Κανένα αποθηκευμένο αρχείο δεν χρειάζεται πια τα παλιά κλειδιά: αφαιρέστε τα "
                "από το DOCUMENT_ENCRYPTION_KEYS. Φυλάξτε τα χωριστά όσο κρατάτε αντίγραφα "
                "ασφαλείας παλαιότερα από σήμερα: τα έγγραφά τους είναι με τα παλιά κλειδιά."
            )
        )
    return "\n".join(lines)
