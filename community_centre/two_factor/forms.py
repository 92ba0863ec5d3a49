"""The second factor's forms: a code (the phone's or a backup code), and the reset's reason."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from community_centre.submissions import OnceForm
from community_centre.two_factor import verification
from community_centre.two_factor.verification import CODE_MAX_LENGTH


class CodeField(forms.CharField):
    """A code as typed: spaces, dashes and case do not count; never longer than a code could be."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("label", pgettext_lazy("one-time code", "Κωδικός"))
        super().__init__(
            strip=True,
            error_messages={"required": _("Γράψτε τον κωδικό.")},
            validators=[
                MaxLengthValidator(
                    CODE_MAX_LENGTH, message=_("Ο κωδικός έχει το πολύ %(limit_value)d χαρακτήρες.")
                )
            ],
            widget=forms.TextInput(
                attrs={
                    "autocomplete": "one-time-code",
                    "autocapitalize": "off",
                    "spellcheck": "false",
                    "autofocus": True,
                }
            ),  # fmt: skip
            **kwargs,
        )

    def to_python(self, value):
        text = super().to_python(value)
        return text.replace("\0", "") if text else text


class CodeForm(forms.Form):
    """One code, checked against the user's devices by `check` (the view passes the user)."""

    code = CodeField(
        help_text=_("Τα 6 ψηφία της εφαρμογής στο κινητό σας, ή ένας κωδικός ανάκτησης.")
    )

    def __init__(self, *args, user, check=verification.check_code, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user, self._check = user, check
        self.outcome: verification.Outcome | None = None

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        self.outcome = self._check(self.user, code)
        if not self.outcome.ok:
            raise forms.ValidationError(self.outcome.error, code=self.outcome.code)
        return code


class PhoneCodeForm(CodeForm):
    """A code from the phone only (confirming the enrolment, or a change on the account page)."""

    code = CodeField(help_text=_("Τα 6 ψηφία που δείχνει τώρα η εφαρμογή στο κινητό σας."))


class ResetForm(OnceForm, forms.Form):
    """The coordinator's reset of someone's lost device: the reason is required."""

    reason = forms.CharField(
        label=_("Αιτία"),
        max_length=300,
        strip=True,
        error_messages={"required": _("Γράψτε την αιτία της επαναφοράς.")},
    )

    def clean_reason(self) -> str:
        return self.cleaned_data["reason"].replace("\0", "")
