"""The ΕΕΕ screening form: the household's make-up, its income of the last six months and the
day to screen on; Greek messages beside each field, nothing saved."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from beneficiaries.forms import DateField
from community_centre.numbers import AmountField
from services.eee import NoRateInForce, Screening, ScreeningError, screen

# A household larger than this is a typing error, not a household.
MAX_MEMBERS = 30


def _count(label, *, minimum: int, help_text="", required=True) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=minimum,
        max_value=MAX_MEMBERS,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Γράψτε έναν ακέραιο αριθμό."),
            "required": _("Συμπληρώστε τον αριθμό."),
            "min_value": _("Ο αριθμός δεν μπορεί να είναι μικρότερος από %(limit_value)s."),
            "max_value": _("Ο αριθμός δεν μπορεί να είναι μεγαλύτερος από %(limit_value)s."),
        },
    )


class EeeScreeningForm(forms.Form):
    """The questions of the desk screening; `screening` holds the answer once the form is valid."""

    adults = _count(_("Ενήλικες"), minimum=1, help_text=_("Μέλη 18 ετών και άνω."))
    minors = _count(
        _("Ανήλικοι"),
        minimum=0,
        help_text=_("Όλα τα μέλη κάτω των 18, μαζί με τα απροστάτευτα τέκνα."),
    )
    single_parent = forms.BooleanField(label=_("Μονογονεϊκή οικογένεια"), required=False)
    unprotected_children = _count(
        _("Από τους ανήλικους, απροστάτευτα τέκνα"), minimum=0, required=False
    )
    income_6m = AmountField(
        label=_("Εισόδημα του νοικοκυριού τους τελευταίους 6 μήνες (€)"),
        help_text=_("Π.χ. 1.234,56"),
        error_messages={"required": _("Συμπληρώστε το εισόδημα· γράψτε 0 αν δεν υπάρχει.")},
    )
    on = DateField(
        label=_("Ημερομηνία ελέγχου"),
        error_messages={"required": _("Συμπληρώστε την ημερομηνία (ηη/μμ/εεεε).")},
    )

    screening: Screening | None = None

    def clean_unprotected_children(self) -> int:
        return self.cleaned_data["unprotected_children"] or 0

    def clean(self) -> dict:
        data = super().clean()
        minors, unprotected = data.get("minors"), data.get("unprotected_children")
        if minors is not None and unprotected is not None and unprotected > minors:
            self.add_error(
                "unprotected_children",
                ValidationError(
                    _("Τα απροστάτευτα τέκνα μετρώνται και στους ανήλικους· γράψτε έως %(n)s."),
                    code="more_than_minors",
                    params={"n": minors},
                ),
            )
        if not self.errors:
            self.screening = self._screen(data)
        return data

    def _screen(self, data: dict) -> Screening | None:
        try:
            return screen(
                adults=data["adults"],
                minors=data["minors"],
                single_parent=data["single_parent"],
                unprotected_children=data["unprotected_children"],
                income_6m=data["income_6m"],
                on=data["on"],
            )
        except NoRateInForce as exc:
            self.add_error("on", ValidationError(str(exc), code="no_rate"))
        except ScreeningError as exc:
            self.add_error(None, ValidationError(str(exc), code="unscreenable"))
        return None
