"""Individual sessions: a person's sessions, a new one, a series, the page of one session with
its marks and notes, its correction, and the page of a series where each session is marked held
with its notes. Every page shows a person (and notes, personal data): each read is logged."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from beneficiaries.history import describe_changes, describe_conflict
from beneficiaries.views.common import get_case_file
from community_centre.audit import log_access, log_form_page
from community_centre.models import AccessLog
from community_centre.navigation import safe_next
from community_centre.submissions import already_saved, posted, submitted_once
from community_centre.versions import StaleVersion, format_version
from services.actions import sessions as actions
from services.actions.sessions import SessionError
from services.forms.sessions import SeriesForm, SessionForm, SessionMarkForm, show_problems
from services.models import CounsellingSession, SessionKind, SessionSeries

Status = CounsellingSession.Status
PAGE_SIZE = 50
MARK_DONE = {
    Status.HELD: gettext_lazy("Η συνεδρία σημειώθηκε ως πραγματοποιημένη."),
    Status.DID_NOT_ATTEND: gettext_lazy("Σημειώθηκε ότι το πρόσωπο δεν προσήλθε."),
    Status.CANCELLED: gettext_lazy("Η συνεδρία ακυρώθηκε· η ώρα είναι πάλι ελεύθερη."),
    Status.PLANNED: gettext_lazy("Η συνεδρία είναι πάλι προγραμματισμένη."),
}


def get_session(request: HttpRequest, pk: int) -> CounsellingSession:
    """The session `pk` with its person, worker, request and series, if the user may see it."""
    queryset = CounsellingSession.objects.visible_to(request.user).select_related(
        "beneficiary", "worker", "assistance_request__category", "series"
    )
    return get_object_or_404(queryset, pk=pk)


def _log(request: HttpRequest, beneficiary, detail: str) -> None:
    log_access(request, beneficiary, AccessLog.Action.VIEW_SECTION, detail)


@require_GET
@permission_required("services.view_counsellingsession", raise_exception=True)
def session_list(request: HttpRequest, beneficiary_pk: int) -> HttpResponse:
    beneficiary = get_case_file(request, beneficiary_pk)
    sessions = (
        CounsellingSession.objects.visible_to(request.user)
        .filter(beneficiary=beneficiary)
        .select_related("worker", "series")
        .order_by("-date", "-start_time", "-pk")
    )
    page = Paginator(sessions, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = dict(
        sessions.order_by().filter(status=Status.HELD).values_list("kind")
        .annotate(n=Count("pk")).values_list("kind", "n")
    )  # fmt: skip
    _log(request, beneficiary, _("Συνεδρίες"))
    context = {
        "b": beneficiary,
        "page": page,
        "held_by_kind": [
            (kind.label, counts[kind.value]) for kind in SessionKind if kind.value in counts
        ],  # fmt: skip
        "today": timezone.localdate(),
    }
    return render(request, "services/sessions/session_list.html", context)


@require_http_methods(["GET", "POST"])
@permission_required("services.add_counsellingsession", raise_exception=True)
def session_create(request: HttpRequest, beneficiary_pk: int) -> HttpResponse:
    beneficiary = get_case_file(request, beneficiary_pk)
    form = SessionForm(posted(request), beneficiary=beneficiary, user=request.user)

    def save() -> CounsellingSession:
        data = form.cleaned_data
        return actions.session_create(
            beneficiary=beneficiary, kind=data["kind"], slot=form.slot(), status=data["status"],
            notes=data["notes"], assistance_request=data["assistance_request"],
            actor=request.user,
        )  # fmt: skip

    def done(session: CounsellingSession) -> str:
        return _("Η συνεδρία καταχωρίστηκε: %(s)s.") % {"s": _describe(session)}

    if form.is_bound and (saved := _create_once(request, form, save, done)) is not None:
        return saved
    title = _("Νέα συνεδρία")
    log_form_page(request, beneficiary, title)
    return render(request, "services/sessions/session_form.html",
                  {"form": form, "b": beneficiary, "title": title})  # fmt: skip


def _create_once(request, form, save, done) -> HttpResponse | None:
    """Save a creating form once (community_centre.submissions): a second copy of the same page
    lands on what the first saved; a refusal goes beside its field (None: show the form)."""
    with submitted_once(form.token) as once:
        if once.earlier is not None:
            return already_saved(request, once.earlier.get_absolute_url())
        if not form.is_valid():
            return None
        try:
            record = once.keep(save())
        except SessionError as error:
            show_problems(form, error)
            return None
        messages.success(request, done(record))
        return redirect(record.get_absolute_url())


def _describe(session: CounsellingSession) -> str:
    return f"{date_format(session.date, 'l d/m/Y')} {session.start_time:%H:%M}"


def _detail_page(request, session, mark_form=None, conflict=None) -> HttpResponse:
    today = timezone.localdate()
    context = {
        "s": session,
        "b": session.beneficiary,
        "marks": actions.allowed_marks(session, today),
        "mark_form": mark_form or SessionMarkForm(session=session),
        "conflict": conflict,
        "statuses": Status,
        "history": _history(session),
    }
    return render(request, "services/sessions/session_detail.html", context)


def _history(session: CounsellingSession, limit: int = 10) -> list[LogEntry]:
    """Who recorded, corrected and marked the session, newest first (django-auditlog)."""
    entries = list(
        LogEntry.objects.get_for_object(session).select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")[:limit]
    )  # fmt: skip
    describe_changes(entries)
    return entries


@require_GET
@permission_required("services.view_counsellingsession", raise_exception=True)
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session(request, pk)
    _log(request, session.beneficiary, _("Συνεδρία %(s)s") % {"s": _describe(session)})
    return _detail_page(request, session)


@require_http_methods(["GET", "POST"])
@permission_required("services.change_counsellingsession", raise_exception=True)
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session(request, pk)
    form = SessionForm(posted(request), beneficiary=session.beneficiary, user=request.user,
                       session=session)  # fmt: skip
    context = {"form": form, "b": session.beneficiary, "s": session,
               "title": _("Διόρθωση συνεδρίας")}  # fmt: skip
    if not form.is_bound:
        _log(request, session.beneficiary, str(context["title"]))
    elif form.is_valid():
        try:
            actions.session_update(
                session=form.apply(session),
                expected_version=form.expected_version,
                actor=request.user,
            )
        except StaleVersion as conflict:
            form.carry_version(conflict.version)
            context["conflict"] = describe_conflict(conflict)
        except SessionError as error:
            show_problems(form, error)
        else:
            messages.success(request, _("Η συνεδρία αποθηκεύτηκε."))
            return redirect(session.get_absolute_url())
    return render(request, "services/sessions/session_form.html", context)


@require_POST
@permission_required("services.change_counsellingsession", raise_exception=True)
def session_mark(request: HttpRequest, pk: int) -> HttpResponse:
    """A mark from the session's page, its series' list or «My work»: back where it came from
    when saved; otherwise the session's page with the refusal and the notes as typed."""
    session = get_session(request, pk)
    form = SessionMarkForm(request.POST, session=session)
    if not form.is_valid():
        return _detail_page(request, session, form)
    status = form.cleaned_data["status"]
    try:
        actions.session_mark(session=session, status=status,
                             expected_version=form.expected_version, notes=form.typed_notes,
                             actor=request.user)  # fmt: skip
    except StaleVersion as conflict:
        form.carry_version(conflict.version)
        return _detail_page(request, get_session(request, pk), form, describe_conflict(conflict))
    except SessionError as error:
        show_problems(form, error)
        return _detail_page(request, session, form)
    messages.success(request, MARK_DONE[status])
    return redirect(safe_next(request) or session.get_absolute_url())


@require_http_methods(["GET", "POST"])
@permission_required("services.add_sessionseries", raise_exception=True)
def series_create(request: HttpRequest, beneficiary_pk: int) -> HttpResponse:
    beneficiary = get_case_file(request, beneficiary_pk)
    form = SeriesForm(posted(request), beneficiary=beneficiary, user=request.user)

    def save() -> SessionSeries:
        return actions.series_create(series=form.build(), actor=request.user)

    def done(series: SessionSeries) -> str:
        return _("Προγραμματίστηκαν %(n)d συνεδρίες.") % {"n": series.count}

    if form.is_bound and (saved := _create_once(request, form, save, done)) is not None:
        return saved
    title = _("Σειρά συνεδριών")
    log_form_page(request, beneficiary, title)
    return render(request, "services/sessions/series_form.html",
                  {"form": form, "b": beneficiary, "title": title})  # fmt: skip


@require_GET
@permission_required("services.view_sessionseries", raise_exception=True)
def series_detail(request: HttpRequest, pk: int) -> HttpResponse:
    series = get_object_or_404(
        SessionSeries.objects.visible_to(request.user).select_related("beneficiary", "worker"),
        pk=pk,
    )
    today = timezone.localdate()
    sessions = list(
        CounsellingSession.objects.visible_to(request.user).filter(series=series)
        .select_related("worker").order_by("series_position")
    )  # fmt: skip
    for session in sessions:
        session.marks = actions.allowed_marks(session, today)
        session.version = format_version(session.updated_at)
    _log(request, series.beneficiary, _("Σειρά συνεδριών %(s)s") % {"s": series})
    context = {
        "series": series,
        "b": series.beneficiary,
        "sessions": sessions,
        "held": sum(s.status == Status.HELD for s in sessions),
        "statuses": Status,
        "here": request.get_full_path(),
    }
    return render(request, "services/sessions/series_detail.html", context)
