"""The programme catalogue kept by staff: programmes and the lines of their checklists, created
and corrected with the version the form was opened at (`StaleVersion` otherwise, nothing
saved). A programme is never deleted: it is taken out of use (`is_active`); a checklist line may
be removed (applications already prepared keep their own copy of it)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from community_centre.models import User
from community_centre.versions import lock_unchanged
from services.models import Programme, ProgrammeDocument


@transaction.atomic
def programme_create(*, programme: Programme, actor: User) -> Programme:
    programme.full_clean()
    programme.save()
    return programme


@transaction.atomic
def programme_update(
    *, programme: Programme, expected_version: datetime | None, actor: User
) -> Programme:
    """Save the corrections typed on `programme` unless it changed since the form was opened."""
    lock_unchanged(Programme, programme.pk, expected_version)
    programme.full_clean()
    programme.save()
    return programme


@transaction.atomic
def programme_document_save(
    *, line: ProgrammeDocument, expected_version: datetime | None = None, actor: User
) -> ProgrammeDocument:
    """Create the checklist line typed in `line`, or save its corrections (from
    `expected_version`). Placed last when new."""
    if line.pk is not None:
        lock_unchanged(ProgrammeDocument, line.pk, expected_version)
    else:
        last = line.programme.checklist.order_by("-position").first()
        line.position = last.position + 1 if last is not None else 0
    line.full_clean()
    line.save()
    return line


@transaction.atomic
def programme_document_remove(*, line: ProgrammeDocument, actor: User) -> None:
    line.delete()
