"""What the services app adds to the subject-access export: benefit applications (the members
covered, the checklist, the external submission, the outcome, the status history), counselling
sessions and their series, and the events the person was listed at."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from beneficiaries.subject_access.case_file import document_label
from beneficiaries.subject_access.registry import register_part
from beneficiaries.subject_access.values import Group, Record, field_item, fields_of, item
from services.models import (
    ApplicationDocument,
    ApplicationStatusChange,
    BenefitApplication,
    CounsellingSession,
    Event,
    EventAttendance,
    SessionSeries,
)

# What of an event the person's export shows: the event itself, not its notes (which are the
# Centre's and may name others) nor its organiser.
EVENT_FIELDS = ("title", "kind", "held_on", "starts_at", "ends_at", "place", "settlement", "status")


def _moved(change) -> str:
    return f"{change.get_from_status_display() or '—'} → {change.get_to_status_display()}"


def _checklist_line(line: ApplicationDocument) -> Record:
    path, text = document_label(line.document)
    items = fields_of(line, exclude=("id", "application", "document", "requested_item"))
    items.append(item("document_file", _("Έγγραφο του φακέλου"), path, text))
    return Record(str(line), items)


def _application(application: BenefitApplication) -> Record:
    members = [str(member) for member in application.covered_members.all()]
    items = fields_of(application)
    items.append(item("covered_members", _("Μέλη που καλύπτει"), members))
    checklist = [_checklist_line(line) for line in application.items.all()]
    history = [
        Record(_moved(change), fields_of(change, exclude=("id", "application")))
        for change in application.history.all()
    ]
    groups = [
        Group("checklist", _("Δικαιολογητικά της αίτησης"), checklist),
        Group("status_history", _("Ιστορικό κατάστασης"), history),
    ]
    title = f"{application.programme}: {application}"
    return Record(title, items, groups)


def benefit_applications(beneficiary) -> list[Record]:
    lines = ApplicationDocument.objects.select_related("document_type", "member", "document")
    rows = (
        BenefitApplication.objects.filter(beneficiary=beneficiary)
        .select_related("programme", "worker", "document_request", "renewed_by")
        .prefetch_related(
            "covered_members",
            Prefetch("items", lines.order_by("position", "pk")),
            Prefetch("history", ApplicationStatusChange.objects.order_by("at", "pk")),
        )
        .order_by("created_at", "pk")
    )
    return [_application(application) for application in rows]


def counselling_sessions(beneficiary) -> list[Record]:
    rows = (
        CounsellingSession.objects.filter(beneficiary=beneficiary)
        .select_related("worker", "series", "assistance_request__category")
        .order_by("date", "start_time", "pk")
    )
    return [Record(str(session), fields_of(session)) for session in rows]


def session_series(beneficiary) -> list[Record]:
    rows = (
        SessionSeries.objects.filter(beneficiary=beneficiary)
        .select_related("worker", "assistance_request__category")
        .order_by("first_date", "pk")
    )
    return [Record(str(series), fields_of(series)) for series in rows]


def events_attended(beneficiary) -> list[Record]:
    rows = (
        EventAttendance.objects.filter(beneficiary=beneficiary)
        .select_related("event__settlement")
        .prefetch_related(Prefetch("event__partner_bodies"))
        .order_by("event__held_on", "pk")
    )
    return [_attendance(row) for row in rows]


def _attendance(row: EventAttendance) -> Record:
    event_fields = [Event._meta.get_field(name) for name in EVENT_FIELDS]
    items = [field_item(row.event, f) for f in event_fields]
    bodies = [body.name for body in row.event.partner_bodies.all()]
    items.append(item("partner_bodies", _("Συνεργαζόμενοι φορείς"), bodies))
    items += fields_of(row, exclude=("event",))
    return Record(str(row.event), items)


def register() -> None:
    """Called by ServicesConfig.ready()."""
    register_part(
        "benefit_applications",
        gettext_lazy("Αιτήσεις παροχών"),
        benefit_applications,
        order=300,
        models=(BenefitApplication, ApplicationDocument, ApplicationStatusChange),
    )
    register_part(
        "counselling_sessions",
        gettext_lazy("Συνεδρίες συμβουλευτικής"),
        counselling_sessions,
        order=310,
        models=(CounsellingSession,),
    )
    register_part(
        "session_series",
        gettext_lazy("Σειρές συνεδριών"),
        session_series,
        order=320,
        models=(SessionSeries,),
    )
    register_part(
        "events_attended",
        gettext_lazy("Δράσεις και εκδηλώσεις"),
        events_attended,
        order=330,
        models=(EventAttendance,),
    )
