"""The Centre itself: staff accounts and roles, its profile, its places, and the access log."""

from __future__ import annotations

from datetime import time

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.utils.translation import gettext_lazy as _

# The holiday calendar's models live in their own module; import them so Django registers them.
from community_centre.calendar_models import HolidayAdjustment, LocalHoliday
from community_centre.greek_order import greek_order
from community_centre.permissions import case_file_permissions
from community_centre.protocol import ProtocolCounter
from community_centre.staff_models import CASE_FILE_ROLES, Role, RoleGrant, StaffEvent
from community_centre.submissions import Submission

__all__ = [
    "CASE_FILE_ROLES",
    "AccessLog",
    "CentreProfile",
    "HolidayAdjustment",
    "LocalHoliday",
    "ProtocolCounter",
    "Role",
    "RoleGrant",
    "Settlement",
    "StaffEvent",
    "Submission",
    "User",
]


class UserQuerySet(models.QuerySet):
    def caseworkers(self):
        """Active staff who can be assigned a case file: a confirmed social worker or coordinator
        role, and never an administrator's or superuser's account."""
        grants = RoleGrant.objects.in_force().filter(role__in=CASE_FILE_ROLES)
        return self.filter(
            is_active=True, is_staff=False, is_superuser=False, pk__in=grants.values("user_id")
        )


class UserManager(DjangoUserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """A member of staff who logs in: social worker, coordinator or administrator."""

    # Roles only (RoleGrant): no per-user permissions and no group memberships to edit.
    groups = None
    user_permissions = None
    # Set when an administrator chose the password (a new account, a reset): until its holder
    # chooses their own, the account opens no case file and every page asks for a new password.
    must_change_password = models.BooleanField(_("πρέπει να ορίσει νέο συνθηματικό"), default=False)
    # How the person signs, with the article and ending that agree: «Η Κοινωνική Λειτουργός».
    title = models.CharField(
        _("τίτλος στην υπογραφή"),
        max_length=100,
        blank=True,
        help_text=_("Όπως τυπώνεται κάτω από το όνομα, π.χ. «Η Κοινωνική Λειτουργός»."),
    )

    objects = UserManager()

    class Meta:
        verbose_name = _("χρήστης")
        verbose_name_plural = _("χρήστες")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def signature_title(self) -> str:
        """The line above the name in a signature block (the title, or the Centre's name)."""
        return self.title or str(_("Για το Κέντρο Κοινότητας"))

    def has_perm(self, perm: str, obj=None) -> bool:
        """As Django's, except that being a superuser never opens case files (DESIGN.md §6)."""
        if self.is_superuser and perm in case_file_permissions():
            return False
        return super().has_perm(perm, obj)


class CentreProfile(models.Model):
    """The Centre's own details: letterhead of every printed page and its opening hours."""

    name = models.CharField(_("επωνυμία"), max_length=200)
    municipality = models.CharField(_("δήμος"), max_length=200)
    address = models.CharField(_("διεύθυνση"), max_length=200, blank=True)
    area = models.CharField(_("περιοχή"), max_length=200, blank=True)
    postal_code = models.CharField(_("ταχυδρομικός κώδικας"), max_length=5, blank=True)
    town = models.CharField(_("πόλη"), max_length=100, blank=True)
    phones = models.CharField(_("τηλέφωνα"), max_length=200, blank=True)
    fax = models.CharField(_("φαξ"), max_length=50, blank=True)
    emails = models.CharField(_("ηλεκτρονικό ταχυδρομείο"), max_length=300, blank=True)
    opens_at = models.TimeField(_("ώρα έναρξης λειτουργίας"), default=time(7, 0))
    closes_at = models.TimeField(_("ώρα λήξης λειτουργίας"), default=time(15, 0))
    dpo_contact = models.CharField(
        _("Υπεύθυνος Προστασίας Δεδομένων του Δήμου"),
        max_length=300,
        blank=True,
        help_text=_("Όνομα και στοιχεία επικοινωνίας, όπως τυπώνονται στο έντυπο συναίνεσης."),
    )
    privacy_notice_version = models.CharField(
        _("έκδοση ενημέρωσης προσωπικών δεδομένων"), max_length=20, default="2026.1"
    )

    class Meta:
        verbose_name = _("στοιχεία Κέντρου")
        verbose_name_plural = _("στοιχεία Κέντρου")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(opens_at__lt=models.F("closes_at")),
                name="centre_opens_before_it_closes",
                violation_error_message=_("Η ώρα έναρξης πρέπει να προηγείται της ώρας λήξης."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def current(cls) -> CentreProfile:
        """The one profile of this installation (reference data creates it)."""
        profile = cls.objects.order_by("pk").first()
        return profile or cls(name=str(_("Κέντρο Κοινότητας")), municipality="")


class Settlement(models.Model):
    """A settlement (οικισμός) of the municipality, with its community and municipal unit."""

    code = models.CharField(_("κωδικός ΕΛΣΤΑΤ"), max_length=10, unique=True)
    # The name people write (letters, envelopes); ELSTAT's katharevousa form beside it.
    name = models.CharField(_("οικισμός"), max_length=100)
    official_name = models.CharField(_("επίσημη ονομασία (ΕΛΣΤΑΤ)"), max_length=100, blank=True)
    community = models.CharField(_("κοινότητα"), max_length=100)
    municipal_unit = models.CharField(_("δημοτική ενότητα"), max_length=100)
    population_2011 = models.PositiveIntegerField(_("πληθυσμός 2011"), default=0)
    is_urban = models.BooleanField(_("αστική περιοχή"), default=False)

    class Meta:
        verbose_name = _("οικισμός")
        verbose_name_plural = _("οικισμοί")
        # As Greek readers sort: accents and case ignored («Αγία Βλαχέρνα» before «Άγιος …»).
        # The server has no Greek collation (no ICU in every build), and Greek lowercase letters
        # without accents stand in alphabetical order in Unicode, so unaccent(lower()) is enough.
        ordering = [greek_order("municipal_unit"), greek_order("community"), greek_order("name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.community})"


class AccessLogQuerySet(models.QuerySet):
    def about(self, beneficiary_id: int) -> AccessLogQuerySet:
        """Reads of one person's data: of their file, and of lists and searches that showed them."""
        return self.filter(
            models.Q(beneficiary_id=beneficiary_id) | models.Q(shown__contains=[beneficiary_id])
        )


class AccessLog(models.Model):
    """One read of personal data: a case file or part of it, a list or search that showed people,
    a download, a print or an export; by whom, when, from where.

    The person is kept as a plain id, not a foreign key, so that the log outlives the deletion of
    the case file (and the base app depends on no case-file app).
    """

    class Action(models.TextChoices):
        VIEW_CASE_FILE = "view_case_file", _("Προβολή φακέλου")
        VIEW_SECTION = "view_section", _("Προβολή ενότητας φακέλου")
        VIEW_LIST = "view_list", _("Προβολή λίστας")
        SEARCH = "search", _("Αναζήτηση")
        DOWNLOAD_DOCUMENT = "download_document", _("Λήψη εγγράφου")
        PRINT = "print", _("Εκτύπωση")
        EXPORT = "export", _("Εξαγωγή")
        SHOW_SPECIAL = "show_special", _("Εμφάνιση ειδικών κατηγοριών δεδομένων")
        SUBJECT_ACCESS = "subject_access", _("Εξαγωγή για το δικαίωμα πρόσβασης")

    # None: a command run on the server (e.g. `manage.py eps_report` without --user), by whoever
    # holds the server and so the database.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("χρήστης"),
        null=True,
        blank=True,
    )
    at = models.DateTimeField(_("πότε"), auto_now_add=True, db_index=True)
    beneficiary_id = models.BigIntegerField(_("ωφελούμενος"), null=True, blank=True)
    # The people a list, search or agenda showed (ids), so that «who saw this person» finds them.
    shown = ArrayField(models.BigIntegerField(), verbose_name=_("εμφανίστηκαν"), default=list)
    action = models.CharField(_("ενέργεια"), max_length=30, choices=Action.choices)
    detail = models.CharField(_("τι προβλήθηκε"), max_length=300, blank=True)
    # Why, when the reader had to say it: the special categories' «show», a subject-access export.
    purpose = models.CharField(_("σκοπός"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("διεύθυνση IP"), null=True, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("καταγραφή πρόσβασης")
        verbose_name_plural = _("αρχείο πρόσβασης")
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["beneficiary_id", "-at"], name="accesslog_beneficiary_at"),
            GinIndex(fields=["shown"], name="accesslog_shown"),
        ]

    def __str__(self) -> str:
        who = self.user or _("γραμμή εντολών")
        return f"{who} {self.get_action_display()} {self.at:%d/%m/%Y %H:%M}"
