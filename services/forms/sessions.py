"""Forms of individual sessions: one session (new or corrected), a series, and the marks
(held / did not attend / cancelled) with the notes. They validate what was typed, with Greek
messages beside each field; the actions apply the rules that need the database and save."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from beneficiaries.forms import DateField, caseworker_choices
from beneficiaries.models import Beneficiary
from community_centre.models import User
from community_centre.submissions import OnceForm
from community_centre.versions import VersionedForm
from requests.forms.appointments import TimeField
from requests.models import AssistanceRequest
from requests.work import sees_everyones_work
from services.actions.sessions import NON_FIELD, SessionError, Slot
from services.models import CounsellingSession, SessionKind, SessionSeries
from services.models.sessions import MAX_MINUTES, MAX_SERIES, MIN_MINUTES

SELECT = {"class": "form-select"}
Status = CounsellingSession.Status
CHOICE_ERROR = _("Επιλέξτε από τη λίστα.")


def show_problems(form: forms.BaseForm, error: SessionError) -> None:
    """Each refusal beside its field (or above the form when the form has no such field)."""
    for field, message in error.problems.items():
        form.add_error(field if field in form.fields else None, message)


def worker_choices(user: User, current: User | None = None) -> QuerySet:
    """Whom a session may be recorded for: anyone for the coordinator, else oneself (and the
    worker already on the session)."""
    if sees_everyones_work(user):
        if current is None:
            return caseworker_choices()
        # A departed worker's session keeps its worker until someone else is chosen.
        return caseworker_choices() | User.objects.filter(pk=current.pk)
    pks = {user.pk} | ({current.pk} if current is not None else set())
    return User.objects.filter(pk__in=pks).order_by("last_name", "first_name")


def request_choices(beneficiary: Beneficiary) -> QuerySet:
    return (
        AssistanceRequest.objects.filter(beneficiary=beneficiary)
        .select_related("category")
        .order_by("-received_at", "-pk")
    )


def _duration_field() -> forms.IntegerField:
    bounds = _("Η διάρκεια είναι από %(min)d έως %(max)d λεπτά.") % {
        "min": MIN_MINUTES,
        "max": MAX_MINUTES,
    }
    return forms.IntegerField(
        label=_("Διάρκεια (λεπτά)"),
        min_value=MIN_MINUTES,
        max_value=MAX_MINUTES,
        initial=45,
        error_messages={
            "required": _("Γράψτε τη διάρκεια σε λεπτά."),
            "invalid": _("Γράψτε τη διάρκεια ως ακέραιο αριθμό λεπτών (π.χ. 45)."),
            "min_value": bounds,
            "max_value": bounds,
        },
    )


class _SessionFields(forms.Form):
    """What a session and a series share: kind, time, duration, worker, request."""

    kind = forms.ChoiceField(
        label=_("Είδος"),
        choices=SessionKind.choices,
        error_messages={"required": _("Επιλέξτε το είδος της συνεδρίας."),
                        "invalid_choice": CHOICE_ERROR},
    )  # fmt: skip
    start_time = TimeField(
        label=_("Ώρα έναρξης"), error_messages={"required": _("Γράψτε την ώρα έναρξης.")}
    )
    duration_minutes = _duration_field()
    worker = forms.ModelChoiceField(
        label=_("Κοινωνικός/ή λειτουργός"),
        queryset=User.objects.none(),
        error_messages={"required": _("Επιλέξτε ποιος/α κάνει τη συνεδρία."),
                        "invalid_choice": CHOICE_ERROR},
    )  # fmt: skip
    assistance_request = forms.ModelChoiceField(
        label=_("Για το αίτημα"),
        queryset=AssistanceRequest.objects.none(),
        required=False,
        empty_label=_("— Χωρίς σύνδεση με αίτημα —"),
        error_messages={"invalid_choice": _("Επιλέξτε ένα αίτημα αυτού του προσώπου.")},
    )

    def __init__(self, *args, beneficiary: Beneficiary, user: User, current_worker=None,
                 **kwargs) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.beneficiary = beneficiary
        self.fields["worker"].queryset = worker_choices(user, current_worker)
        self.fields["assistance_request"].queryset = request_choices(beneficiary)
        for name in ("kind", "worker", "assistance_request"):
            self.fields[name].widget.attrs.update(SELECT)
        if not self.is_bound:
            self.initial.setdefault("worker", user.pk)


class SessionForm(VersionedForm, OnceForm, _SessionFields):
    """A session: new (with its status: planned, or already held) or corrected (`session`)."""

    date = DateField(
        label=_("Ημερομηνία"), error_messages={"required": _("Γράψτε την ημερομηνία.")}
    )
    status = forms.ChoiceField(
        label=_("Κατάσταση"),
        choices=[(s.value, s.label) for s in (Status.PLANNED, Status.HELD, Status.DID_NOT_ATTEND)],
        initial=Status.PLANNED,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": CHOICE_ERROR},
    )
    notes = forms.CharField(
        label=_("Σημειώσεις"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    field_order = ["kind", "date", "start_time", "duration_minutes", "worker", "status",
                   "assistance_request", "notes"]  # fmt: skip

    def __init__(self, *args, session: CounsellingSession | None = None, **kwargs) -> None:
        self.session = session
        if session is not None:
            kwargs["current_worker"] = session.worker
            kwargs.setdefault("initial", {}).update(
                {name: getattr(session, name) for name in (
                    "kind", "date", "duration_minutes", "notes")},
                start_time=session.start_time.strftime("%H:%M"),  # as typed, no seconds
                worker=session.worker_id, assistance_request=session.assistance_request_id,
            )  # fmt: skip
        super().__init__(*args, **kwargs)
        if session is not None:
            del self.fields["status"]  # moved with the marks, not typed

    def versioned_record(self):
        return self.session

    def slot(self) -> Slot:
        data = self.cleaned_data
        return Slot(data["worker"], data["date"], data["start_time"], data["duration_minutes"])

    def apply(self, session: CounsellingSession) -> CounsellingSession:
        """`session` with what was typed (not saved)."""
        data = self.cleaned_data
        for name in ("kind", "date", "start_time", "duration_minutes", "worker",
                     "assistance_request", "notes"):  # fmt: skip
            setattr(session, name, data[name])
        return session


class SeriesForm(OnceForm, _SessionFields):
    """«Σειρά συνεδριών»: kind, first day, time, duration, how many, how often."""

    first_date = DateField(
        label=_("Πρώτη συνεδρία"),
        error_messages={"required": _("Γράψτε την ημερομηνία της πρώτης συνεδρίας.")},
    )
    count = forms.IntegerField(
        label=_("Αριθμός συνεδριών"),
        min_value=1,
        max_value=MAX_SERIES,
        initial=8,
        error_messages={
            "required": _("Γράψτε πόσες συνεδρίες."),
            "invalid": _("Γράψτε ακέραιο αριθμό συνεδριών (π.χ. 8)."),
            "min_value": _("Μια σειρά έχει από 1 έως 52 συνεδρίες."),
            "max_value": _("Μια σειρά έχει από 1 έως 52 συνεδρίες."),
        },
    )
    every = forms.IntegerField(
        label=_("Κάθε"),
        min_value=1,
        max_value=30,
        initial=1,
        error_messages={
            "required": _("Γράψτε κάθε πόσες ημέρες ή εβδομάδες."),
            "invalid": _("Γράψτε ακέραιο αριθμό (π.χ. 1)."),
            "min_value": _("Το διάστημα είναι τουλάχιστον 1."),
            "max_value": _("Το διάστημα είναι έως 30 ημέρες ή 12 εβδομάδες."),
        },
    )
    unit = forms.ChoiceField(
        label=_("Μονάδα"),
        choices=SessionSeries.Unit.choices,
        initial=SessionSeries.Unit.WEEKS,
        error_messages={"invalid_choice": CHOICE_ERROR},
    )
    on_closed_day = forms.ChoiceField(
        label=_("Όταν μια συνεδρία πέφτει σε αργία ή Σαββατοκύριακο"),
        choices=SessionSeries.OnClosedDay.choices,
        initial=SessionSeries.OnClosedDay.NEXT_WORKING_DAY,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": CHOICE_ERROR},
    )
    field_order = ["kind", "first_date", "start_time", "duration_minutes", "count", "every",
                   "unit", "on_closed_day", "worker", "assistance_request"]  # fmt: skip

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].widget.attrs.update(SELECT)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("unit") == SessionSeries.Unit.WEEKS and (data.get("every") or 0) > 12:
            self.add_error("every", _("Το διάστημα είναι έως 30 ημέρες ή 12 εβδομάδες."))
        return data

    def build(self) -> SessionSeries:
        """The series as typed (not saved)."""
        data = self.cleaned_data
        return SessionSeries(
            beneficiary=self.beneficiary,
            **{name: data[name] for name in (
                "kind", "first_date", "start_time", "duration_minutes", "count", "every",
                "unit", "on_closed_day", "worker", "assistance_request")},
        )  # fmt: skip


class SessionMarkForm(VersionedForm, forms.Form):
    """One press of a button: the new status, the notes if the page had them, the version."""

    status = forms.ChoiceField(
        choices=Status.choices, error_messages={"invalid_choice": CHOICE_ERROR}
    )
    notes = forms.CharField(
        required=False, max_length=10_000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, session: CounsellingSession, **kwargs) -> None:
        self.session = session
        super().__init__(*args, **kwargs)
        self.fields["notes"].label = _("Σημειώσεις")
        if not self.is_bound:
            self.initial["notes"] = session.notes

    def versioned_record(self):
        return self.session

    @property
    def typed_notes(self) -> str | None:
        """The notes sent, or None when the form had no notes field (they stay as they are)."""
        return self.cleaned_data["notes"] if self.add_prefix("notes") in self.data else None


__all__ = ["NON_FIELD", "SeriesForm", "SessionForm", "SessionMarkForm", "show_problems"]
