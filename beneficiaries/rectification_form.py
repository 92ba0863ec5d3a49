"""The form of a rectification (art. 16 GDPR): the case file's own edit form — the same
fields, the same validation — with the reason and when and how the person asked."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beneficiaries.forms import (
    BeneficiaryEditForm,
    DateField,
    HouseholdMemberForm,
    validate_not_future,
)
from beneficiaries.models import RequestedHow
from community_centre.submissions import OnceForm

# The fields of the request itself, not of the case file.
REQUEST_FIELDS = ("reason", "requested_on", "requested_how")


class RectificationRequest(forms.Form):
    """When, how and why the person asked for the correction (the fields of both forms)."""

    reason = forms.CharField(
        label=_("Αιτιολογία της διόρθωσης"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Τι ήταν ανακριβές και με ποιο έγγραφο ή δήλωση διορθώθηκε."),
        error_messages={"required": _("Γράψτε την αιτιολογία της διόρθωσης.")},
    )
    requested_on = DateField(
        label=_("Ημερομηνία αιτήματος"),
        validators=[validate_not_future],
        initial=timezone.localdate,
        error_messages={"required": _("Γράψτε πότε ζήτησε το πρόσωπο τη διόρθωση.")},
    )
    requested_how = forms.ChoiceField(
        label=_("Τρόπος αιτήματος"),
        choices=RequestedHow.choices,
        initial=RequestedHow.IN_PERSON,
        error_messages={"required": _("Επιλέξτε πώς ζήτησε το πρόσωπο τη διόρθωση.")},
    )

    def changes(self) -> dict:
        """The record's fields as corrected (the action keeps only those that differ)."""
        return {name: self.cleaned_data[name] for name in self._meta.fields
                if name in self.cleaned_data}  # fmt: skip

    def request_data(self) -> dict:
        """The rectification's own values, as the actions take them."""
        return {name: self.cleaned_data[name] for name in REQUEST_FIELDS}


class RectificationForm(RectificationRequest, OnceForm, BeneficiaryEditForm):
    """The correctable fields of the case file, at the version it was opened at, and why."""


class MemberRectificationForm(RectificationRequest, HouseholdMemberForm):
    """A household member's fields, at the version they were opened at, and why; the request
    first, then the member's fields."""

    field_order = [*REQUEST_FIELDS]
