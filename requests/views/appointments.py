"""Appointments: book one for a beneficiary, mark it attended / no-show / cancelled, and the day
agenda of a worker, on screen and as an A4 PDF."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from beneficiaries.forms import caseworker_choices
from beneficiaries.views.common import get_case_file
from community_centre.audit import log_access, log_form_page
from community_centre.calendar import WorkingCalendar
from community_centre.models import AccessLog, CentreProfile, User
from community_centre.navigation import redirect_after_save
from community_centre.pdf import pdf_response, render_pdf
from community_centre.submissions import already_saved, posted, submitted_once
from requests.actions import appointments as actions
from requests.exceptions import RequestError
from requests.forms.appointments import AgendaForm, AppointmentForm, AppointmentMarkForm
from requests.models import Appointment
from requests.work import sees_everyones_work

# The coordinator's «sees everyone's work», the same permission as in «Η εργασία μου».
MARK_DONE = {
    Appointment.Status.ATTENDED: gettext_lazy("Σημειώθηκε ότι προσήλθε."),
    Appointment.Status.NO_SHOW: gettext_lazy("Σημειώθηκε ότι δεν προσήλθε."),
    Appointment.Status.CANCELLED: gettext_lazy("Το ραντεβού ακυρώθηκε· η ώρα είναι πάλι ελεύθερη."),
}


def agenda_url(worker: User, day: date, name: str = "requests:agenda") -> str:
    query = urlencode({"worker": worker.pk, "date": day.strftime("%d/%m/%Y")})
    return f"{reverse(name)}?{query}"


@require_http_methods(["GET", "POST"])
@permission_required("requests.add_appointment", raise_exception=True)
def appointment_create(request: HttpRequest, beneficiary_pk: int) -> HttpResponse:
    beneficiary = get_case_file(request, beneficiary_pk)
    form = AppointmentForm(posted(request), beneficiary=beneficiary, user=request.user)
    if form.is_bound:
        with submitted_once(form.token) as once:
            if once.earlier is not None:  # a double click: the appointment is already booked
                return already_saved(request, appointment_url(once.earlier))
            appointment = _book(request, form, beneficiary)
            if appointment is not None:
                once.keep(appointment)
                starts_at = timezone.localtime(appointment.starts_at)
                messages.success(
                    request,
                    _("Το ραντεβού κλείστηκε: %(day)s %(time)s.")
                    % {"day": date_format(starts_at, "l d/m/Y"), "time": f"{starts_at:%H:%M}"},
                )
                return redirect(appointment_url(appointment))
    log_form_page(request, beneficiary, _("Νέο ραντεβού"))
    return render(request, "requests/appointment_form.html", {"form": form, "b": beneficiary})


def appointment_url(appointment: Appointment) -> str:
    """Where an appointment shows: its worker's agenda of its day."""
    return agenda_url(appointment.worker, timezone.localdate(appointment.starts_at))


def _book(request: HttpRequest, form: AppointmentForm, beneficiary) -> Appointment | None:
    """The appointment booked from a valid form; None, with the refusal on the form."""
    if not form.is_valid():
        return None
    try:
        return actions.appointment_create(
            beneficiary=beneficiary,
            slot=form.slot(),
            purpose=form.cleaned_data["purpose"],
            assistance_request=form.cleaned_data["assistance_request"],
            actor=request.user,
        )
    except ValidationError as error:  # booked by someone else a moment ago
        form.add_error(None, error)
    except RequestError as error:
        form.add_error(None, str(error))
    return None


@require_POST
@permission_required("requests.change_appointment", raise_exception=True)
def appointment_mark(request: HttpRequest, pk: int) -> HttpResponse:
    appointment = get_object_or_404(
        Appointment.objects.visible_to(request.user).select_related("worker"), pk=pk
    )
    form = AppointmentMarkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Επιλέξτε τι να σημειωθεί για το ραντεβού."))
    else:
        status = form.cleaned_data["status"]
        try:
            actions.appointment_mark(
                appointment=appointment,
                status=status,
                expected_status=form.cleaned_data["expected_status"] or None,
                actor=request.user,
            )
        except RequestError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, MARK_DONE[status])
    return redirect_after_save(request, appointment_url(appointment))


@dataclass
class AgendaDay:
    """One worker's day: the appointments and what the page needs around them."""

    form: AgendaForm
    worker: User
    day: date | None
    appointments: list
    closed_reason: str | None = None
    previous_day: date | None = None
    next_day: date | None = None


def _agenda_day(request: HttpRequest) -> AgendaDay:
    """The worker (oneself, or anyone for the coordinator) and the day (today) asked for."""
    can_choose = sees_everyones_work(request.user)
    workers = list(caseworker_choices()) if can_choose else None
    form = AgendaForm(request.GET, workers=workers)
    if not form.is_valid():
        return AgendaDay(form, request.user, None, [])
    worker = form.cleaned_data.get("worker") or request.user
    day = form.cleaned_data.get("date") or timezone.localdate()
    calendar = WorkingCalendar()
    return AgendaDay(
        # Shown again with the day and worker filled in, also when the query string left them out.
        form=AgendaForm(initial={"worker": worker.pk, "date": day}, workers=workers),
        worker=worker,
        day=day,
        appointments=_appointments_of(request.user, worker, day),
        closed_reason=actions.closed_reason(day, calendar),
        previous_day=calendar.add_working_days(day, -1),
        next_day=calendar.add_working_days(day, 1),
    )


def _appointments_of(user, worker: User, day: date) -> list[Appointment]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    now = timezone.now()
    appointments = list(
        Appointment.objects.visible_to(user)
        .filter(worker=worker, starts_at__gte=start, starts_at__lt=start + timedelta(days=1))
        .select_related("beneficiary", "assistance_request")
        .order_by("starts_at", "pk")
    )
    for appointment in appointments:
        appointment.marks = actions.allowed_marks(appointment, now)
    return appointments


def _log_agenda(request: HttpRequest, agenda_day: AgendaDay, action: str) -> None:
    day = date_format(agenda_day.day) if agenda_day.day else "—"
    detail = _("Ημερήσιο πρόγραμμα %(day)s, %(worker)s") % {
        "day": day,
        "worker": agenda_day.worker,
    }
    shown = [appointment.beneficiary_id for appointment in agenda_day.appointments]
    log_access(request, None, action, detail, shown=shown)


@require_GET
@permission_required("requests.view_appointment", raise_exception=True)
def agenda(request: HttpRequest) -> HttpResponse:
    agenda_day = _agenda_day(request)
    _log_agenda(request, agenda_day, AccessLog.Action.VIEW_LIST)
    context = {
        "agenda": agenda_day,
        "here": request.get_full_path(),
        "pdf_url": agenda_url(agenda_day.worker, agenda_day.day, "requests:agenda_pdf")
        if agenda_day.day
        else "",
        "statuses": Appointment.Status,
    }
    return render(request, "requests/agenda.html", context)


@require_GET
@permission_required("requests.view_appointment", raise_exception=True)
def agenda_pdf(request: HttpRequest) -> HttpResponse:
    agenda_day = _agenda_day(request)
    if agenda_day.day is None:  # a mistyped date: the page says what is wrong
        return redirect(f"{reverse('requests:agenda')}?{request.GET.urlencode()}")
    _log_agenda(request, agenda_day, AccessLog.Action.PRINT)
    context = {"agenda": agenda_day, "centre": CentreProfile.current(), "now": timezone.now()}
    content = render_pdf("requests/pdf/agenda.html", context, request)
    return pdf_response(content, f"programma-{agenda_day.day:%Y-%m-%d}.pdf")
