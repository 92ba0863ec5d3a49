"""The request the export answers: when and how the person asked."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from beneficiaries.forms import DateField, validate_not_future
from beneficiaries.subject_access.collect import Channel

CHANNELS = [
    (Channel.IN_PERSON, _("Αυτοπροσώπως")),
    (Channel.LETTER, _("Με επιστολή")),
    (Channel.EMAIL, _("Με email")),
]


def channel_label(channel: str) -> str:
    return str(dict(CHANNELS).get(channel, channel))


class SubjectAccessForm(forms.Form):
    requested_on = DateField(
        label=_("Ημερομηνία του αιτήματος"),
        validators=[validate_not_future],
        help_text=_("Η ημέρα που το πρόσωπο ζήτησε πρόσβαση στα δεδομένα του."),
    )
    channel = forms.ChoiceField(
        label=_("Πώς το ζήτησε"), choices=CHANNELS, widget=forms.RadioSelect
    )
