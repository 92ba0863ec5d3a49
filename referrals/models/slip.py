"""The printed referral slip (παραπεμπτικό σημείωμα): rendered once from the referral's frozen
snapshot, kept byte for byte and reprinted exactly as it was given."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def slip_path(instance: ReferralSlip, filename: str) -> str:
    return f"referral-slips/{instance.referral.beneficiary_id}/{uuid.uuid4().hex}.pdf"


class ReferralSlip(models.Model):
    """The one printed slip of a sent referral, exactly as it was first printed."""

    referral = models.OneToOneField(
        "referrals.Referral",
        on_delete=models.PROTECT,
        related_name="slip",
        verbose_name=_("παραπομπή"),
    )
    pdf = models.FileField(_("έγγραφο"), upload_to=slip_path, max_length=200)
    sha256 = models.CharField(max_length=64)
    printed_at = models.DateTimeField(_("τυπώθηκε"), auto_now_add=True)
    printed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("τυπώθηκε από"),
    )

    class Meta:
        verbose_name = _("παραπεμπτικό σημείωμα")
        verbose_name_plural = _("παραπεμπτικά σημειώματα")

    def __str__(self) -> str:
        return str(self.referral.protocol)

    def get_additional_data(self) -> dict:
        return {"beneficiary_id": self.referral.beneficiary_id}
