"""Forms of benefit applications: a new one, its corrections, a line of its checklist, a status
move, the request of the missing documents, and the filters of the list. Greek messages beside
each field; the forms validate and carry the version or the one-time token, the actions save."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from beneficiaries.forms import DateField, caseworker_choices
from beneficiaries.models import Beneficiary, Document, HouseholdMember
from community_centre.numbers import AmountField
from community_centre.submissions import OnceForm
from community_centre.versions import VersionedForm
from requests.actions.document_requests import DEFAULT_DUE_WORKING_DAYS
from services.actions.applications import NON_FIELD, ApplicationError, Move, Screening
from services.checklist import age_on
from services.models import ApplicationDocument, BenefitApplication, ItemState, Programme

SELECT = {"class": "form-select"}
MAX_UNPROTECTED = 30
MAX_DUE_WORKING_DAYS = 60


def show_problems(form: forms.BaseForm, error: ApplicationError) -> None:
    """Each refusal beside its field (or above the form when the form has no such field)."""
    for name, message in error.problems.items():
        form.add_error(name if name in form.fields and name != NON_FIELD else None, message)


def member_label(member: HouseholdMember, on: date) -> str:
    age = age_on(member.date_of_birth, on)
    years = _("%(n)s ετών") % {"n": age} if age is not None else _("χωρίς ημ. γέννησης")
    return f"{member.surname} {member.given_name} · {member.get_relationship_display()} · {years}"


class MemberTicks(forms.ModelMultipleChoiceField):
    """The covered members: only the case file's household; anything else is refused."""

    def __init__(self, **kwargs) -> None:
        super().__init__(
            queryset=HouseholdMember.objects.none(),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            error_messages={
                "invalid_choice": _("Δεν είναι μέλος του νοικοκυριού αυτού του φακέλου."),
                "invalid_pk_value": _("Δεν είναι μέλος του νοικοκυριού αυτού του φακέλου."),
            },
            **kwargs,
        )

    def clean(self, value):
        if isinstance(value, list | tuple):
            value = [v for v in value if v not in ("", None)]
        return super().clean(value)

    def label_from_instance(self, member) -> str:
        return member_label(member, timezone.localdate())


def _amount(label, **kwargs) -> AmountField:
    return AmountField(label=label, required=False, help_text=_("Π.χ. 1.234,56"), **kwargs)


def _count_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Από τους ανήλικους, απροστάτευτα τέκνα"),
        min_value=0,
        max_value=MAX_UNPROTECTED,
        initial=0,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Γράψτε έναν ακέραιο αριθμό."),
            "min_value": _("Ο αριθμός δεν μπορεί να είναι αρνητικός."),
            "max_value": _("Ο αριθμός δεν μπορεί να είναι μεγαλύτερος από %(limit_value)s."),
        },
    )


class ApplicationForm(OnceForm, VersionedForm, forms.ModelForm):
    """A new application (programme, members, ΕΕΕ questions) or its corrections (also the
    submission's and decision's details and the renewal date)."""

    covered_members = MemberTicks(label=_("Μέλη του νοικοκυριού που καλύπτει η αίτηση"))
    unprotected_children = _count_field()
    income_6m = _amount(_("Δηλωμένο εισόδημα του νοικοκυριού τους τελευταίους 6 μήνες (€)"))
    submitted_on = DateField(label=_("Ημερομηνία υποβολής"), required=False)
    decided_on = DateField(label=_("Ημερομηνία απόφασης"), required=False)
    monthly_amount = _amount(_("Μηνιαίο ποσό (€)"))
    renewal_on = DateField(label=_("Ημερομηνία ανανέωσης"), required=False)

    CREATE_FIELDS = ["programme", "covered_members", "single_parent", "unprotected_children",
                     "income_6m", "notes"]  # fmt: skip

    class Meta:
        model = BenefitApplication
        fields = [
            "programme", "covered_members", "single_parent", "unprotected_children", "income_6m",
            "submitted_on", "submitted_via", "external_protocol", "decided_on", "monthly_amount",
            "renewal_on", "notes",
        ]  # fmt: skip
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "programme": {
                "required": _("Επιλέξτε το πρόγραμμα."),
                "invalid_choice": _("Το πρόγραμμα αυτό δεν είναι σε ισχύ."),
            }
        }

    def __init__(self, *args, beneficiary: Beneficiary, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.beneficiary = beneficiary
        self.instance.beneficiary = beneficiary
        self.fields["covered_members"].queryset = beneficiary.household.order_by(
            "date_of_birth", "pk"
        )
        if self.instance.pk is None:
            for name in list(self.fields):
                if name not in {*self.CREATE_FIELDS, "submission_token"}:
                    del self.fields[name]
            self.fields["programme"].queryset = Programme.objects.active()
            self.fields["programme"].widget.attrs.update(SELECT)
        else:
            del self.fields["programme"]
            if not self.instance.is_preparing:
                self.fields["covered_members"].disabled = True

    def clean_unprotected_children(self) -> int:
        return self.cleaned_data.get("unprotected_children") or 0

    def _post_clean(self) -> None:
        # The actions validate the application as a whole (members, dates, the open one).
        opts = self._meta
        self.instance = forms.models.construct_instance(self, self.instance, opts.fields)

    def screening(self) -> Screening:
        data = self.cleaned_data
        return Screening(
            single_parent=data.get("single_parent", False),
            unprotected_children=data.get("unprotected_children") or 0,
            income_6m=data.get("income_6m"),
        )


class LineForm(VersionedForm, forms.Form):
    """One checklist line: collected (when, with which file), missing or not applicable.
    Several share a page, one per line: the prefix keeps their ids apart."""

    state = forms.ChoiceField(
        label=_("Κατάσταση"),
        choices=ItemState.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Επιλέξτε αν συγκεντρώθηκε, λείπει ή δεν ισχύει."),
            "invalid_choice": _("Επιλέξτε αν συγκεντρώθηκε, λείπει ή δεν ισχύει."),
        },
    )
    document = forms.TypedChoiceField(
        label=_("Έγγραφο του φακέλου"),
        required=False,
        coerce=int,
        error_messages={"invalid_choice": _("Επιλέξτε ένα έγγραφο αυτού του φακέλου.")},
    )
    collected_on = DateField(label=_("Συγκεντρώθηκε στις"), required=False)

    def __init__(self, *args, line: ApplicationDocument, documents: list[Document], **kwargs):
        kwargs.setdefault("prefix", f"line-{line.pk}")
        self.line = line
        super().__init__(*args, **kwargs)
        self.documents = {d.pk: d for d in documents}
        same = [d for d in documents if d.document_type_id == line.document_type_id]
        self.fields["document"].choices = [
            ("", _("— Χωρίς αντίγραφο στον φάκελο —")),
            *((d.pk, _document_label(d)) for d in same),
        ]
        self.fields["document"].widget.attrs.update(SELECT)
        if not self.is_bound:
            self.initial.update(
                state=line.state,
                document=line.document_id,
                collected_on=line.collected_on or timezone.localdate(),
            )

    def versioned_record(self):
        return self.line

    def clean_document(self) -> Document | None:
        value = self.cleaned_data.get("document")
        return self.documents.get(value) if value not in (None, "") else None

    def clean_collected_on(self) -> date | None:
        day = self.cleaned_data.get("collected_on")
        if day is not None and day > timezone.localdate():
            raise ValidationError(_("Η ημερομηνία δεν μπορεί να είναι μελλοντική."), code="future")
        return day


def _document_label(document: Document) -> str:
    what = document.description or document.original_name
    label = f"{what} · {date_format(timezone.localdate(document.uploaded_at))}"
    if document.expires_on:
        label += " · " + str(_("λήγει %(day)s") % {"day": date_format(document.expires_on)})
    return label


class MoveForm(VersionedForm, forms.Form):
    """A status move with what it records: the submission, or the decision, or why."""

    to_status = forms.ChoiceField(
        choices=BenefitApplication.Status.choices,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Η κατάσταση αυτή δεν υπάρχει.")},
    )
    submitted_on = DateField(label=_("Ημερομηνία υποβολής"), required=False)
    submitted_via = forms.CharField(label=_("Πλατφόρμα ή φορέας υποβολής"), max_length=200,
                                    required=False)  # fmt: skip
    external_protocol = forms.CharField(
        label=_("Αριθμός πρωτοκόλλου φορέα"), max_length=100, required=False
    )
    decided_on = DateField(label=_("Ημερομηνία απόφασης"), required=False)
    monthly_amount = _amount(_("Μηνιαίο ποσό (€)"))
    note = forms.CharField(label=_("Σημείωση"), max_length=500, required=False)

    def __init__(self, *args, application: BenefitApplication, **kwargs) -> None:
        self.application = application
        super().__init__(*args, **kwargs)
        # One form per move on the page: the ids name the move (a posted value only if real).
        status = (self.data if self.is_bound else self.initial).get("to_status")
        if status in BenefitApplication.Status.values:
            self.auto_id = f"move-{status}-%s"
        if not self.is_bound:
            today = timezone.localdate()
            self.initial.update(submitted_on=today, decided_on=today,
                                submitted_via=application.submitted_via)  # fmt: skip

    def versioned_record(self):
        return self.application

    def move(self) -> Move:
        data = self.cleaned_data
        return Move(
            note=data.get("note", ""),
            submitted_on=data.get("submitted_on"),
            submitted_via=data.get("submitted_via", ""),
            external_protocol=data.get("external_protocol", ""),
            decided_on=data.get("decided_on"),
            monthly_amount=data.get("monthly_amount"),
        )


class RequestMissingForm(OnceForm, VersionedForm, forms.Form):
    """«Ζήτηση ελλειπόντων»: a document request of the missing lines, due in working days."""

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

    def __init__(self, *args, application: BenefitApplication, **kwargs) -> None:
        self.application = application
        super().__init__(*args, **kwargs)

    def versioned_record(self):
        return self.application


TO_SUBMIT, RENEWAL_DUE = "to_submit", "renewal_due"


class ApplicationFilterForm(forms.Form):
    """The filters of the application list; invalid values are ignored."""

    programme = forms.ModelChoiceField(
        label=_("Πρόγραμμα"), required=False, queryset=None, empty_label=_("Όλα")
    )
    status = forms.ChoiceField(
        label=_("Κατάσταση"),
        required=False,
        choices=[("", _("Όλες")), *BenefitApplication.Status.choices],
    )
    show = forms.ChoiceField(
        label=_("Εμφάνιση"),
        required=False,
        choices=[("", _("Όλες")), (TO_SUBMIT, _("Προς υποβολή")),
                 (RENEWAL_DUE, _("Ανανέωση που πλησιάζει ή πέρασε"))],
    )  # fmt: skip
    worker = forms.ModelChoiceField(
        label=_("Λειτουργός"), required=False, queryset=None, empty_label=_("Όλοι/ες")
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = Programme.objects.order_by("name")
        self.fields["worker"].queryset = caseworker_choices()
        for name in self.fields:
            self.fields[name].widget.attrs.update(SELECT)

    def filter(self, queryset, renewals_until: date):
        """`queryset` narrowed by the valid filters, ordered for the indexes that serve it."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("programme"):
            queryset = queryset.filter(programme=data["programme"])
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("worker"):
            queryset = queryset.filter(worker=data["worker"])
        if data.get("show") == TO_SUBMIT:
            return queryset.to_submit().order_by("prepared_from", "pk")
        if data.get("show") == RENEWAL_DUE:
            return queryset.renewals_due(renewals_until).order_by("renewal_on", "pk")
        return queryset.order_by("-status_changed_at", "-pk")
