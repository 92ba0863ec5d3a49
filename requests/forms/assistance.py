"""Forms of assistance requests: registration, corrections, status moves and the list's filters.

Dates are typed dd/mm/yyyy and times HH:MM; a bad value gets a Greek message beside its field
and the typed text stays. Forms only validate: the actions in requests.actions save.
"""

from __future__ import annotations

from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beneficiaries.forms import DateField, caseworker_choices
from community_centre.submissions import OnceForm
from community_centre.versions import VersionedForm
from requests.actions.assistance import DEFAULT_NEXT_STEP, Move, move_problems
from requests.models import AssistanceRequest, RequestCategory

OPEN = "open"
ALL = "all"


class TimeField(forms.TimeField):
    """A time of day typed as HH:MM, with a Greek message when it is not one."""

    widget = forms.TimeInput(
        format="%H:%M", attrs={"placeholder": _("ωω:λλ"), "inputmode": "numeric"}
    )
    input_formats = ["%H:%M", "%H.%M"]
    default_error_messages = {"invalid": _("Γράψτε την ώρα ως ωω:λλ (π.χ. 09:30).")}


class ReceivedAtForm(OnceForm, forms.Form):
    """The moment a request reached the Centre, as a date and a time; never in the future.

    `clean()` puts the combined, Athens-time `received_at` in cleaned_data.
    """

    received_on = DateField(label=_("Ημερομηνία παραλαβής"))
    received_time = TimeField(label=_("Ώρα παραλαβής"))

    def set_received_initial(self) -> None:
        now = timezone.localtime()
        self.initial.setdefault("received_on", now.date())
        self.initial.setdefault("received_time", now.time().replace(second=0, microsecond=0))

    def clean(self) -> dict:
        data = super().clean()
        day, at = data.get("received_on"), data.get("received_time")
        if day is None or at is None:
            return data
        received = timezone.make_aware(datetime.combine(day, at))
        if received > timezone.now():
            field = "received_on" if day > timezone.localdate() else "received_time"
            self.add_error(
                field,
                ValidationError(_("Η παραλαβή δεν μπορεί να είναι μελλοντική."), code="future"),
            )
        else:
            data["received_at"] = received
        return data


class AssistanceRequestForm(ReceivedAtForm, forms.ModelForm):
    """A new request of a person, as registered at the desk."""

    class Meta:
        model = AssistanceRequest
        fields = ["channel", "category", "description", "assigned_worker", "next_step"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    field_order = ["received_on", "received_time", "channel", "category", "description"]

    def __init__(self, *args, beneficiary, actor, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = RequestCategory.objects.filter(is_active=True)
        self.fields["assigned_worker"].queryset = caseworker_choices()
        if not self.is_bound:
            self.set_received_initial()
            self.initial.setdefault("channel", "in_person")
            self.initial.setdefault("next_step", DEFAULT_NEXT_STEP)
            self.initial.setdefault("assigned_worker", beneficiary.assigned_worker_id or actor.pk)


class AssistanceRequestEditForm(VersionedForm, forms.ModelForm):
    """Corrections of a request, at the version it was opened at."""

    class Meta:
        model = AssistanceRequest
        fields = ["category", "description", "assigned_worker", "next_step"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "category": _("Με αλλαγή κατηγορίας η προθεσμία υπολογίζεται ξανά από την παραλαβή."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # A category taken out of use stays valid for the requests that already have it.
        self.fields["category"].queryset = RequestCategory.objects.filter(
            Q(is_active=True) | Q(pk=self.instance.category_id)
        )
        self.fields["assigned_worker"].queryset = caseworker_choices()


class RequestMoveForm(VersionedForm, forms.Form):
    """One move of the status, chosen by the button pressed, from the version of
    `assistance_request` the page shows; the action checks it is allowed.

    The next step comes filled in with the current one: what is in the box when the move is sent
    becomes the next step (emptied, it is cleared). A final move carries its outcome or reason
    and the worker's confirmation; a referral names the body."""

    to_status = forms.ChoiceField(
        label=_("Νέα κατάσταση"), choices=AssistanceRequest.Status.choices
    )
    note = forms.CharField(
        label=_("Σημείωση για το ιστορικό"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    next_step = forms.CharField(
        label=_("Επόμενο βήμα"),
        max_length=300,
        required=False,
        help_text=_("Αυτό γράφει η επιστολή ενημέρωσης. Διορθώστε το ή αδειάστε το."),
    )
    referred_to = forms.CharField(
        label=_("Σε ποιον φορέα"),
        max_length=200,
        required=False,
        help_text=_("π.χ. Κοινωνικό Παντοπωλείο, ΔΥΠΑ Καρπενησίου, ΚΕΠΑ"),
    )
    confirm = forms.BooleanField(
        label=_("Το αίτημα κλείνει οριστικά· η κατάστασή του δεν θα αλλάζει πια."),
        required=False,
    )

    def __init__(self, *args, assistance_request: AssistanceRequest, **kwargs) -> None:
        self.assistance_request = assistance_request
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("next_step", assistance_request.next_step)

    def versioned_record(self) -> AssistanceRequest:
        return self.assistance_request

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("to_status")
        # A move the request cannot make is refused by the action with its own message.
        if status and not self.errors and self.assistance_request.can_move_to(status):
            for field, message in move_problems(status, self.move()).items():
                self.add_error(field, message)
        return cleaned

    def move(self) -> Move:
        """What the move carries, as `request_move` takes it (`**asdict(form.move())`)."""
        data = self.cleaned_data
        return Move(
            note=data.get("note", ""),
            next_step=data.get("next_step", ""),
            referred_to=data.get("referred_to", ""),
            confirmed=bool(data.get("confirm")),
        )


class RequestFilterForm(forms.Form):
    """The filters of the request list; an empty form shows the open requests of everyone."""

    status = forms.ChoiceField(
        label=_("Κατάσταση"),
        required=False,
        choices=[(OPEN, _("Ανοικτά")), (ALL, _("Όλα")), *AssistanceRequest.Status.choices],
    )
    worker = forms.ModelChoiceField(
        label=_("Υπεύθυνος/η"), required=False, queryset=None, empty_label=_("Όλοι/ες")
    )
    category = forms.ModelChoiceField(
        label=_("Κατηγορία"),
        required=False,
        queryset=RequestCategory.objects.all(),
        empty_label=_("Όλες"),
    )
    overdue = forms.BooleanField(label=_("Μόνο εκπρόθεσμα"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = caseworker_choices()
        for name in ("status", "worker", "category"):
            self.fields[name].widget.attrs["class"] = "form-select"
        self.fields["overdue"].widget.attrs["class"] = "form-check-input"

    def filter(self, queryset: QuerySet, today: date) -> QuerySet:
        """`queryset` narrowed by the valid filters; invalid values are ignored."""
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status") or OPEN
        if status == OPEN:
            queryset = queryset.open()
        elif status != ALL:
            queryset = queryset.filter(status=status)
        if data.get("worker"):
            queryset = queryset.filter(assigned_worker=data["worker"])
        if data.get("category"):
            queryset = queryset.filter(category=data["category"])
        if data.get("overdue"):
            queryset = queryset.overdue(on=today)
        # Open requests most urgent first; closed ones newest first.
        if status == OPEN or data.get("overdue"):
            return queryset.order_by("due_date", "pk")
        return queryset.order_by("-received_at", "-pk")
