"""Who holds which role, and what happened to staff accounts (DESIGN.md §6).

A role is in force through a `RoleGrant`: an administrator proposes it, and a role that reads
case files takes effect only when a coordinator other than the proposer and the holder confirms
it (four eyes). Django's per-user permissions and group memberships are not used: the
permissions of a user are those of the roles of their grants in force.
"""

from __future__ import annotations

import enum

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from community_centre.choices import ColoredChoices


class Role(models.TextChoices):
    """The roles of staff; the values are the names of the groups that hold their permissions."""

    SOCIAL_WORKER = "social_worker", _("Κοινωνικός/ή λειτουργός")
    COORDINATOR = "coordinator", _("Συντονιστής/τρια")
    ADMINISTRATOR = "administrator", _("Διαχειριστής/τρια συστήματος")
    # Staff of a partner body (referrals.PartnerMembership names the body): they read only the
    # referrals sent to their body, and of each only what was disclosed to it.
    PARTNER = "partner", _("Συνεργαζόμενος φορέας")


# Roles that read case files: never held by an administrator or a superuser, and in force only
# once a coordinator has confirmed them.
CASE_FILE_ROLES = frozenset({Role.SOCIAL_WORKER, Role.COORDINATOR})
# Roles that read personal data, so in force only once a coordinator has confirmed them and never
# on an administrator's or superuser's account: the case-file roles and the partner role (which
# reads the data disclosed to its body).
CONFIRMED_ROLES = CASE_FILE_ROLES | {Role.PARTNER}


class RoleGrantQuerySet(models.QuerySet):
    def in_force(self) -> RoleGrantQuerySet:
        return self.filter(status=RoleGrant.Status.ACTIVE)

    def open(self) -> RoleGrantQuerySet:
        """Grants waiting for confirmation or in force (at most one per user and role)."""
        return self.filter(status__in=RoleGrant.OPEN_STATUSES)

    def visible_to(self, user) -> RoleGrantQuerySet:
        """Coordinators and administrators see every grant; nobody else sees any."""
        if user.is_authenticated and (
            user.has_perm("community_centre.confirm_rolegrant")
            or user.has_perm("community_centre.view_rolegrant")
        ):
            return self
        return self.none()


class RoleGrant(models.Model):
    """A role given to a member of staff: proposed, confirmed (four eyes), then revoked."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Αναμένει επιβεβαίωση")
        ACTIVE = "active", _("Σε ισχύ")
        REJECTED = "rejected", _("Απορρίφθηκε")
        REVOKED = "revoked", _("Ανακλήθηκε")

    OPEN_STATUSES = (Status.PENDING, Status.ACTIVE)
    TRANSITIONS = {
        Status.PENDING: {Status.ACTIVE, Status.REJECTED},
        Status.ACTIVE: {Status.REVOKED},
        Status.REJECTED: set(),
        Status.REVOKED: set(),
    }

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="role_grants",
        verbose_name=_("χρήστης"),
    )
    role = models.CharField(_("ρόλος"), max_length=20, choices=Role.choices)
    status = models.CharField(
        _("κατάσταση"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    # Empty when the grant was given at the server's command line (`manage.py grant_role`).
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("πρότεινε"),
    )
    requested_at = models.DateTimeField(_("πρόταση"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("αποφάσισε"),
    )
    decided_at = models.DateTimeField(_("απόφαση"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ανακάλεσε"),
    )
    ended_at = models.DateTimeField(_("ανάκληση"), null=True, blank=True)
    note = models.CharField(_("σημείωση"), max_length=300, blank=True)

    objects = RoleGrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("ανάθεση ρόλου")
        verbose_name_plural = _("αναθέσεις ρόλων")
        ordering = ["-requested_at", "-pk"]
        permissions = [("confirm_rolegrant", _("Επιβεβαίωση και απόρριψη αναθέσεων ρόλων"))]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(status__in=["pending", "active"]),
                name="rolegrant_one_open_per_role",
                violation_error_message=_("Ο χρήστης έχει ήδη αυτόν τον ρόλο ή εκκρεμεί."),
            ),
            models.CheckConstraint(
                condition=Q(requested_by__isnull=True) | ~Q(requested_by=F("user")),
                name="rolegrant_not_proposed_by_holder",
                violation_error_message=_("Κανείς δεν αλλάζει τους δικούς του ρόλους."),
            ),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True)
                | (~Q(decided_by=F("user")) & ~Q(decided_by=F("requested_by"))),
                name="rolegrant_four_eyes",
                violation_error_message=_(
                    "Την ανάθεση επιβεβαιώνει άλλος από αυτόν που την πρότεινε και τον κάτοχό της."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ended_by__isnull=True) | ~Q(ended_by=F("user")),
                name="rolegrant_not_ended_by_holder",
                violation_error_message=_("Κανείς δεν αλλάζει τους δικούς του ρόλους."),
            ),
        ]
        indexes = [models.Index(fields=["user", "status"], name="rolegrant_user_status")]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()} ({self.get_status_display()})"

    @property
    def reads_case_files(self) -> bool:
        return self.role in CASE_FILE_ROLES

    @property
    def reads_personal_data(self) -> bool:
        """Whether the role needs a coordinator's confirmation (CONFIRMED_ROLES)."""
        return self.role in CONFIRMED_ROLES

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS[self.status]


class StaffEventQuerySet(models.QuerySet):
    def visible_to(self, user) -> StaffEventQuerySet:
        """The coordinator reads the account events; nobody else does in the application."""
        if user.is_authenticated and user.has_perm("community_centre.confirm_rolegrant"):
            return self
        return self.none()

    def unseen(self) -> StaffEventQuerySet:
        return self.filter(seen_at__isnull=True)


class StaffEvent(models.Model):
    """Something done to a staff account that the coordinator must know of (a password set by an
    administrator, a role proposed, confirmed, refused or revoked, an account created, a second
    factor enrolled, turned off or reset)."""

    class Kind(ColoredChoices):
        ACCOUNT_CREATED = "account_created", _("Δημιουργία λογαριασμού")
        PASSWORD_SET = "password_set", _("Ορισμός συνθηματικού από διαχειριστή")
        ROLE_PROPOSED = "role_proposed", _("Πρόταση ρόλου")
        ROLE_CONFIRMED = "role_confirmed", _("Επιβεβαίωση ρόλου")
        ROLE_REJECTED = "role_rejected", _("Απόρριψη ρόλου")
        ROLE_REVOKED = "role_revoked", _("Ανάκληση ρόλου")
        ROLE_FROM_SERVER = "role_from_server", _("Ρόλος από τη γραμμή εντολών του διακομιστή")
        TWO_FACTOR_ENROLLED = "two_factor_enrolled", _("Ενεργοποίηση δεύτερου παράγοντα")
        TWO_FACTOR_REMOVED = "two_factor_removed", _("Απενεργοποίηση δεύτερου παράγοντα")
        TWO_FACTOR_RESET = "two_factor_reset", _("Επαναφορά δεύτερου παράγοντα")

        COLORS = enum.nonmember(
            {
                "account_created": "secondary",
                "password_set": "danger",
                "role_proposed": "warning",
                "role_confirmed": "secondary",
                "role_rejected": "secondary",
                "role_revoked": "secondary",
                "role_from_server": "secondary",
                "two_factor_enrolled": "secondary",
                "two_factor_removed": "warning",
                "two_factor_reset": "danger",
            }
        )

    kind = models.CharField(_("συμβάν"), max_length=20, choices=Kind.choices)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("λογαριασμός"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("από"),
    )
    at = models.DateTimeField(_("πότε"), auto_now_add=True, db_index=True)
    ip_address = models.GenericIPAddressField(_("διεύθυνση IP"), null=True, blank=True)
    detail = models.CharField(_("λεπτομέρειες"), max_length=300, blank=True)
    seen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ελέγχθηκε από"),
    )
    seen_at = models.DateTimeField(_("ελέγχθηκε"), null=True, blank=True)

    objects = StaffEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("συμβάν λογαριασμού")
        verbose_name_plural = _("συμβάντα λογαριασμών")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject} {self.at:%d/%m/%Y %H:%M}"

    def get_kind_color(self) -> str:
        return self.Kind.color_of(self.kind)
