"""Appointments at the desk: a slot of 15–60 minutes of one worker, on a working day, inside
the Centre's opening hours, never in the past and never over another appointment of the same
worker. The rules of a slot are checked here with a message per field; the database's exclusion
constraint `appointment_worker_not_double_booked` settles two bookings saved at the same moment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from beneficiaries.models import Beneficiary
from community_centre.calendar import WorkingCalendar
from community_centre.models import CentreProfile, User
from requests.exceptions import RequestError
from requests.models import Appointment, AssistanceRequest

DURATIONS = (15, 30, 45, 60)
DEFAULT_DURATION = 30
DOUBLE_BOOKING_CONSTRAINT = "appointment_worker_not_double_booked"
# The database constraint's own message: the form's check and a lost race say the same words.
BUSY_MESSAGE = next(
    c for c in Appointment._meta.constraints if c.name == DOUBLE_BOOKING_CONSTRAINT
).violation_error_message

Status = Appointment.Status
# Attended and no-show may be swapped to correct a slip; a cancelled slot may have been given to
# someone else, so it is booked anew rather than restored.
TRANSITIONS: dict[str, set[str]] = {
    Status.SCHEDULED: {Status.ATTENDED, Status.NO_SHOW, Status.CANCELLED},
    Status.ATTENDED: {Status.NO_SHOW},
    Status.NO_SHOW: {Status.ATTENDED},
    Status.CANCELLED: set(),
}


@dataclass(frozen=True)
class Slot:
    """Who and when, as typed at the desk: a worker, a day, a start time and a duration."""

    worker: User
    day: date
    start: time
    minutes: int

    @property
    def starts_at(self) -> datetime:
        """In Europe/Athens (the project's time zone); opening hours never meet a DST change."""
        return timezone.make_aware(datetime.combine(self.day, self.start))

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.minutes)


def closed_reason(day: date, calendar: WorkingCalendar) -> str | None:
    """Why the Centre is closed on `day` (a weekend or the holiday's name), None if open."""
    if calendar.is_working_day(day):
        return None
    return calendar.holidays(day.year).get(day) or date_format(day, "l")


def _day_errors(day: date, now: datetime, calendar: WorkingCalendar) -> list[str]:
    if day < timezone.localdate(now):
        return [_("Η ημερομηνία %(day)s έχει περάσει.") % {"day": date_format(day)}]
    reason = closed_reason(day, calendar)
    if reason is None:
        return []
    return [
        _("Το Κέντρο είναι κλειστό στις %(day)s (%(reason)s): επιλέξτε εργάσιμη ημέρα.")
        % {"day": date_format(day), "reason": reason}
    ]


def _time_errors(slot: Slot, now: datetime, centre: CentreProfile) -> list[str]:
    if slot.starts_at <= now:
        return [_("Η ώρα %(time)s έχει περάσει.") % {"time": time_format(slot.start)}]
    if slot.start < centre.opens_at:
        return [
            _("Το Κέντρο ανοίγει στις %(opens)s: το ραντεβού πρέπει να είναι εντός ωραρίου.")
            % {"opens": time_format(centre.opens_at)}
        ]
    end = timezone.localtime(slot.ends_at)
    if end.date() != slot.day or end.time() > centre.closes_at:
        return [
            _("Το ραντεβού θα τελείωνε στις %(end)s, ενώ το Κέντρο κλείνει στις %(closes)s.")
            % {"end": time_format(end.time()), "closes": time_format(centre.closes_at)}
        ]
    return []


def overlapping(slot: Slot, exclude_pk: int | None = None):
    """The worker's appointments that are not cancelled and overlap the slot [start, end)."""
    return (
        Appointment.objects.filter(
            worker=slot.worker, starts_at__lt=slot.ends_at, ends_at__gt=slot.starts_at
        )
        .exclude(status=Status.CANCELLED)
        .exclude(pk=exclude_pk)
    )


def slot_errors(
    slot: Slot,
    *,
    now: datetime | None = None,
    calendar: WorkingCalendar | None = None,
    centre: CentreProfile | None = None,
) -> dict[str, list[str]]:
    """What is wrong with `slot`, by the part of it to correct: "date", "start_time".

    Empty when the slot may be booked. The worker's diary is looked at only when the day and the
    time are otherwise fine.
    """
    now = now or timezone.now()
    errors = {"date": _day_errors(slot.day, now, calendar or WorkingCalendar())}
    if not errors["date"]:
        errors["start_time"] = _time_errors(slot, now, centre or CentreProfile.current())
        if not errors["start_time"]:
            errors["start_time"] = busy_errors(slot)
    return {part: messages for part, messages in errors.items() if messages}


def busy_errors(slot: Slot) -> list[str]:
    """Why the worker is not free then: the booking that clashes, with its time, person and
    purpose, so the desk can move one of the two (empty when free)."""
    clash = overlapping(slot).select_related("beneficiary").order_by("starts_at").first()
    if clash is None:
        return []
    start, end = timezone.localtime(clash.starts_at), timezone.localtime(clash.ends_at)
    return [
        _("Υπάρχει ήδη ραντεβού %(start)s–%(end)s με: %(person)s (%(purpose)s). Διαλέξτε άλλη ώρα.")
        % {
            "start": time_format(start, "H:i"),
            "end": time_format(end, "H:i"),
            "person": clash.beneficiary,
            "purpose": clash.purpose,
        }
    ]


def _is_double_booking(error: IntegrityError) -> bool:
    diag = getattr(error.__cause__, "diag", None)
    return getattr(diag, "constraint_name", None) == DOUBLE_BOOKING_CONSTRAINT


@transaction.atomic
def appointment_create(
    *,
    beneficiary: Beneficiary,
    slot: Slot,
    purpose: str,
    assistance_request: AssistanceRequest | None = None,
    actor: User,
) -> Appointment:
    """Book `slot` for `beneficiary`.

    Raises ValidationError keyed by "date" / "start_time" when the slot breaks a rule, also when
    another booking of the same worker was saved a moment earlier (the database refuses the
    overlap; nothing is saved), and RequestError for a worker or request that does not fit.
    """
    errors = slot_errors(slot)
    if errors:
        raise ValidationError(errors)
    if not User.objects.caseworkers().filter(pk=slot.worker.pk).exists():
        raise RequestError(_("Ραντεβού κλείνονται μόνο με κοινωνικούς λειτουργούς του Κέντρου."))
    if assistance_request is not None and assistance_request.beneficiary_id != beneficiary.pk:
        raise RequestError(_("Το αίτημα δεν ανήκει σε αυτόν τον φάκελο."))
    appointment = Appointment(
        beneficiary=beneficiary,
        worker=slot.worker,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        purpose=purpose.strip(),
        assistance_request=assistance_request,
        created_by=actor,
    )
    # The overlap was checked above with its own message; the constraint itself is enforced by
    # the database below, which also sees bookings not yet committed by others.
    appointment.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            appointment.save()
    except IntegrityError as error:
        if _is_double_booking(error):  # booked by someone else a moment ago: say by which
            raise ValidationError(
                {"start_time": busy_errors(slot) or [str(BUSY_MESSAGE)]}
            ) from error
        raise
    return appointment


@transaction.atomic
def appointment_mark(
    *,
    appointment: Appointment,
    status: str,
    expected_status: str | None = None,
    actor: User,
) -> Appointment:
    """Record that the person came, did not come, or that the appointment is cancelled.

    `expected_status` is the status the worker saw: if someone marked it meanwhile, nothing is
    overwritten. A cancelled appointment no longer holds the worker's slot.
    """
    if status not in Status.values:
        raise RequestError(_("Άγνωστη κατάσταση ραντεβού."))
    locked = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if expected_status is not None and locked.status != expected_status:
        raise RequestError(
            _("Το ραντεβού σημειώθηκε στο μεταξύ ως «%(status)s». Δεν άλλαξε τίποτα.")
            % {"status": locked.get_status_display()}
        )
    if status not in TRANSITIONS[locked.status]:
        raise RequestError(
            _("Το ραντεβού δεν μπορεί να περάσει από «%(from)s» σε «%(to)s».")
            % {"from": locked.get_status_display(), "to": Status(status).label}
        )
    reason = too_early(locked, status, timezone.now())
    if reason:
        raise RequestError(reason)
    locked.status = status
    locked.full_clean(validate_constraints=False)
    locked.save(update_fields=["status"])
    return locked


def too_early(appointment: Appointment, status: str, now: datetime) -> str | None:
    """Why `status` cannot be recorded yet, or None: attendance is known from the appointment's
    day on (the person may come early), absence only once it has begun."""
    day = timezone.localdate(appointment.starts_at)
    if status == Status.ATTENDED and day > timezone.localdate(now):
        return _("Η προσέλευση σημειώνεται από την ημέρα του ραντεβού και μετά.")
    if status == Status.NO_SHOW and appointment.starts_at > now:
        return _("Το ραντεβού δεν έχει αρχίσει ακόμη· δεν σημειώνεται ως απουσία.")
    return None


def allowed_marks(appointment: Appointment, now: datetime) -> list[str]:
    """The statuses a worker may record now, in the order of the buttons."""
    order = [Status.ATTENDED, Status.NO_SHOW, Status.CANCELLED]
    allowed = TRANSITIONS[appointment.status]
    return [s for s in order if s in allowed and too_early(appointment, s, now) is None]
