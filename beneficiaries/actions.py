"""State-changing operations on the case file. Each runs in one transaction and validates first."""

from __future__ import annotations

from datetime import datetime

from django.db import models, transaction
from django.utils.translation import gettext as _

from beneficiaries.choices import CaseStatus
from beneficiaries.models import Beneficiary, CaseStatusChange, Consent, DocumentType
from beneficiaries.models.household import Representative
from community_centre.models import User
from community_centre.versions import lock_unchanged


class CaseFileError(Exception):
    """A forbidden move on a case file (closing a closed one, reopening an open one …)."""


@transaction.atomic
def beneficiary_create(
    *,
    beneficiary: Beneficiary,
    household: list,
    representative: Representative | None = None,
    informed_on,
    notice_version: str,
    consents_to_processing: bool,
    consents_to_sharing: bool,
    actor: User,
) -> Beneficiary:
    """Save a new person with their household, their representative if one was given, and the
    GDPR information record of the intake."""
    beneficiary.created_by = actor
    if beneficiary.assigned_worker_id is None:
        beneficiary.assigned_worker = actor
    beneficiary.full_clean()
    beneficiary.save()
    for record in [*household, *([representative] if representative else [])]:
        record.beneficiary = beneficiary
        record.full_clean()
        record.save()
    consent = Consent(
        beneficiary=beneficiary,
        notice_version=notice_version,
        informed_on=informed_on,
        consents_to_processing=consents_to_processing,
        consents_to_sharing=consents_to_sharing,
        recorded_by=actor,
    )
    consent.full_clean()
    consent.save()
    return beneficiary


@transaction.atomic
def beneficiary_update(
    *, beneficiary: Beneficiary, expected_version: datetime | None, actor: User
) -> Beneficiary:
    """Save corrections unless the file changed since the form was opened at `expected_version`
    (`StaleVersion`, nothing saved; a missing version is refused the same way)."""
    lock_unchanged(Beneficiary, beneficiary.pk, expected_version)
    beneficiary.full_clean()
    beneficiary.save()
    return beneficiary


def _move(beneficiary: Beneficiary, *, to: str, reason: str, actor: User) -> Beneficiary:
    locked = Beneficiary.objects.select_for_update().get(pk=beneficiary.pk)
    if locked.status == to:
        raise CaseFileError(
            _("Ο φάκελος είναι ήδη κλειστός.")
            if to == CaseStatus.CLOSED
            else _("Ο φάκελος είναι ήδη ενεργός.")
        )
    reason = reason.strip()
    if not reason:
        raise CaseFileError(_("Γράψτε την αιτιολογία."))
    CaseStatusChange.objects.create(
        beneficiary=locked, from_status=locked.status, to_status=to, reason=reason, actor=actor
    )
    locked.status = to
    locked.closed_reason = reason if to == CaseStatus.CLOSED else ""
    locked.save(update_fields=["status", "closed_reason", "updated_at"])
    return locked


@transaction.atomic
def beneficiary_close(*, beneficiary: Beneficiary, reason: str, actor: User) -> Beneficiary:
    """Close an active case file, with a reason that stays in its history."""
    return _move(beneficiary, to=CaseStatus.CLOSED, reason=reason, actor=actor)


@transaction.atomic
def beneficiary_reopen(*, beneficiary: Beneficiary, reason: str, actor: User) -> Beneficiary:
    """Reopen a closed case file, with a reason that stays in its history."""
    return _move(beneficiary, to=CaseStatus.ACTIVE, reason=reason, actor=actor)


@transaction.atomic
def case_record_save(
    *,
    record,
    beneficiary: Beneficiary,
    actor: User,
    actor_field: str | None = None,
    expected_version: datetime | None = None,
):
    """Validate and save a record that belongs to a case file (member, note, need …).

    A record already saved is changed only if it is still at `expected_version`, the version
    its edit form was opened at: `StaleVersion` otherwise (a missing version too), nothing saved.
    """
    if record.pk is not None:
        lock_unchanged(type(record), record.pk, expected_version)
    record.beneficiary = beneficiary
    if actor_field and getattr(record, f"{actor_field}_id", None) is None:
        setattr(record, actor_field, actor)
    record.full_clean()
    try:
        record.save()
    except Exception:
        _discard_stored_files(record)  # the row was not written: leave no orphan file behind
        raise
    return record


@transaction.atomic
def document_create(
    *, record, beneficiary: Beneficiary, actor: User, consent_id: int | None = None, **save
):
    """Save an uploaded document; a signed consent form is linked to its consent record.

    The signed form goes to the consent `consent_id` (the one the upload was started from) or,
    without one, to the latest consent of the file that has no signed copy yet.
    """
    document = case_record_save(record=record, beneficiary=beneficiary, actor=actor, **save)
    if document.document_type.code != DocumentType.CONSENT_FORM:
        return document
    waiting = beneficiary.consents.select_for_update().filter(signed_copy__isnull=True)
    consent = waiting.filter(pk=consent_id).first() if consent_id else waiting.first()
    if consent is not None:
        consent.signed_copy = document
        consent.save(update_fields=["signed_copy"])
    return document


def _discard_stored_files(record) -> None:
    for field in record._meta.get_fields():
        if isinstance(field, models.FileField):
            stored = getattr(record, field.name)
            if stored and stored._committed:
                stored.delete(save=False)
