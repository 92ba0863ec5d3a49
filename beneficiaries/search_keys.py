"""Keep the indexed name keys in step with `beneficiaries.normalize`.

`Beneficiary.save()` fills `search_key`, but bulk inserts do not and a change to the
normalisation rules leaves old keys behind: `manage.py refresh_search_keys` recomputes them.
"""

from __future__ import annotations

from beneficiaries.models import Beneficiary


def refresh_search_keys(*, batch_size: int = 5000) -> int:
    """Recompute every name key that differs from what the rules give now; returns how many."""
    stale = []
    people = Beneficiary.objects.only("surname", "given_name", "search_key")
    for person in people.iterator(chunk_size=batch_size):
        key = person.compute_search_key()
        if key != person.search_key:
            person.search_key = key
            stale.append(person)
    Beneficiary.objects.bulk_update(stale, ["search_key"], batch_size=batch_size)
    return len(stale)
