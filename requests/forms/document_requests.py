"""Forms of document requests: the checklist of documents to bring, ticking one off as it
arrives, and cancelling. Greek messages beside each field; nothing is saved here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BoundField
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from beneficiaries.forms import DateField
from beneficiaries.models import Beneficiary, Document, DocumentType
from community_centre.submissions import OnceForm
from requests.actions.document_requests import (
    DEFAULT_DUE_WORKING_DAYS,
    RequestedDocument,
    due_date_for,
)
from requests.models import AssistanceRequest, DocumentRequestItem

MAX_DUE_WORKING_DAYS = 60


@dataclass
class ChecklistRow:
    """One line of the checklist as the template draws it: a checkbox and its clarification."""

    document_type: DocumentType
    checked: bool
    detail: BoundField


class DocumentRequestForm(OnceForm, forms.Form):
    """Which documents the person must bring, by when (in working days), and for what."""

    document_types = forms.ModelMultipleChoiceField(
        label=_("Δικαιολογητικά που πρέπει να προσκομίσει"),
        queryset=DocumentType.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Επιλέξτε τουλάχιστον ένα δικαιολογητικό."),
            "invalid_choice": _("Το δικαιολογητικό αυτό δεν είναι πια σε χρήση."),
        },
    )
    due_working_days = forms.IntegerField(
        label=_("Προθεσμία σε εργάσιμες ημέρες"),
        min_value=1,
        max_value=MAX_DUE_WORKING_DAYS,
        initial=DEFAULT_DUE_WORKING_DAYS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Γράψτε σε πόσες εργάσιμες ημέρες πρέπει να προσκομιστούν."),
            "invalid": _("Γράψτε έναν ακέραιο αριθμό εργάσιμων ημερών (π.χ. 10)."),
            "min_value": _("Η προθεσμία είναι τουλάχιστον μία εργάσιμη ημέρα."),
            "max_value": _("Η προθεσμία είναι το πολύ %(limit_value)s εργάσιμες ημέρες."),
        },
    )
    assistance_request = forms.ModelChoiceField(
        label=_("Για το αίτημα"),
        queryset=AssistanceRequest.objects.none(),
        required=False,
        empty_label=_("— Χωρίς σύνδεση με αίτημα —"),
    )
    note = forms.CharField(
        label=_("Σημείωση (εσωτερική, δεν τυπώνεται)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, beneficiary: Beneficiary, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.types = list(DocumentType.objects.filter(is_active=True).order_by("name"))
        self.fields["document_types"].queryset = DocumentType.objects.filter(is_active=True)
        self.fields["assistance_request"].queryset = (
            beneficiary.assistance_requests.open()
            .select_related("category")
            .order_by("-received_at")
        )
        for document_type in self.types:
            self.fields[self.detail_name(document_type)] = forms.CharField(
                label=_("Διευκρίνιση για «%(name)s»") % {"name": document_type.name},
                required=False,
                max_length=300,
            )
        default_due = due_date_for(timezone.localdate(), DEFAULT_DUE_WORKING_DAYS)
        self.fields["due_working_days"].help_text = _(
            "Η ημέρα του αιτήματος δεν μετρά· αργίες και Σαββατοκύριακα παραλείπονται. "
            "Με %(days)s εργάσιμες: έως %(due)s."
        ) % {"days": DEFAULT_DUE_WORKING_DAYS, "due": date_format(default_due, "l d/m/Y")}

    @staticmethod
    def detail_name(document_type: DocumentType) -> str:
        return f"detail_{document_type.pk}"

    def checklist(self) -> list[ChecklistRow]:
        """The rows of the checklist, with what was ticked and typed kept after an error."""
        chosen = {str(value) for value in self["document_types"].value() or []}
        return [ChecklistRow(t, str(t.pk) in chosen, self[self.detail_name(t)]) for t in self.types]

    def clean(self) -> dict:
        data = super().clean()
        chosen = {t.pk for t in data.get("document_types") or []}
        for document_type in self.types:
            name = self.detail_name(document_type)
            if data.get(name, "").strip() and document_type.pk not in chosen:
                self.add_error(
                    name,
                    ValidationError(
                        _("Επιλέξτε και το δικαιολογητικό ή σβήστε τη διευκρίνιση."),
                        code="detail_without_document",
                    ),
                )
        return data

    def requested_documents(self) -> list[RequestedDocument]:
        """The ticked documents in the order of the checklist, each with its clarification."""
        chosen = {t.pk for t in self.cleaned_data["document_types"]}
        return [
            RequestedDocument(t, self.cleaned_data.get(self.detail_name(t), "").strip())
            for t in self.types
            if t.pk in chosen
        ]


class DocumentReceiveForm(forms.Form):
    """Ticking one requested document off: when it came and which file of the case file it is.

    Several of these share a page, one per item: the prefix keeps their ids apart and the page
    puts each in a fieldset named after its document, which gives the short labels their context.
    """

    document = forms.TypedChoiceField(label=_("Έγγραφο του φακέλου"), required=False, coerce=int)
    received_on = DateField(label=_("Προσκομίστηκε στις"))

    def __init__(
        self, *args, item: DocumentRequestItem, documents: list[Document], **kwargs
    ) -> None:
        kwargs.setdefault("prefix", f"item-{item.pk}")
        super().__init__(*args, **kwargs)
        self.item = item
        self.documents = {d.pk: d for d in documents}
        same = [d for d in documents if d.document_type_id == item.document_type_id]
        other = [d for d in documents if d.document_type_id != item.document_type_id]
        field = self.fields["document"]
        choices = [("", _("— Χωρίς αντίγραφο στον φάκελο —"))]
        if same:
            choices.append((_("Του ίδιου είδους"), [(d.pk, _label(d)) for d in same]))
        if other:
            choices.append((_("Άλλα έγγραφα του φακέλου"), [(d.pk, _label(d)) for d in other]))
        field.choices = choices  # assigned whole: the widget keeps its own copy
        if not self.is_bound:
            self.initial.setdefault("received_on", timezone.localdate())
            newest = _newest_since(same, item.document_request.requested_on)
            if newest is not None:
                self.initial.setdefault("document", newest.pk)

    def clean_document(self) -> Document | None:
        value = self.cleaned_data.get("document")
        return self.documents.get(value) if value not in (None, "") else None

    def clean_received_on(self) -> date:
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise ValidationError(
                _("Η ημερομηνία προσκόμισης δεν μπορεί να είναι μελλοντική."), code="future"
            )
        return day


def _label(document: Document) -> str:
    what = document.description or document.original_name
    uploaded = date_format(timezone.localdate(document.uploaded_at))
    return f"{document.document_type} · {what} · {uploaded}"


def _newest_since(documents: list[Document], day: date) -> Document | None:
    """The newest upload of the same type since the request: most likely the one just brought."""
    recent = [d for d in documents if timezone.localdate(d.uploaded_at) >= day]
    return max(recent, key=lambda d: d.uploaded_at, default=None)


class DocumentRequestCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Λόγος ακύρωσης"),
        max_length=300,
        widget=forms.TextInput,
        error_messages={"required": _("Γράψτε τον λόγο της ακύρωσης.")},
    )
