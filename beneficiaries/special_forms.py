"""The purpose a worker states before the special categories of a case file are shown."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from beneficiaries.special_categories import Purpose

OTHER_LENGTH = 200
# The pages the values are shown on next: the case file, its edit form, its rectification form.
NEXT_PAGES = ("file", "edit", "rectify")


class SpecialPurposeForm(forms.Form):
    """Why the values are needed now: one of the usual purposes, or another one in words; and
    which page shows them next (NEXT_PAGES)."""

    purpose = forms.ChoiceField(
        label=gettext_lazy("Σκοπός"),
        choices=Purpose.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Επιλέξτε τον σκοπό της εμφάνισης."),
            "invalid_choice": gettext_lazy("Επιλέξτε έναν από τους σκοπούς του καταλόγου."),
        },
    )
    other = forms.CharField(
        label=gettext_lazy("Περιγραφή του σκοπού"),
        max_length=OTHER_LENGTH,
        required=False,
        help_text=gettext_lazy("Μόνο για «Άλλος σκοπός»: γράψτε για ποιον λόγο χρειάζονται."),
    )
    then = forms.ChoiceField(
        choices=[(page, page) for page in NEXT_PAGES], initial="file", widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["then"].error_messages["invalid_choice"] = _("Η σελίδα δεν είναι γνωστή.")
        self.fields["other"].error_messages["max_length"] = _(
            "Γράψτε τον σκοπό σε έως %(limit)d χαρακτήρες."
        ) % {"limit": OTHER_LENGTH}

    def clean_other(self) -> str:
        return " ".join((self.cleaned_data.get("other") or "").split())

    def clean(self) -> dict:
        data = super().clean()
        if data.get("purpose") == Purpose.OTHER and not data.get("other"):
            self.add_error("other", _("Γράψτε ποιος είναι ο σκοπός."))
        return data

    @property
    def purpose_text(self) -> str:
        """The purpose as the access log keeps it, in words."""
        data = self.cleaned_data
        label = str(Purpose(data["purpose"]).label)
        return f"{label}: {data['other']}" if data["purpose"] == Purpose.OTHER else label
