"""Referrals to partner bodies: the directory of bodies and services, partner accounts, and
referrals with what they disclosed and their closed-loop status."""

from referrals.models.correction import InformedHow, RectificationTask
from referrals.models.directory import BodyKind, PartnerBody, PartnerMembership, PartnerService
from referrals.models.referral import (
    Basis,
    ConsentHow,
    Disclosed,
    Referral,
    ReferralDocument,
    ReferralStatusChange,
    Urgency,
)
from referrals.models.slip import ReferralSlip

__all__ = [
    "Basis",
    "BodyKind",
    "ConsentHow",
    "InformedHow",
    "Disclosed",
    "PartnerBody",
    "PartnerMembership",
    "PartnerService",
    "RectificationTask",
    "Referral",
    "ReferralDocument",
    "ReferralSlip",
    "ReferralStatusChange",
    "Urgency",
]
