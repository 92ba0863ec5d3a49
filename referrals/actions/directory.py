"""The partner directory kept by staff: bodies and their services, created and corrected with
the version the form was opened at (`StaleVersion` otherwise, nothing saved). Nothing is ever
deleted: a body or a service that stops is taken out of operation (`is_active`)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from community_centre.models import User
from community_centre.versions import lock_unchanged
from referrals.models import PartnerBody, PartnerService


@transaction.atomic
def partner_body_create(*, body: PartnerBody, actor: User) -> PartnerBody:
    """Save the new body typed in `body` (the change is in the audit log with `actor`)."""
    body.full_clean()
    body.save()
    return body


@transaction.atomic
def partner_body_update(
    *, body: PartnerBody, expected_version: datetime | None, actor: User
) -> PartnerBody:
    """Save the corrections typed on `body` unless it changed since the form was opened."""
    lock_unchanged(PartnerBody, body.pk, expected_version)
    body.full_clean()
    body.save()
    return body


@transaction.atomic
def partner_service_save(
    *,
    service: PartnerService,
    document_types,
    need_categories,
    expected_version: datetime | None = None,
    actor: User,
) -> PartnerService:
    """Create the service typed in `service`, or save its corrections (from
    `expected_version`), with the documents it needs and the needs it answers."""
    if service.pk is not None:
        lock_unchanged(PartnerService, service.pk, expected_version)
    service.full_clean()
    service.save()
    service.required_document_types.set(document_types)
    service.need_categories.set(need_categories)
    return service
