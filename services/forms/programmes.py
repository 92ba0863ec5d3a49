"""Forms of the programme catalogue: a programme and a line of its document checklist, new or
corrected. Forms only validate and carry the version or the one-time token; the actions save."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from beneficiaries.models import DocumentType
from community_centre.submissions import OnceForm
from community_centre.versions import VersionedForm
from services.models import Programme, ProgrammeDocument


class ProgrammeForm(OnceForm, VersionedForm, forms.ModelForm):
    """A programme of the catalogue, new or corrected (taken out of use with «σε ισχύ»)."""

    class Meta:
        model = Programme
        fields = [
            "name", "code", "deciding_body", "submitted_via", "centre_files", "renewal_months",
            "description", "is_active",
        ]  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"code": _("Σταθερός κωδικός με λατινικά, π.χ. epidoma-stegasis.")}
        error_messages = {
            "renewal_months": {
                "invalid": _("Γράψτε έναν ακέραιο αριθμό μηνών (π.χ. 6) ή αφήστε το κενό."),
                "min_value": _("Η ανανέωση είναι τουλάχιστον κάθε 1 μήνα."),
                "max_value": _("Η ανανέωση είναι το πολύ κάθε 60 μήνες."),
            }
        }


class ProgrammeDocumentForm(OnceForm, VersionedForm, forms.ModelForm):
    """A line of a programme's checklist: the document type, whose, how needed, a note."""

    class Meta:
        model = ProgrammeDocument
        fields = ["document_type", "requirement", "scope", "note"]
        widgets = {"requirement": forms.RadioSelect, "scope": forms.RadioSelect}
        error_messages = {
            "document_type": {
                "required": _("Επιλέξτε το δικαιολογητικό."),
                "invalid_choice": _("Το δικαιολογητικό αυτό δεν είναι σε χρήση."),
            }
        }

    def __init__(self, *args, programme: Programme, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.programme = programme
        self.fields["document_type"].queryset = DocumentType.objects.filter(is_active=True)
        self.fields["document_type"].widget.attrs["class"] = "form-select"
