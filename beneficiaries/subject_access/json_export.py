"""The machine-readable copy (docs/subject_access_format.md): stable English keys, ISO dates."""

from __future__ import annotations

import json

from django.utils import timezone

from beneficiaries.subject_access.collect import Export
from beneficiaries.subject_access.values import json_value
from community_centre.models import CentreProfile

FORMAT = "community-centre-subject-access/1"


def as_data(export: Export, centre: CentreProfile) -> dict:
    b = export.beneficiary
    return {
        "format": FORMAT,
        "produced_at": timezone.localtime(export.produced_at).isoformat(),
        "controller": {
            "name": centre.name,
            "municipality": centre.municipality,
            "dpo_contact": centre.dpo_contact,
        },
        "request": {
            "received_on": export.requested_on.isoformat(),
            "channel": export.channel,
        },
        "subject": {
            "id": b.pk,
            "surname": b.surname,
            "given_name": b.given_name,
            "date_of_birth": json_value(b.date_of_birth),
        },
        "parts": {
            section.key: {
                "title": section.title,
                "records": [record.as_json() for record in section.records],
            }
            for section in export.sections
        },
        "files": export.files,
    }


def as_json(export: Export, centre: CentreProfile) -> bytes:
    return json.dumps(as_data(export, centre), ensure_ascii=False, indent=2).encode()
