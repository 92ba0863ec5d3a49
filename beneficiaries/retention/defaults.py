"""The periods the Centre starts from (migration 0012 seeds the same); the coordinator changes
them on «Διατήρηση δεδομένων». A policy missing from the table (a database emptied by hand, a
test that flushes it) is put back with its default, so no kind of record is ever kept without
one. The notes are data, in Greek like the rest of the case files (as the migration wrote
them), not interface text."""

from __future__ import annotations

from beneficiaries.models import RecordType, RetentionPolicy

DEFAULTS = {
    RecordType.CASE_FILE: (
        5,
        0,
        (
            "Πέντε έτη από το κλείσιμο του φακέλου: ο χρόνος που μπορεί να ζητηθεί έλεγχος των "
            "πράξεων που συγχρηματοδοτήθηκαν και να επανέλθει ο ωφελούμενος. Μετά ο φάκελος "
            "ανωνυμοποιείται και μένουν μόνο όσα χρειάζονται οι ανώνυμες μετρήσεις."
        ),
    ),
    RecordType.ACCESS_LOG: (
        2,
        0,
        (
            "Δύο έτη: αρκούν για να απαντηθεί ποιος είδε έναν φάκελο (δικαίωμα πρόσβασης, "
            "διερεύνηση περιστατικού), χωρίς να κρατείται επ' αόριστον η δραστηριότητα του "
            "προσωπικού."
        ),
    ),
    RecordType.IMPORT_FILE: (
        0,
        90,
        (
            "Ενενήντα ημέρες από το τέλος της εισαγωγής: το αρχείο περιέχει τα στοιχεία όλου του "
            "παλιού μητρώου και χρειάζεται μόνο για τον έλεγχο και την αναίρεση της εισαγωγής. "
            "Μετά διαγράφονται το αρχείο και οι γραμμές της αναφοράς· μένουν τα σύνολα."
        ),
    ),
    RecordType.LOGIN_RECORD: (
        1,
        0,
        (
            "Ένα έτος: οι αποτυχημένες και οι επιτυχείς συνδέσεις (χρήστης, IP) χρειάζονται για "
            "την ασφάλεια και τη διερεύνηση περιστατικών."
        ),
    ),
}


def ensure_policies() -> dict[str, RetentionPolicy]:
    """Every record type's policy, by type; a missing one created with its default."""
    found = {p.record_type: p for p in RetentionPolicy.objects.select_related("updated_by")}
    for record_type, (years, days, note) in DEFAULTS.items():
        if record_type not in found:
            found[record_type], _created = RetentionPolicy.objects.get_or_create(
                record_type=record_type,
                defaults={"years": years, "days": days, "note": note},
            )
    return found
