"""Forms of the report screen: which period (a month, or a range typed the Greek way), the
publication toggle, and the sign-off and re-opening of a month. Greek messages beside the field
(those of reporting.period.PeriodError); nothing is saved here."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from beneficiaries.forms import DateField
from community_centre.submissions import OnceForm
from reporting.actions import REASON_MAX
from reporting.period import Period, PeriodError, athens_today, month_period, range_period


def last_ended_month() -> Period:
    return Period.month(athens_today().year, athens_today().month).previous_month()


class PeriodForm(forms.Form):
    """A calendar month, or a range from/to when either day is typed; `period` once valid."""

    month = forms.CharField(
        label=_("Μήνας"),
        required=False,
        max_length=7,
        widget=forms.TextInput(attrs={"type": "month", "placeholder": _("εεεε-μμ")}),
    )
    date_from = DateField(label=_("Από"), required=False)
    date_to = DateField(label=_("Έως"), required=False)
    publication = forms.BooleanField(
        label=_("Για δημοσίευση (μικρές τιμές ως «<5»)"), required=False
    )

    def __init__(self, data=None, **kwargs) -> None:
        if data is not None and not any(data.get(k) for k in ("month", "date_from", "date_to")):
            data = data.copy()
            data["month"] = last_ended_month().month_key
        super().__init__(data, **kwargs)
        self.period: Period | None = None

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        first, last = data.get("date_from"), data.get("date_to")
        if first or last:
            if not (first and last):
                field = "date_to" if first else "date_from"
                self.add_error(field, _("Γράψτε και τις δύο ημερομηνίες του διαστήματος."))
                return data
            self._read("date_to", range_period, first.isoformat(), last.isoformat())
        else:
            self._read("month", month_period, data.get("month", ""))
        return data

    def _read(self, field: str, reader, *texts: str) -> None:
        try:
            self.period = reader(*texts)
        except PeriodError as exc:
            self.add_error(field, str(exc))

    @property
    def query(self) -> dict[str, str]:
        """The period (and publication) as the report's address carries it."""
        if self.period is None:
            return {}
        if self.period.is_month:
            query = {"month": self.period.month_key}
        else:
            query = {
                "date_from": f"{self.period.first:%d/%m/%Y}",
                "date_to": f"{self.period.last:%d/%m/%Y}",
            }
        if self.cleaned_data.get("publication"):
            query["publication"] = "on"
        return query


class MonthForm(forms.Form):
    """The month a sign-off or a re-opening is about (a hidden field of the report page)."""

    month = forms.CharField(widget=forms.HiddenInput, max_length=7)

    def clean_month(self) -> Period:
        try:
            return month_period(self.cleaned_data["month"])
        except PeriodError as exc:
            raise forms.ValidationError(str(exc), code="period") from exc


class SignOffForm(OnceForm, MonthForm):
    pass


class ReopenForm(OnceForm, MonthForm):
    reason = forms.CharField(
        label=_("Γιατί ανοίγει ξανά ο μήνας"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Γράψτε γιατί ανοίγει ξανά ο μήνας.")},
    )
