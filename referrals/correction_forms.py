"""The form a worker fills in once the partner body has been told of a rectification."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beneficiaries.forms import DateField, validate_not_future
from referrals.models.correction import STAFF_INFORMED_HOW


class BodyInformedForm(forms.Form):
    """«Ο φορέας ενημερώθηκε»: when, how (printed notice, email, phone), and a note."""

    informed_on = DateField(
        label=_("Ημερομηνία ενημέρωσης"),
        validators=[validate_not_future],
        initial=timezone.localdate,
        error_messages={"required": _("Γράψτε πότε ενημερώθηκε ο φορέας.")},
    )
    how = forms.ChoiceField(
        label=_("Τρόπος ενημέρωσης"),
        choices=STAFF_INFORMED_HOW,
        widget=forms.RadioSelect,
        error_messages={"required": _("Επιλέξτε πώς ενημερώθηκε ο φορέας.")},
    )
    note = forms.CharField(
        label=_("Σημείωση"),
        max_length=300,
        required=False,
        help_text=_("Π.χ. σε ποιο email ή με ποιον μιλήσατε."),
    )
