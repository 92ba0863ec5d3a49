"""The status a record had at a moment, from its status-history table, as an SQL expression.

Every history table (requests.RequestStatusChange, referrals.ReferralStatusChange,
services.ApplicationStatusChange) records the creation as a row from "" to the first status, and
each move as a row from → to, timestamped `at`. The status at the end of a period is the `to` of
the latest row before the end; failing that (the record was entered later, backdated), the
status it started with — the earliest row's `from`, or its `to` when that row is the creation;
failing that (no history at all, as in bulk-loaded data), the status it has now.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import F, Model, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, NullIf


def status_at(history: type[Model], link: str, moment: datetime) -> Coalesce:
    """The status of the outer row at `moment`; `link` is the history's foreign key to it."""
    rows = history.objects.filter(**{link: OuterRef("pk")})
    latest = rows.filter(at__lt=moment).order_by("-at", "-pk").values("to_status")[:1]
    initial = (
        rows.order_by("at", "pk")
        .annotate(initial=Coalesce(NullIf("from_status", Value("")), "to_status"))
        .values("initial")[:1]
    )
    return Coalesce(Subquery(latest), Subquery(initial), F("status"))
