"""Forms of appointments: booking a slot (date dd/mm/yyyy, time HH:MM, duration), and choosing
whose day the agenda shows. Greek messages beside each field; nothing is saved here."""

from __future__ import annotations

from django import forms
from django.utils.formats import time_format
from django.utils.translation import gettext_lazy as _

from beneficiaries.forms import DateField, caseworker_choices
from beneficiaries.models import Beneficiary
from community_centre.models import CentreProfile, User
from community_centre.submissions import OnceForm
from requests.actions.appointments import DEFAULT_DURATION, DURATIONS, Slot, slot_errors
from requests.models import Appointment, AssistanceRequest


class TimeField(forms.TimeField):
    """A time of day typed as HH:MM (24 hours) with a Greek message when it is no such time."""

    widget = forms.TextInput(
        attrs={"placeholder": _("ΩΩ:ΛΛ"), "inputmode": "numeric", "autocomplete": "off"}
    )
    input_formats = ["%H:%M"]
    default_error_messages = {
        "invalid": _("Γράψτε την ώρα ως ΩΩ:ΛΛ, από 00:00 έως 23:59 (π.χ. 09:30)."),
    }


class AppointmentForm(OnceForm, forms.Form):
    """A new appointment of a beneficiary with a worker."""

    worker = forms.ModelChoiceField(
        label=_("Κοινωνικός/ή λειτουργός"),
        queryset=User.objects.none(),
        error_messages={"required": _("Επιλέξτε με ποιον/ποια είναι το ραντεβού.")},
    )
    date = DateField(
        label=_("Ημερομηνία"),
        error_messages={"required": _("Γράψτε την ημερομηνία του ραντεβού.")},
    )
    start_time = TimeField(
        label=_("Ώρα έναρξης"), error_messages={"required": _("Γράψτε την ώρα του ραντεβού.")}
    )
    duration = forms.TypedChoiceField(
        label=_("Διάρκεια"),
        choices=[(minutes, _("%(minutes)s λεπτά") % {"minutes": minutes}) for minutes in DURATIONS],
        coerce=int,
        initial=DEFAULT_DURATION,
    )
    purpose = forms.CharField(
        label=_("Σκοπός"),
        max_length=300,
        error_messages={"required": _("Γράψτε τον σκοπό του ραντεβού.")},
    )
    assistance_request = forms.ModelChoiceField(
        label=_("Για το αίτημα"),
        queryset=AssistanceRequest.objects.none(),
        required=False,
        empty_label=_("— Χωρίς σύνδεση με αίτημα —"),
    )

    def __init__(self, *args, beneficiary: Beneficiary, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        workers = caseworker_choices()
        self.fields["worker"].queryset = workers
        self.fields["assistance_request"].queryset = (
            beneficiary.assistance_requests.open()
            .select_related("category")
            .order_by("-received_at")
        )
        self.centre = CentreProfile.current()
        self.fields["start_time"].help_text = _(
            "Δευτέρα έως Παρασκευή %(opens)s–%(closes)s, εκτός αργιών."
        ) % {
            "opens": time_format(self.centre.opens_at),
            "closes": time_format(self.centre.closes_at),
        }
        if not self.is_bound:
            self.initial.setdefault("worker", user.pk)

    def clean(self) -> dict:
        data = super().clean()
        if not self.errors:
            for part, messages in slot_errors(self.slot(), centre=self.centre).items():
                for message in messages:
                    self.add_error(part, message)
        return data

    def slot(self) -> Slot:
        data = self.cleaned_data
        return Slot(data["worker"], data["date"], data["start_time"], data["duration"])


class AgendaForm(forms.Form):
    """Whose day the agenda shows, from the query string: worker=<id>&date=dd/mm/yyyy.

    `workers` is the list the coordinator chooses from (read once: it both fills the list and
    checks the choice); without it (anyone else) there is no choice: one's own agenda.
    """

    worker = forms.TypedChoiceField(
        label=_("Κοινωνικός/ή λειτουργός"),
        coerce=int,
        required=False,
        error_messages={"invalid_choice": _("Επιλέξτε κοινωνικό/ή λειτουργό από τη λίστα.")},
    )
    date = DateField(label=_("Ημερομηνία"), required=False)

    def __init__(self, *args, workers: list[User] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if workers is None:
            del self.fields["worker"]
            return
        self.workers = {worker.pk: worker for worker in workers}
        self.fields["worker"].choices = [(w.pk, str(w)) for w in workers]

    def clean_worker(self) -> User | None:
        return self.workers.get(self.cleaned_data.get("worker"))


class AppointmentMarkForm(forms.Form):
    """One press of a button on the agenda: the new status and the one the worker saw."""

    status = forms.ChoiceField(choices=Appointment.Status.choices)
    expected_status = forms.ChoiceField(choices=Appointment.Status.choices, required=False)
