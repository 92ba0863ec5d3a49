"""Reads of the referrals app: the access gates (`visible_to`), the directory's search and the
follow-up rule (`overdue_on`)."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q

from beneficiaries.normalize import fold
from community_centre.roles import can_read_case_files, is_partner

# A longer query is cut: no body's name is this long.
MAX_QUERY_LENGTH = 100


def _reads_directory(user) -> bool:
    return (
        user.is_authenticated
        and not is_partner(user)
        and user.has_perm("referrals.view_partnerbody")
    )


class PartnerBodyQuerySet(models.QuerySet):
    def visible_to(self, user) -> PartnerBodyQuerySet:
        """The directory holds no personal data: the Centre's staff who may view it (caseworkers,
        administrators) read all of it; a partner account none (nor any other account)."""
        return self if _reads_directory(user) else self.none()

    def referral_targets(self) -> PartnerBodyQuerySet:
        """Bodies a referral may be sent to: in operation and not a helpline."""
        return self.filter(is_active=True, is_helpline=False)

    def helplines(self) -> PartnerBodyQuerySet:
        return self.filter(is_helpline=True, is_active=True)

    def search(self, query: str = "", *, need=None, settlement=None) -> PartnerBodyQuerySet:
        """Bodies whose name, or the name of one of their services, contains `query` (case,
        accents and final sigma ignored: beneficiaries.normalize.fold), with a service that
        answers `need` (a NeedCategory), in `settlement`. Each body once."""
        queryset = self
        folded = fold((query or "").strip()[:MAX_QUERY_LENGTH])
        if folded:
            services = self._services().filter(search_name__contains=folded)
            queryset = queryset.filter(
                Q(search_name__contains=folded) | Q(pk__in=services.values("body_id"))
            )
        if need is not None:
            answering = self._services().filter(need_categories=need, is_active=True)
            queryset = queryset.filter(pk__in=answering.values("body_id"))
        if settlement is not None:
            queryset = queryset.filter(settlement=settlement)
        return queryset

    def _services(self) -> PartnerServiceQuerySet:
        return self.model._meta.get_field("services").related_model.objects.all()


class PartnerServiceQuerySet(models.QuerySet):
    def visible_to(self, user) -> PartnerServiceQuerySet:
        return self if _reads_directory(user) else self.none()

    def referral_targets(self) -> PartnerServiceQuerySet:
        return self.filter(is_active=True, body__is_active=True, body__is_helpline=False)


class ReferralQuerySet(models.QuerySet):
    def visible_to(self, user) -> ReferralQuerySet:
        """Caseworkers: every referral, as every record of a case file (requests scope theirs
        the same way). A partner account: exactly the referrals sent to its body, never a
        draft; revoked ones stay as a stub (Referral.body_sees_snapshot says what they show).
        Anyone else: none."""
        if can_read_case_files(user):
            return self
        if is_partner(user):
            # Sent at some point: a draft, or a draft revoked before sending, never reached it.
            return self.filter(body__memberships__user=user, sent_at__isnull=False)
        return self.none()

    def followed(self) -> ReferralQuerySet:
        """Waiting for the body: its answer (sent) or the outcome (accepted)."""
        return self.filter(status__in=self.model.FOLLOWED_STATUSES)

    def overdue_on(self, day: date) -> ReferralQuerySet:
        """Sent and not answered, or accepted and without outcome, past the follow-up date
        (served by the partial index referral_followed_due)."""
        return self.followed().filter(follow_up_on__lt=day)

    def for_body(self, body) -> ReferralQuerySet:
        return self.filter(body=body, sent_at__isnull=False)
