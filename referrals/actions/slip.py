"""The printed referral slip: rendered once, on the first print after sending, from the
referral's frozen snapshot (never from the live case file), and kept byte for byte; every later
print gives back the stored bytes."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from community_centre.grammar import by_sex
from community_centre.models import CentreProfile, User
from community_centre.pdf import render_pdf
from referrals.exceptions import ReferralError
from referrals.models import Basis, ConsentHow, Disclosed, Referral, ReferralSlip

SLIP_TEMPLATE = "referrals/pdf/referral_slip.html"


@transaction.atomic
def slip_issue(*, referral: Referral, actor: User) -> ReferralSlip:
    """The slip of the sent `referral`: the one kept, or rendered and kept now. The referral is
    locked while it renders, so two first prints at once keep one slip."""
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    if locked.sent_at is None:
        raise ReferralError(_("Το παραπεμπτικό τυπώνεται όταν σταλεί η παραπομπή."))
    kept = ReferralSlip.objects.filter(referral=locked).first()
    if kept is not None:
        return kept
    referral = Referral.objects.select_related("body", "service", "referred_by").get(pk=locked.pk)
    slip = ReferralSlip(referral=referral, printed_by=actor)
    content = render_pdf(SLIP_TEMPLATE, slip_context(referral))
    slip.sha256 = hashlib.sha256(content).hexdigest()
    slip.pdf.save(f"{referral.protocol}.pdf", ContentFile(content), save=False)
    try:
        slip.full_clean()
        slip.save()
    except Exception:
        slip.pdf.delete(save=False)  # the row was not written: leave no orphan file behind
        raise
    return slip


def slip_context(referral: Referral) -> dict:
    """What the slip prints: the referral, its body and service, the referring worker, and of
    the person only the values frozen in the snapshot (Referral.disclosed_items)."""
    values = referral.snapshot.get("values", {})
    reason_label = str(Disclosed.REASON.label)
    named = bool(values.get(Disclosed.NAME))
    # The person's sex only makes the Greek agree, and only beside a disclosed name; without
    # the name the slip is worded neutrally and says nothing that points to the person.
    sex = referral.beneficiary.sex if named else None
    return {
        "referral": referral,
        "body": referral.body,
        "service": referral.service,
        "worker": referral.referred_by,
        "centre": CentreProfile.current(),
        "items": [item for item in referral.disclosed_items() if item[0] != reason_label],
        "reason": values.get(Disclosed.REASON) or referral.reason,
        "introduction": _introduction(sex),
        "basis_sentence": _basis_sentence(referral, sex),
        "person_signs": referral.consent_how == ConsentHow.SIGNED_SLIP,
        "person_title": by_sex(
            sex, female=_("Η ωφελούμενη"), male=_("Ο ωφελούμενος"), other=_("Ο/Η ωφελούμενος/η")
        ),  # fmt: skip
    }


def _introduction(sex: str | None) -> str:
    return by_sex(
        sex,
        female=_("Με το παρόν παραπέμπεται στην υπηρεσία σας η ωφελούμενη του Κέντρου μας της "
                 "οποίας τα στοιχεία ακολουθούν, για τον λόγο που περιγράφεται παρακάτω."),
        male=_("Με το παρόν παραπέμπεται στην υπηρεσία σας ο ωφελούμενος του Κέντρου μας του "
               "οποίου τα στοιχεία ακολουθούν, για τον λόγο που περιγράφεται παρακάτω."),
        other=_("Με το παρόν παραπέμπεται στην υπηρεσία σας το πρόσωπο του οποίου τα στοιχεία "
                "ακολουθούν, για τον λόγο που περιγράφεται παρακάτω."),
    )  # fmt: skip


def _basis_sentence(referral: Referral, sex: str | None) -> str:
    if referral.basis != Basis.CONSENT:
        return _("Τα στοιχεία γνωστοποιούνται βάσει «%(basis)s» και μόνο για τον σκοπό της "
                 "παραπομπής.") % {"basis": referral.get_basis_display()}  # fmt: skip
    day = referral.consent_on.strftime("%d/%m/%Y") if referral.consent_on else ""
    return by_sex(
        sex,
        female=_("Τα στοιχεία γνωστοποιούνται με τη συναίνεσή της, που δόθηκε στις %(day)s, και "
                 "μόνο για τον σκοπό της παραπομπής."),
        male=_("Τα στοιχεία γνωστοποιούνται με τη συναίνεσή του, που δόθηκε στις %(day)s, και "
               "μόνο για τον σκοπό της παραπομπής."),
        other=_("Τα στοιχεία γνωστοποιούνται με τη συναίνεση του προσώπου, που δόθηκε στις "
                "%(day)s, και μόνο για τον σκοπό της παραπομπής."),
    ) % {"day": day}  # fmt: skip
