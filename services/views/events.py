"""Group activities and events for the Centre's caseworkers: the list (upcoming or past, by
kind), a new event and its corrections, the event's page with its attendance list (people found
in the register and added, marked present, removed), the head count of the others, and the
attendance sheet to print and tick.

The list and the forms name no one. The event's page, the search for attendees and the sheet
show people: each is in the access log with the people it showed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from beneficiaries import searches
from beneficiaries.history import describe_conflict
from beneficiaries.models import Beneficiary
from community_centre.audit import log_access
from community_centre.greek_order import greek_order
from community_centre.models import AccessLog, CentreProfile
from community_centre.pdf import pdf_response, render_pdf
from community_centre.submissions import already_saved, posted, submitted_once
from community_centre.versions import StaleVersion
from services.actions import events as actions
from services.actions.events import EventError
from services.forms.events import EventFilterForm, EventForm, HeadCountForm, show_problems
from services.models import Event, EventAttendance

PAGE_SIZE = 25
SEARCH_RESULTS = 8
SHEET_EMPTY_ROWS = 10  # lines for walk-ins on the printed sheet
# What the attendance list shows of each person (a case file row is wide).
PERSON_FIELDS = (
    "beneficiary__surname", "beneficiary__given_name", "beneficiary__father_name",
    "beneficiary__date_of_birth", "beneficiary__phone_mobile", "beneficiary__sex",
)  # fmt: skip


def get_event(request: HttpRequest, pk: int) -> Event:
    queryset = Event.objects.visible_to(request.user).select_related("settlement", "organiser")
    return get_object_or_404(queryset, pk=pk)


def attendances_of(event: Event):
    """The event's list, by surname and name, with only what is shown of each person."""
    own = [f.name for f in EventAttendance._meta.concrete_fields]
    return (
        EventAttendance.objects.filter(event=event)
        .select_related("beneficiary")
        .only(*own, *PERSON_FIELDS)
        .order_by(greek_order("beneficiary__surname"), greek_order("beneficiary__given_name"), "pk")
    )


def _describe(event: Event) -> str:
    return _("Δράση «%(title)s» %(day)s") % {
        "title": event.title,
        "day": event.held_on.strftime("%d/%m/%Y"),
    }


@require_GET
@permission_required("services.view_event", raise_exception=True)
def event_list(request: HttpRequest) -> HttpResponse:
    form = EventFilterForm(request.GET)
    today = timezone.localdate()
    queryset = form.filter(Event.objects.visible_to(request.user), today)
    queryset = queryset.select_related("settlement").annotate(
        present=Count("attendances", filter=Q(attendances__attended=True))
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form, "page": page, "today": today, "query": query.urlencode(),
        "past": form.shows_past,
    }  # fmt: skip
    return render(request, "services/events/event_list.html", context)


@require_http_methods(["GET", "POST"])
@permission_required("services.add_event", raise_exception=True)
def event_create(request: HttpRequest) -> HttpResponse:
    form = EventForm(posted(request), actor=request.user)
    if form.is_bound:
        with submitted_once(form.token) as once:
            if once.earlier is not None:
                return already_saved(request, once.earlier.get_absolute_url())
            if form.is_valid():
                try:
                    event = actions.event_create(
                        event=form.instance,
                        partner_bodies=form.cleaned_data["partner_bodies"],
                        actor=request.user,
                    )
                except (EventError, ValidationError) as exc:
                    _refused(form, exc)
                else:
                    once.keep(event)
                    messages.success(request, _("Η δράση «%s» καταχωρίστηκε.") % event.title)
                    return redirect(event.get_absolute_url())
    context = {"form": form, "title": _("Νέα δράση"), "cancel_url": reverse("services:event_list")}
    return render(request, "services/events/event_form.html", context)


def _refused(form, exc: Exception) -> None:
    if isinstance(exc, EventError):
        show_problems(form, exc)
    elif hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@require_http_methods(["GET", "POST"])
@permission_required("services.change_event", raise_exception=True)
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event(request, pk)
    form = EventForm(posted(request), instance=event)
    context = {"form": form, "event": event, "title": _("Επεξεργασία: %s") % event.title,
               "cancel_url": event.get_absolute_url()}  # fmt: skip
    if form.is_bound and form.is_valid():
        try:
            actions.event_update(
                event=form.instance, partner_bodies=form.cleaned_data["partner_bodies"],
                expected_version=form.expected_version, actor=request.user,
            )  # fmt: skip
        except StaleVersion as conflict:
            form.carry_version(conflict.version)
            context["conflict"] = describe_conflict(conflict)
        except (EventError, ValidationError) as exc:
            _refused(form, exc)
        else:
            messages.success(request, _("Οι αλλαγές της δράσης αποθηκεύτηκαν."))
            return redirect(event.get_absolute_url())
    return render(request, "services/events/event_form.html", context)


def _detail_page(request, event: Event, head_count_form=None, conflict=None, status=200):
    attendances = list(attendances_of(event))
    log_access(request, None, AccessLog.Action.VIEW_LIST, _describe(event),
               shown=[a.beneficiary_id for a in attendances])  # fmt: skip
    context = {
        "event": event,
        "bodies": list(event.partner_bodies.order_by("name").only("name")),
        "attendances": attendances,
        "present": sum(1 for a in attendances if a.attended),
        "head_count_form": head_count_form or HeadCountForm(event=event),
        "conflict": conflict,
        "can_change": request.user.has_perm("services.change_event"),
        "can_add_attendee": event.status != Event.Status.CANCELLED
        and request.user.has_perm("services.add_eventattendance"),
    }
    return render(request, "services/events/event_detail.html", context, status=status)


@require_GET
@permission_required("services.view_event", raise_exception=True)
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, get_event(request, pk))


@require_POST
@permission_required("services.change_event", raise_exception=True)
def head_count(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event(request, pk)
    form = HeadCountForm(request.POST, event=event)
    if not form.is_valid():
        return _detail_page(request, event, form)
    try:
        actions.event_set_head_count(
            event=event, other_attendees=form.cleaned_data["other_attendees"],
            expected_version=form.expected_version, actor=request.user,
        )  # fmt: skip
    except StaleVersion as conflict:
        form.carry_version(conflict.version)
        return _detail_page(request, get_event(request, pk), form, describe_conflict(conflict))
    except ValidationError as exc:
        form.add_error("other_attendees", exc.messages)
        return _detail_page(request, event, form)
    messages.success(request, _("Ο αριθμός των άλλων συμμετεχόντων καταχωρίστηκε."))
    return redirect(event.get_absolute_url())


@require_POST
@permission_required("services.add_eventattendance", raise_exception=True)
def attendee_search(request: HttpRequest, pk: int) -> HttpResponse:
    """As-you-type results of the register for the event's list (htmx): at most 8 people,
    with those already on the list marked. In the access log as a search."""
    event = get_event(request, pk)
    query = searches.clean_query(request.POST.get("q"))
    people = []
    if query:
        found = Beneficiary.objects.visible_to(request.user).for_list().search(query)
        people = list(found[:SEARCH_RESULTS])
        detail = _("Αναζήτηση για τη δράση «%(title)s»: «%(query)s»") % {
            "title": event.title, "query": query,
        }  # fmt: skip
        log_access(request, None, AccessLog.Action.SEARCH, detail,
                   shown=[p.pk for p in people])  # fmt: skip
    listed = set(
        EventAttendance.objects.filter(event=event, beneficiary__in=[p.pk for p in people])
        .values_list("beneficiary_id", flat=True)
    ) if people else set()  # fmt: skip
    context = {"event": event, "query": query, "people": people, "listed": listed}
    return render(request, "services/events/partials/attendee_results.html", context)


def _posted_pk(value) -> int | None:
    try:
        number = int(str(value or "").strip())
    except ValueError:
        return None
    return number if 0 < number < 2**63 else None


@require_POST
@permission_required("services.add_eventattendance", raise_exception=True)
def attendee_add(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event(request, pk)
    beneficiary_pk = _posted_pk(request.POST.get("beneficiary"))
    beneficiary = (
        Beneficiary.objects.visible_to(request.user).filter(pk=beneficiary_pk).first()
        if beneficiary_pk else None
    )  # fmt: skip
    if beneficiary is None:
        messages.error(request, _("Δεν βρέθηκε το πρόσωπο· αναζητήστε το ξανά."))
        return redirect(event.get_absolute_url())
    try:
        actions.attendee_add(event=event, beneficiary=beneficiary, actor=request.user)
    except EventError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Προστέθηκε στη λίστα: %s.") % beneficiary.full_name)
    return redirect(event.get_absolute_url())


def _get_attendance(request: HttpRequest, pk: int, attendance_pk: int) -> EventAttendance:
    event = get_event(request, pk)
    queryset = EventAttendance.objects.visible_to(request.user).select_related("beneficiary")
    return get_object_or_404(queryset, pk=attendance_pk, event=event)


@require_POST
@permission_required("services.change_eventattendance", raise_exception=True)
def attendee_mark(request: HttpRequest, pk: int, attendance_pk: int) -> HttpResponse:
    attendance = _get_attendance(request, pk, attendance_pk)
    attended = request.POST.get("attended") == "1"
    actions.attendee_mark(attendance=attendance, attended=attended, actor=request.user)
    name = attendance.beneficiary.full_name
    messages.success(
        request,
        (_("Σημειώθηκε παρών/ούσα: %s.") if attended else _("Σημειώθηκε απών/ούσα: %s.")) % name,
    )
    return redirect("services:event_detail", pk=pk)


@require_POST
@permission_required("services.delete_eventattendance", raise_exception=True)
def attendee_remove(request: HttpRequest, pk: int, attendance_pk: int) -> HttpResponse:
    attendance = _get_attendance(request, pk, attendance_pk)
    actions.attendee_remove(attendance=attendance, actor=request.user)
    messages.success(request, _("Αφαιρέθηκε από τη λίστα: %s.") % attendance.beneficiary.full_name)
    return redirect("services:event_detail", pk=pk)


@require_GET
@permission_required("services.view_event", raise_exception=True)
def attendance_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """The sheet to print and tick at the event: the registered people, numbered, with a tick
    box and a signature column, and empty rows for walk-ins. In the access log as a print."""
    event = get_event(request, pk)
    attendances = list(attendances_of(event))
    log_access(request, None, AccessLog.Action.PRINT,
               _("Φύλλο παρουσιών: %s") % _describe(event),
               shown=[a.beneficiary_id for a in attendances])  # fmt: skip
    context = {
        "event": event,
        "bodies": list(event.partner_bodies.order_by("name").only("name")),
        "attendances": attendances,
        "empty_rows": range(len(attendances) + 1, len(attendances) + 1 + SHEET_EMPTY_ROWS),
        "centre": CentreProfile.current(),
        "now": timezone.now(),
    }
    content = render_pdf("services/pdf/attendance_sheet.html", context, request)
    return pdf_response(content, f"parousies-{event.held_on:%Y-%m-%d}-{event.pk}.pdf")


urlpatterns = [
    path("events/", event_list, name="event_list"),
    path("events/new/", event_create, name="event_create"),
    path("events/<int:pk>/", event_detail, name="event_detail"),
    path("events/<int:pk>/edit/", event_edit, name="event_edit"),
    path("events/<int:pk>/head-count/", head_count, name="event_head_count"),
    path("events/<int:pk>/sheet.pdf", attendance_sheet, name="event_sheet"),
    path("events/<int:pk>/attendees/search/", attendee_search, name="attendee_search"),
    path("events/<int:pk>/attendees/add/", attendee_add, name="attendee_add"),
    path(
        "events/<int:pk>/attendees/<int:attendance_pk>/mark/", attendee_mark, name="attendee_mark"
    ),  # fmt: skip
    path(
        "events/<int:pk>/attendees/<int:attendance_pk>/remove/",
        attendee_remove,
        name="attendee_remove",
    ),  # fmt: skip
]
