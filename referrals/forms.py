"""Forms of the referrals app: the directory's search and edits, a new referral, the draft
with its disclosure and consent, status moves and the withdrawal of consent.

Forms only validate and carry the version or the one-time token; the actions save. A refusal
of an action comes back beside its field (`show_problems`), with what was typed kept.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from beneficiaries import special_categories
from beneficiaries.forms import DateField
from beneficiaries.models import DocumentType, NeedCategory
from community_centre.models import Settlement
from community_centre.submissions import OnceForm
from community_centre.versions import VersionedForm
from referrals.actions.referral import move_problems
from referrals.exceptions import NON_FIELD, ReferralError
from referrals.models import Disclosed, PartnerBody, PartnerService, Referral

SELECT = {"class": "form-select"}


def show_problems(form: forms.BaseForm, error: ReferralError) -> None:
    """Each refusal beside its field (or above the form when the form has no such field)."""
    for field, message in error.problems.items():
        form.add_error(field if field in form.fields else None, message)


class DirectorySearchForm(forms.Form):
    """The directory's filters: a name (of a body or of a service), a need, a settlement."""

    q = forms.CharField(label=_("Όνομα φορέα ή υπηρεσίας"), max_length=100, required=False)
    need = forms.ModelChoiceField(
        label=_("Ανάγκη"), queryset=NeedCategory.objects.filter(is_active=True),
        required=False, empty_label=_("Όλες"),
    )  # fmt: skip
    settlement = forms.ModelChoiceField(
        label=_("Οικισμός"), queryset=Settlement.objects.all(), required=False,
        empty_label=_("Όλοι"),
    )  # fmt: skip

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("need", "settlement"):
            self.fields[name].widget.attrs.update(SELECT)

    def filter(self, queryset):
        data = self.cleaned_data if self.is_valid() else {}
        return queryset.search(
            data.get("q", ""), need=data.get("need"), settlement=data.get("settlement")
        )


def _ticked(value):
    """The ticked values, without the empty ones a client may send for «none ticked»."""
    if isinstance(value, list | tuple):
        return [v for v in value if v not in ("", None)]
    return value


class Ticks(forms.MultipleChoiceField):
    def clean(self, value):
        return super().clean(_ticked(value))


class ModelTicks(forms.ModelMultipleChoiceField):
    def clean(self, value):
        return super().clean(_ticked(value))


class HttpsURLField(forms.URLField):
    """A web address; typed without a scheme, it is read as https://."""

    def __init__(self, **kwargs) -> None:
        super().__init__(assume_scheme="https", **kwargs)


class PartnerBodyForm(OnceForm, VersionedForm, forms.ModelForm):
    """A body of the directory, new or corrected."""

    class Meta:
        model = PartnerBody
        fields = [
            "name", "code", "kind", "address", "settlement", "phones", "email", "website",
            "hours", "contact_person", "uses_system", "is_helpline", "notes", "is_active",
        ]  # fmt: skip
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"website": HttpsURLField}
        help_texts = {"code": _("Σταθερός κωδικός με λατινικά, π.χ. koinoniko-pantopoleio.")}


class PartnerServiceForm(OnceForm, VersionedForm, forms.ModelForm):
    """A service of a body, new or corrected, with the documents it needs and the needs it
    answers."""

    class Meta:
        model = PartnerService
        fields = [
            "name", "description", "eligibility", "required_document_types",
            "need_categories", "answer_working_days", "capacity_note", "is_active",
        ]  # fmt: skip
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "eligibility": forms.Textarea(attrs={"rows": 3}),
            "required_document_types": forms.CheckboxSelectMultiple,
            "need_categories": forms.CheckboxSelectMultiple,
        }
        field_classes = {"required_document_types": ModelTicks, "need_categories": ModelTicks}

    def __init__(self, *args, body: PartnerBody, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.body = body
        self.fields["required_document_types"].queryset = DocumentType.objects.filter(
            is_active=True
        )
        self.fields["need_categories"].queryset = NeedCategory.objects.filter(is_active=True)


class TargetFields(forms.ModelForm):
    """The body and service of a referral: only bodies that take referrals (never a
    helpline) and their services in operation."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = PartnerBody.objects.referral_targets()
        self.fields["service"].queryset = PartnerService.objects.referral_targets().select_related(
            "body"
        )
        self.fields["body"].widget.attrs.update(SELECT)
        self.fields["service"].widget.attrs.update(SELECT)

    def clean(self):
        cleaned = super().clean()
        body, service = cleaned.get("body"), cleaned.get("service")
        if service is not None and body is None:
            cleaned["body"] = body = service.body
        if service is not None and service.body_id != body.pk:
            self.add_error("service", _("Η υπηρεσία δεν ανήκει στον φορέα που επιλέξατε."))
        return cleaned


class ReferralCreateForm(OnceForm, TargetFields):
    """A new (draft) referral of an assistance request."""

    class Meta:
        model = Referral
        fields = ["body", "service", "reason", "urgency"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 4})}


class ReferralFromCaseFileForm(ReferralCreateForm):
    """A new referral from the case file: for one of the person's open requests, or for a new
    request of category «Παραπομπή σε φορέα»."""

    assistance_request = forms.ModelChoiceField(
        label=_("Αίτημα"), queryset=None, required=False,
        empty_label=_("Νέο αίτημα «Παραπομπή σε φορέα»"),
    )  # fmt: skip
    field_order = ["assistance_request", "body", "service", "reason", "urgency"]

    def __init__(self, *args, beneficiary, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assistance_request"]
        field.queryset = beneficiary.assistance_requests.open().select_related("category")
        field.widget.attrs.update(SELECT)


class ReferralDraftForm(OnceForm, VersionedForm, TargetFields):
    """The draft: where it goes, why, what is disclosed and on what consent or legal basis.
    The «send» button (action=send) sends the same form (`sending`); «save» only saves it."""

    disclosed_fields = Ticks(
        label=_("Στοιχεία που γνωστοποιούνται στον φορέα"),
        choices=Disclosed.choices, required=False, widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    # Never ticked by default: each special category is disclosed only when ticked here.
    disclosed_special = Ticks(
        label=special_categories.DISCLOSURE_LABEL,
        choices=special_categories.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Μόνο ό,τι χρειάζεται ο φορέας για τη συγκεκριμένη υπηρεσία, με ρητή "
                    "συγκατάθεση του προσώπου ή νομική βάση του άρθρου 9 ΓΚΠΔ."),
    )  # fmt: skip
    documents = ModelTicks(
        label=_("Δικαιολογητικά του φακέλου που γνωστοποιούνται"),
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    consent_on = DateField(label=_("Ημερομηνία συναίνεσης"), required=False, past=True)

    class Meta:
        model = Referral
        fields = [
            "body", "service", "reason", "urgency", "disclosed_fields", "disclosed_special",
            "basis", "consent_on", "consent_how", "basis_note",
        ]  # fmt: skip
        widgets = {
            "reason": forms.Textarea(attrs={"rows": 4}),
            "basis": forms.RadioSelect,
            "consent_how": forms.RadioSelect,
        }
        help_texts = {
            "basis_note": _("Για νόμιμη βάση χωρίς συναίνεση: τι τη δικαιολογεί (π.χ. άμεσος "
                            "κίνδυνος για τη ζωή ή την υγεία)."),
        }  # fmt: skip

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        referral = self.instance
        self.fields["documents"].queryset = referral.beneficiary.documents.select_related(
            "document_type"
        ).order_by("-uploaded_at")
        self.fields["documents"].label_from_instance = _document_label
        self.fields["basis"].choices = [c for c in self.fields["basis"].choices if c[0]]
        self.fields["consent_how"].choices = [c for c in self.fields["consent_how"].choices if c[0]]
        if not self.is_bound:
            chosen = referral.disclosed_documents.values_list("pk", flat=True)
            self.initial["documents"] = list(chosen)

    @property
    def sending(self) -> bool:
        return self.is_bound and self.data.get("action") == "send"


def _document_label(document) -> str:
    issued = f" · {document.issued_on:%d/%m/%Y}" if document.issued_on else ""
    return f"{document.document_type.name}{issued} · {document.original_name}"


class ReferralMoveForm(VersionedForm, forms.Form):
    """One move of a sent referral, chosen by the button pressed, from the version the page
    shows; the action checks it is allowed."""

    to_status = forms.ChoiceField(label=_("Νέα κατάσταση"), choices=Referral.Status.choices)
    note = forms.CharField(
        label=_("Σημείωση, αιτιολογία ή έκβαση"), max_length=500, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    confirmed_by_phone_on = DateField(
        label=_("Η απάντηση του φορέα επιβεβαιώθηκε τηλεφωνικά στις"), required=False, past=True
    )
    confirm = forms.BooleanField(
        label=_("Η παραπομπή κλείνει οριστικά· η κατάστασή της δεν θα αλλάζει πια."),
        required=False,
    )

    def __init__(self, *args, referral: Referral, **kwargs) -> None:
        self.referral = referral
        super().__init__(*args, **kwargs)

    def versioned_record(self) -> Referral:
        return self.referral

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("to_status")
        if status and not self.errors and self.referral.can_move_to(status):
            problems = move_problems(
                status, note=cleaned.get("note", ""), confirmed=bool(cleaned.get("confirm"))
            )
            for field, message in problems.items():
                self.add_error(field, message)
        return cleaned


class ConsentWithdrawForm(VersionedForm, forms.Form):
    """The person withdrew the consent the referral was sent on."""

    withdrawn_on = DateField(label=_("Ημερομηνία ανάκλησης"), past=True)
    note = forms.CharField(label=_("Σημείωση"), max_length=300, required=False)

    def __init__(self, *args, referral: Referral, **kwargs) -> None:
        self.referral = referral
        super().__init__(*args, **kwargs)

    def versioned_record(self) -> Referral:
        return self.referral


__all__ = [
    "NON_FIELD",
    "ConsentWithdrawForm",
    "DirectorySearchForm",
    "PartnerBodyForm",
    "PartnerServiceForm",
    "ReferralCreateForm",
    "ReferralDraftForm",
    "ReferralFromCaseFileForm",
    "ReferralMoveForm",
    "show_problems",
]
