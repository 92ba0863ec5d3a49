"""The coordinator's retention actions: a legal hold on a case file, a policy's period."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beneficiaries.models import Beneficiary, LegalHoldChange, RetentionPolicy
from community_centre.models import User
from community_centre.versions import lock_unchanged


class LegalHoldError(Exception):
    """A hold placed twice, lifted when there is none, or on an anonymised file."""


@transaction.atomic
def legal_hold_place(*, beneficiary: Beneficiary, reason: str, actor: User) -> Beneficiary:
    """Keep the file out of every anonymisation until the hold is lifted, saying why."""
    return _move(beneficiary, placed=True, reason=reason, actor=actor)


@transaction.atomic
def legal_hold_lift(*, beneficiary: Beneficiary, reason: str, actor: User) -> Beneficiary:
    """Let the retention policy apply to the file again, saying why."""
    return _move(beneficiary, placed=False, reason=reason, actor=actor)


def _move(beneficiary: Beneficiary, *, placed: bool, reason: str, actor: User) -> Beneficiary:
    locked = Beneficiary.objects.select_for_update().get(pk=beneficiary.pk)
    if locked.anonymised_at is not None:
        raise LegalHoldError(_("Ο φάκελος έχει ήδη ανωνυμοποιηθεί."))
    if locked.legal_hold == placed:
        raise LegalHoldError(
            _("Ο φάκελος είναι ήδη σε δέσμευση.")
            if placed
            else _("Ο φάκελος δεν είναι σε δέσμευση.")
        )
    reason = (reason or "").strip()
    if not reason:
        raise LegalHoldError(_("Γράψτε την αιτιολογία."))
    change = LegalHoldChange(beneficiary=locked, placed=placed, reason=reason, actor=actor)
    change.full_clean()
    change.save()
    locked.legal_hold = placed
    locked.legal_hold_reason = reason if placed else ""
    locked.legal_hold_by = actor if placed else None
    locked.legal_hold_at = timezone.now() if placed else None
    locked.save(
        update_fields=[
            "legal_hold",
            "legal_hold_reason",
            "legal_hold_by",
            "legal_hold_at",
            "updated_at",
        ]
    )
    return locked


@transaction.atomic
def retention_policy_update(
    *, policy: RetentionPolicy, expected_version: datetime | None, actor: User
) -> RetentionPolicy:
    """Save a policy's new period unless it changed since the form was opened (`StaleVersion`)."""
    lock_unchanged(RetentionPolicy, policy.pk, expected_version)
    policy.updated_by = actor
    policy.full_clean()
    policy.save()
    return policy
