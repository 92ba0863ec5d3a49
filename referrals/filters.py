"""The filters of the staff referral list: status (or all followed ones), body, the worker who
referred, only the overdue. Invalid values are ignored, as on the request list."""

from __future__ import annotations

from datetime import date

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from beneficiaries.forms import caseworker_choices
from referrals.models import PartnerBody, Referral

FOLLOWED = "followed"


class ReferralFilterForm(forms.Form):
    """An empty form lists every referral, the latest status change first."""

    status = forms.ChoiceField(
        label=_("Κατάσταση"),
        required=False,
        choices=[("", _("Όλες")), (FOLLOWED, _("Σε παρακολούθηση")), *Referral.Status.choices],
    )
    body = forms.ModelChoiceField(
        label=_("Φορέας"), required=False, queryset=None, empty_label=_("Όλοι")
    )
    worker = forms.ModelChoiceField(
        label=_("Παρέπεμψε"), required=False, queryset=None, empty_label=_("Όλοι/ες")
    )
    overdue = forms.BooleanField(label=_("Μόνο εκπρόθεσμες"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = PartnerBody.objects.filter(is_helpline=False).order_by(
            "name"
        )
        self.fields["worker"].queryset = caseworker_choices()
        for name in ("status", "body", "worker"):
            self.fields[name].widget.attrs["class"] = "form-select"
        self.fields["overdue"].widget.attrs["class"] = "form-check-input"

    def filter(self, queryset: QuerySet, today: date) -> QuerySet:
        """`queryset` narrowed by the valid filters, ordered for the indexes that serve it:
        overdue ones most overdue first (referral_followed_due, referral_followed_worker), the
        others by the latest status change (referral_changed, referral_status,
        referral_body_changed, referral_worker_changed)."""
        data = self.cleaned_data if self.is_valid() else {}
        status = data.get("status")
        if status == FOLLOWED:
            queryset = queryset.followed()
        elif status:
            queryset = queryset.filter(status=status)
        if data.get("body"):
            queryset = queryset.filter(body=data["body"])
        if data.get("worker"):
            queryset = queryset.filter(referred_by=data["worker"])
        if data.get("overdue"):
            return queryset.overdue_on(today).order_by("follow_up_on", "pk")
        return queryset.order_by("-status_changed_at", "-pk")
