"""Forms for the records inside a case file: representative, consent, notes, needs, documents."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beneficiaries.choices import Sex
from beneficiaries.documents import check_upload
from beneficiaries.forms import DateField, validate_not_future
from beneficiaries.models import CaseNote, Consent, Document, DocumentType, Need, NeedCategory
from beneficiaries.models.household import Representative
from beneficiaries.validators import normalize_id_number, normalize_phone
from community_centre.models import CentreProfile
from community_centre.submissions import OnceForm
from community_centre.versions import VersionedForm


def _documents_of_type(beneficiary, code: str, *, current: int | None):
    """The person's documents of one type: only a suitable file is offered (and the one already
    chosen, whatever its type, so that editing does not drop it)."""
    return beneficiary.documents.filter(Q(document_type__code=code) | Q(pk=current)).select_related(
        "document_type"
    )


class _RepresentativeFields(forms.ModelForm):
    """What every form of a representative checks and normalises."""

    valid_from = DateField(label=_("Ισχύει από"))
    valid_until = DateField(label=_("Ισχύει έως"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sex"].required = False  # only for the Greek of printed forms

    def clean_sex(self) -> str:
        return self.cleaned_data.get("sex") or Sex.NOT_STATED

    def clean_phone(self) -> str:
        value = self.cleaned_data.get("phone") or ""
        return normalize_phone(value) if value else ""

    def clean_id_document_number(self) -> str:
        return normalize_id_number(self.cleaned_data.get("id_document_number") or "")


class RepresentativeForm(OnceForm, VersionedForm, _RepresentativeFields):
    """An authorised representative; editing one carries its version."""

    class Meta:
        model = Representative
        fields = ["surname", "given_name", "sex", "relationship", "id_document_number", "phone",
                  "authorisation_document", "valid_from", "valid_until"]  # fmt: skip

    def __init__(self, *args, beneficiary, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["authorisation_document"].queryset = _documents_of_type(
            beneficiary, DocumentType.AUTHORISATION, current=self.instance.authorisation_document_id
        )


class IntakeRepresentativeForm(_RepresentativeFields):
    """The representative, given at the intake already (optional: an empty block adds nobody).

    The authorisation document is uploaded later from the case file, so it is not asked here.
    """

    prefix = "representative"

    class Meta:
        model = Representative
        fields = ["surname", "given_name", "sex", "relationship", "id_document_number", "phone",
                  "valid_from", "valid_until"]  # fmt: skip

    NEEDED = ("surname", "given_name", "valid_from")  # once anything of the block is typed

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, empty_permitted=True, use_required_attribute=False, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("valid_from", timezone.localdate())
        # Labels of their own (the person's surname is on the same page), no «required» mark:
        # the whole block is optional, and `clean` asks for these only when it is used.
        self.fields["surname"].label = _("Επώνυμο εκπροσώπου")
        self.fields["given_name"].label = _("Όνομα εκπροσώπου")
        self.fields["sex"].label = _("Φύλο εκπροσώπου")
        for name in self.NEEDED:
            self.fields[name].required = False

    def clean(self):
        cleaned = super().clean()
        for name in self.NEEDED:
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(name, _("Συμπληρώστε το για τον εκπρόσωπο."))
        return cleaned

    def has_changed(self) -> bool:
        """Only what the worker typed counts: the suggested start date and the «not stated» sex
        alone add nobody."""
        return any(
            (self.data.get(self.add_prefix(name)) or "").strip()
            for name in self.fields
            if name not in ("valid_from", "sex")
        )


class ConsentForm(OnceForm, forms.ModelForm):
    informed_on = DateField(label=_("Ημερομηνία ενημέρωσης"), validators=[validate_not_future])

    class Meta:
        model = Consent
        fields = ["informed_on", "consents_to_processing", "consents_to_sharing", "signed_copy"]

    def __init__(self, *args, beneficiary, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signed_copy"].queryset = _documents_of_type(
            beneficiary, DocumentType.CONSENT_FORM, current=self.instance.signed_copy_id
        )

    def save(self, commit: bool = True) -> Consent:
        consent = super().save(commit=False)
        if not consent.notice_version:
            consent.notice_version = CentreProfile.current().privacy_notice_version
        if commit:
            consent.save()
        return consent


class CaseNoteForm(OnceForm, forms.ModelForm):
    occurred_on = DateField(label=_("Ημερομηνία"), validators=[validate_not_future])

    class Meta:
        model = CaseNote
        fields = ["occurred_on", "kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}


class NeedForm(OnceForm, VersionedForm, forms.ModelForm):
    """A need of the person; editing one carries its version."""

    identified_on = DateField(label=_("Εντοπίστηκε"), validators=[validate_not_future])

    class Meta:
        model = Need
        fields = ["category", "identified_on", "status", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = NeedCategory.objects.filter(is_active=True)


class DocumentForm(OnceForm, forms.ModelForm):
    issued_on = DateField(
        label=_("Ημερομηνία εγγράφου"), required=False, validators=[validate_not_future]
    )
    expires_on = DateField(label=_("Λήξη"), required=False)
    file = forms.FileField(
        label=_("Αρχείο (PDF, JPEG ή PNG)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}
        ),
    )

    class Meta:
        model = Document
        fields = ["document_type", "description", "issued_on", "expires_on", "file"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document_type"].queryset = DocumentType.objects.filter(is_active=True)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.checked = check_upload(upload)  # raises ValidationError with a Greek message
        return upload
