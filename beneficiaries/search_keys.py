"""Keep the indexed name keys and terms in step with `beneficiaries.normalize`.

`Beneficiary.save()` fills `search_key` and `search_terms`, but bulk inserts do not and a change
to the normalisation rules leaves old ones behind: `manage.py refresh_search_keys` recomputes them.
"""

from __future__ import annotations

from beneficiaries.models import Beneficiary

# bulk_update writes one CASE per batch, tested row by row: its cost grows with the square of the
# batch, and 500 rows at a time is several times faster than 5,000 for a whole register.
WRITE_BATCH = 500


def refresh_search_keys(*, batch_size: int = 5000) -> int:
    """Recompute every person whose name key or terms differ from what the rules give now;
    returns how many."""
    stale = []
    people = Beneficiary.objects.only("surname", "given_name", *Beneficiary.SEARCH_FIELDS)
    for person in people.iterator(chunk_size=batch_size):
        if not person.search_fields_are_current():
            person.fill_search_fields()
            stale.append(person)
    Beneficiary.objects.bulk_update(stale, Beneficiary.SEARCH_FIELDS, batch_size=WRITE_BATCH)
    return len(stale)
