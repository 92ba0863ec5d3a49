"""Forms of information requests and status letters: recording the request, issuing a letter,
recording its delivery. Bad dates get a Greek message beside the field; nothing is saved here."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beneficiaries.forms import DateField
from community_centre.submissions import OnceForm
from requests.actions.information import recipient_problem
from requests.forms.assistance import ReceivedAtForm
from requests.models import AssistanceRequest, InformationRequest, StatusLetter


class RequestChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: AssistanceRequest) -> str:
        return f"{obj.protocol} · {obj.category.name} · {obj.get_status_display()}"


class InformationRequestForm(ReceivedAtForm, forms.ModelForm):
    """The person asks how their requests stand: all of them, or one of them (`about`)."""

    about = RequestChoiceField(
        label=_("Για το αίτημα"),
        queryset=AssistanceRequest.objects.none(),
        required=False,
        empty_label=_("Για όλα τα ανοικτά αιτήματα"),
        help_text=_("Αφήστε το κενό αν η ερώτηση αφορά όλα τα αιτήματα."),
    )

    class Meta:
        model = InformationRequest
        fields = ["channel", "about", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    field_order = ["received_on", "received_time", "channel", "about", "note"]

    def __init__(self, *args, beneficiary, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["about"].queryset = AssistanceRequest.objects.filter(
            beneficiary=beneficiary
        ).select_related("category")
        if not self.is_bound:
            self.set_received_initial()
            self.initial.setdefault("channel", "in_person")


class LetterIssueForm(OnceForm, forms.Form):
    """The button that prints a letter: only its one-time token, so that a second click shows
    the letter printed by the first."""


class LetterDeliveryForm(forms.Form):
    """How and when the letter reached the person: not before it was issued, not in the future."""

    delivery_method = forms.ChoiceField(
        label=_("Τρόπος επίδοσης"),
        choices=StatusLetter.Delivery.choices,
        widget=forms.RadioSelect,
    )
    delivered_on = DateField(label=_("Ημερομηνία επίδοσης"))
    received_by = forms.ChoiceField(
        label=_("Παρέλαβε"),
        choices=StatusLetter.Recipient.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("Υποχρεωτικό όταν η επιστολή δίνεται ιδιοχείρως."),
    )
    received_by_name = forms.CharField(
        label=_("Ονοματεπώνυμο παραλήπτη"),
        max_length=200,
        required=False,
        help_text=_("Για εκπρόσωπο ή άλλο πρόσωπο."),
    )

    def __init__(self, *args, letter: StatusLetter, representative=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.letter = letter
        if not self.is_bound:
            self.initial.setdefault("delivered_on", timezone.localdate())
            self.initial.setdefault("received_by", StatusLetter.Recipient.PERSON)
            if representative is not None:
                self.initial.setdefault(
                    "received_by_name", f"{representative.surname} {representative.given_name}"
                )

    def clean(self):
        cleaned = super().clean()
        method, received_by = cleaned.get("delivery_method"), cleaned.get("received_by", "")
        if method:
            problem = recipient_problem(method, received_by, cleaned.get("received_by_name", ""))
            if problem:
                field = "received_by" if not received_by else "received_by_name"
                self.add_error(field, problem)
        return cleaned

    def clean_delivered_on(self):
        day = self.cleaned_data["delivered_on"]
        if day > timezone.localdate():
            raise ValidationError(
                _("Η ημερομηνία επίδοσης δεν μπορεί να είναι μελλοντική."), code="future"
            )
        if day < self.letter.issued_on:
            raise ValidationError(
                _("Η επιστολή εκδόθηκε στις %(issued)s· η επίδοση δεν μπορεί να είναι νωρίτερα.")
                % {"issued": self.letter.issued_on.strftime("%d/%m/%Y")},
                code="before_issue",
            )
        return day
