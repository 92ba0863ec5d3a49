"""Forms of group activities and events: the event (new or corrected), the head count of the
anonymous attendees, and the list's filters. Greek messages beside each field; the actions
save."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from beneficiaries.forms import DateField, caseworker_choices
from community_centre.models import Settlement, User
from community_centre.submissions import OnceForm
from community_centre.versions import VersionedForm
from referrals.forms import ModelTicks, show_problems
from referrals.models import PartnerBody
from requests.forms.assistance import TimeField
from services.models import Event, EventKind
from services.models.events import MAX_OTHER_ATTENDEES

SELECT = {"class": "form-select"}
UPCOMING, PAST = "upcoming", "past"

__all__ = ["EventFilterForm", "EventForm", "HeadCountForm", "show_problems"]


class EventForm(OnceForm, VersionedForm, forms.ModelForm):
    """A group activity or event, new or corrected, with the partner bodies involved (bodies in
    operation from the referral directory, and those already chosen)."""

    held_on = DateField(
        label=_("Ημερομηνία"), error_messages={"required": _("Γράψτε την ημερομηνία της δράσης.")}
    )
    starts_at = TimeField(
        label=_("Ώρα έναρξης"), error_messages={"required": _("Γράψτε την ώρα έναρξης.")}
    )
    ends_at = TimeField(label=_("Ώρα λήξης"), required=False)

    class Meta:
        model = Event
        fields = [
            "title", "kind", "held_on", "starts_at", "ends_at", "place", "settlement",
            "partner_bodies", "organiser", "status", "notes",
        ]  # fmt: skip
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "partner_bodies": forms.CheckboxSelectMultiple,
        }
        field_classes = {"partner_bodies": ModelTicks}
        help_texts = {
            "place": _("Π.χ. Αίθουσα του Κέντρου Κοινότητας, Δημαρχείο Καρπενησίου."),
            "settlement": _("Ο οικισμός του Δήμου, αν η δράση γίνεται εκτός Καρπενησίου."),
        }
        error_messages = {
            "title": {"required": _("Γράψτε τον τίτλο της δράσης.")},
            "kind": {"required": _("Επιλέξτε το είδος της δράσης.")},
            "place": {"required": _("Γράψτε πού γίνεται η δράση.")},
            "organiser": {"required": _("Επιλέξτε ποιος/ποια οργανώνει τη δράση.")},
        }

    def __init__(self, *args, actor=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        offered = Q(is_active=True, is_helpline=False)
        if self.instance.pk:
            offered |= Q(pk__in=self.instance.partner_bodies.values("pk"))
        self.fields["partner_bodies"].queryset = PartnerBody.objects.filter(offered).order_by(
            "name"
        )
        # A caseworker, or the organiser already chosen (who may have left the Centre since).
        organisers = Q(pk__in=caseworker_choices().values("pk"))
        if self.instance.organiser_id:
            organisers |= Q(pk=self.instance.organiser_id)
        self.fields["organiser"].queryset = User.objects.filter(organisers).order_by(
            "last_name", "first_name"
        )
        self.fields["settlement"].queryset = Settlement.objects.all()
        for name in ("kind", "settlement", "organiser", "status"):
            self.fields[name].widget.attrs.update(SELECT)
        if not self.instance.pk:  # left empty, the worker who records it organises it
            self.fields["organiser"].required = False
            if actor is not None and not self.is_bound:
                self.initial.setdefault("organiser", actor.pk)

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts is not None and ends is not None and ends <= starts:
            self.add_error("ends_at", _("Η ώρα λήξης πρέπει να είναι μετά την ώρα έναρξης."))
        return cleaned


class HeadCountForm(VersionedForm, forms.Form):
    """How many people not in the register attended: a number from 0 to 5,000."""

    other_attendees = forms.IntegerField(
        label=_("Άλλοι συμμετέχοντες (εκτός μητρώου)"),
        min_value=0,
        max_value=MAX_OTHER_ATTENDEES,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Γράψτε έναν ακέραιο αριθμό (π.χ. 12)."),
            "required": _("Γράψτε τον αριθμό· 0 αν δεν ήρθε κανείς άλλος."),
            "min_value": _("Ο αριθμός δεν μπορεί να είναι αρνητικός."),
            "max_value": _(
                "Γράψτε έως 5.000· ένας μεγαλύτερος αριθμός είναι μάλλον λάθος πληκτρολόγησης."
            ),
        },
    )

    def __init__(self, *args, event: Event, **kwargs) -> None:
        self.event = event
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["other_attendees"] = event.other_attendees

    def versioned_record(self) -> Event:
        return self.event


class EventFilterForm(forms.Form):
    """The event list: upcoming (from today, nearest first) or past (latest first), a kind.
    Invalid values are ignored."""

    when = forms.ChoiceField(
        label=_("Περίοδος"),
        required=False,
        choices=[(UPCOMING, _("Επερχόμενες")), (PAST, _("Προηγούμενες"))],
    )
    kind = forms.ChoiceField(
        label=_("Είδος"), required=False, choices=[("", _("Όλα")), *EventKind.choices]
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("when", "kind"):
            self.fields[name].widget.attrs["class"] = "form-select"

    def filter(self, queryset, today):
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        if data.get("when") == PAST:
            return queryset.past(today)
        return queryset.upcoming(today)

    @property
    def shows_past(self) -> bool:
        return self.is_valid() and self.cleaned_data.get("when") == PAST
