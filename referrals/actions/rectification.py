"""Telling partner bodies of a rectification: a task for each referral that gave the body a
value since corrected (made inside the rectification's transaction), marked done by a worker
(printed notice, email, phone) or acknowledged by the body's own account. Each move locks the
task; a task already done refuses a second move (`ReferralError`), nothing saved."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community_centre.models import User
from referrals.exceptions import ReferralError
from referrals.models import InformedHow, RectificationTask, Referral

ALREADY_DONE = gettext_lazy("Η ενημέρωση του φορέα είχε ήδη καταχωριστεί.")


@transaction.atomic
def rectification_task_create(*, referral: Referral, rectification, items: list[dict]):
    """The task of telling `referral`'s body of `rectification` (one per referral)."""
    task = RectificationTask(
        referral=referral, rectification=rectification,
        beneficiary_id=referral.beneficiary_id, items=items,
    )  # fmt: skip
    task.full_clean()
    task.save()
    return task


def _finish(task: RectificationTask, *, on: date, how: str, note: str, actor: User):
    locked = RectificationTask.objects.select_for_update().get(pk=task.pk)
    if not locked.is_open:
        raise ReferralError(str(ALREADY_DONE))
    locked.status = RectificationTask.Status.DONE
    locked.informed_on, locked.informed_how, locked.note = on, how, note.strip()
    locked.done_by, locked.done_at = actor, timezone.now()
    locked.full_clean()
    locked.save()
    return locked


@transaction.atomic
def rectification_task_done(
    *, task: RectificationTask, informed_on: date, how: str, note: str = "", actor: User
) -> RectificationTask:
    """A worker records that the body was told of the correction, when and how."""
    if how not in dict(InformedHow.choices) or how == InformedHow.PARTNER_ACCOUNT:
        raise ReferralError(_("Επιλέξτε πώς ενημερώθηκε ο φορέας."))
    return _finish(task, on=informed_on, how=how, note=note, actor=actor)


@transaction.atomic
def rectification_task_acknowledge(*, task: RectificationTask, actor: User) -> RectificationTask:
    """The body's own account confirms that it has taken the correction into its records."""
    return _finish(task, on=timezone.localdate(), how=InformedHow.PARTNER_ACCOUNT, note="",
                   actor=actor)  # fmt: skip
