"""Group activities and events: created and corrected with the version the form was opened at
(`StaleVersion` otherwise: nothing saved), the head count of the anonymous attendees, and the
registered beneficiaries on the list (added once, removed, marked present or absent).

Each action is one transaction and raises `EventError` with Greek messages by form field when
the rules refuse. Every change is in the audit log (services.apps)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beneficiaries.models import Beneficiary
from community_centre.models import User
from community_centre.versions import lock_unchanged
from referrals.exceptions import NON_FIELD
from referrals.models import PartnerBody
from services.models import Event, EventAttendance

# What the edit form changes (the head count has its own small form on the event's page).
EDIT_FIELDS = [
    "title", "kind", "held_on", "starts_at", "ends_at", "place", "settlement", "notes",
    "organiser", "status",
]  # fmt: skip


class EventError(Exception):
    """An event action the rules forbid; `problems` maps form fields (or NON_FIELD) to Greek
    messages. Nothing was saved."""

    def __init__(self, problems: dict[str, str] | str) -> None:
        self.problems = problems if isinstance(problems, dict) else {NON_FIELD: problems}
        super().__init__(" ".join(str(m) for m in self.problems.values()))


def event_problems(event: Event) -> dict[str, str]:
    """What is wrong with the event as typed, by form field."""
    problems = {}
    starts, ends = event.starts_at, event.ends_at
    if starts is not None and ends is not None and ends <= starts:
        problems["ends_at"] = _("Η ώρα λήξης πρέπει να είναι μετά την ώρα έναρξης.")
    if event.status == Event.Status.HELD and event.held_on and event.held_on > timezone.localdate():
        problems["status"] = _(
            "Η δράση δεν έχει γίνει ακόμη· σημειώνεται «Πραγματοποιήθηκε» από την ημέρα της."
        )
    return problems


def _check(event: Event) -> None:
    problems = event_problems(event)
    if problems:
        raise EventError(problems)
    event.title, event.place = event.title.strip(), event.place.strip()
    event.full_clean()


@transaction.atomic
def event_create(*, event: Event, partner_bodies: Iterable[PartnerBody], actor: User) -> Event:
    """Save the new event typed in `event` with its partner bodies; the organiser is the actor
    unless another was chosen."""
    if event.organiser_id is None:
        event.organiser = actor
    _check(event)
    event.save()
    event.partner_bodies.set(partner_bodies)
    return event


@transaction.atomic
def event_update(
    *,
    event: Event,
    partner_bodies: Iterable[PartnerBody],
    expected_version: datetime | None,
    actor: User,
) -> Event:
    """Save the corrections typed on `event` unless it changed since the form was opened."""
    lock_unchanged(Event, event.pk, expected_version)
    _check(event)
    event.save(update_fields=[*EDIT_FIELDS, "updated_at"])
    event.partner_bodies.set(partner_bodies)
    return event


@transaction.atomic
def event_set_head_count(
    *, event: Event, other_attendees: int, expected_version: datetime | None, actor: User
) -> Event:
    """Record how many people not in the register attended (the form bounds it)."""
    locked = lock_unchanged(Event, event.pk, expected_version)
    locked.other_attendees = other_attendees
    locked.full_clean()
    locked.save(update_fields=["other_attendees", "updated_at"])
    return locked


@transaction.atomic
def attendee_add(*, event: Event, beneficiary: Beneficiary, actor: User) -> EventAttendance:
    """Put `beneficiary` on the event's list, once: present if the event's day has come,
    registered (not yet present) before it. A second add of the same person is refused."""
    if event.status == Event.Status.CANCELLED:
        raise EventError(_("Η δράση ακυρώθηκε· δεν προστίθενται συμμετέχοντες."))
    if EventAttendance.objects.filter(event=event, beneficiary=beneficiary).exists():
        raise EventError(
            _("Ήδη στη λίστα της δράσης: %(person)s.") % {"person": beneficiary.full_name}
        )
    attendance = EventAttendance(
        event=event,
        beneficiary=beneficiary,
        attended=event.held_on <= timezone.localdate(),
        added_by=actor,
    )
    try:
        with transaction.atomic():  # two adds at once: the second meets the unique constraint
            attendance.save()
    except IntegrityError as exc:
        raise EventError(
            _("Ήδη στη λίστα της δράσης: %(person)s.") % {"person": beneficiary.full_name}
        ) from exc
    return attendance


@transaction.atomic
def attendee_mark(*, attendance: EventAttendance, attended: bool, actor: User) -> EventAttendance:
    """Mark a registered person present or absent."""
    locked = EventAttendance.objects.select_for_update().get(pk=attendance.pk)
    locked.attended = attended
    locked.save(update_fields=["attended"])
    return locked


@transaction.atomic
def attendee_remove(*, attendance: EventAttendance, actor: User) -> None:
    """Take a person off the event's list (the audit log keeps that they were on it)."""
    attendance.delete()
