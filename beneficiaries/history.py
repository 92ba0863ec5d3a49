"""Who viewed and who changed a case file: the access log beside django-auditlog's entries."""

from __future__ import annotations

from auditlog.models import LogEntry

from beneficiaries.models import Beneficiary
from community_centre.models import AccessLog

HISTORY_LENGTH = 200


def case_file_history(beneficiary: Beneficiary) -> dict:
    """The latest views and changes of the file and of every record in it (deleted ones too).

    Every case-file model puts `beneficiary_id` in auditlog's additional_data, so one indexed
    lookup finds the changes of household members, documents, notes … even after deletion.
    """
    views = (
        AccessLog.objects.filter(beneficiary=beneficiary)
        .select_related("user")
        .order_by("-at")[:HISTORY_LENGTH]
    )
    changes = (
        LogEntry.objects.filter(additional_data__beneficiary_id=beneficiary.pk)
        .select_related("actor", "content_type")
        .order_by("-timestamp")[:HISTORY_LENGTH]
    )
    return {"views": views, "changes": changes}
