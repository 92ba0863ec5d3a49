"""The forms of the retention screens: a policy's period, a legal hold's reason."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from beneficiaries.models import RetentionPolicy
from community_centre.versions import VersionedForm


class RetentionPolicyForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = RetentionPolicy
        fields = ["years", "days", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"note": {"required": _("Γράψτε την αιτιολόγηση.")}}
        help_texts = {
            "years": _("Από 0 έως 100."),
            "days": _("Από 0 έως 3.650· προστίθενται στα έτη."),
            "note": _("Γιατί τόσο: η νομική βάση ή η ανάγκη της υπηρεσίας."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["years"].widget.attrs.update(min=0, max=100)
        self.fields["days"].widget.attrs.update(min=0, max=3650)

    def clean_note(self) -> str:
        note = self.cleaned_data["note"].strip()
        if not note:
            raise forms.ValidationError(_("Γράψτε την αιτιολόγηση."), code="required")
        return note

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("years") == 0 and cleaned.get("days") == 0:
            # Beside the field, so the model's own check (the same rule) is not shown again.
            self.add_error(
                "days",
                forms.ValidationError(
                    _("Η διάρκεια διατήρησης δεν μπορεί να είναι μηδενική."), code="zero"
                ),
            )
        return cleaned


class LegalHoldForm(forms.Form):
    reason = forms.CharField(
        label=_("Αιτιολογία"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )
