"""The person at the centre of a case file, their consent records and case status history."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beneficiaries.choices import (
    CaseStatus,
    Citizenship,
    Education,
    Housing,
    IdDocumentType,
    LabourStatus,
    Sex,
    YesNoNotStated,
)
from beneficiaries.models.base import CaseRecord
from beneficiaries.normalize import name_key, name_terms, terms_vector, vector_terms
from beneficiaries.querysets import BeneficiaryQuerySet
from beneficiaries.validators import (
    format_phone,
    validate_afm,
    validate_amka,
    validate_personal_number,
    validate_phone,
    validate_postal_code,
)
from community_centre.choice_labels import ChoiceLabels


class Beneficiary(ChoiceLabels, models.Model):
    """A person served by the Centre: identity, contact, social profile and case status."""

    surname = models.CharField(_("επώνυμο"), max_length=100)
    given_name = models.CharField(_("όνομα"), max_length=100)
    father_name = models.CharField(_("πατρώνυμο"), max_length=100, blank=True)
    mother_name = models.CharField(_("μητρώνυμο"), max_length=100, blank=True)
    sex = models.CharField(_("φύλο"), max_length=20, choices=Sex.choices)
    date_of_birth = models.DateField(_("ημερομηνία γέννησης"))

    # NULL, not "", when absent: the unique constraints apply only to numbers actually given.
    amka = models.CharField(  # noqa: DJ001
        _("ΑΜΚΑ"), max_length=11, null=True, blank=True, validators=[validate_amka]
    )
    amka_active = models.BooleanField(_("ενεργός ΑΜΚΑ"), default=True)
    amka_mismatch_reason = models.CharField(
        _("αιτιολόγηση διαφοράς ΑΜΚΑ και ημερομηνίας γέννησης"), max_length=300, blank=True
    )
    paaypa = models.CharField(_("ΠΑΑΥΠΑ"), max_length=20, blank=True)
    afm = models.CharField(  # noqa: DJ001
        _("ΑΦΜ"), max_length=9, null=True, blank=True, validators=[validate_afm]
    )
    personal_number = models.CharField(
        _("Προσωπικός Αριθμός"), max_length=12, blank=True, validators=[validate_personal_number]
    )
    id_document_type = models.CharField(
        _("είδος εγγράφου ταυτοποίησης"), max_length=20, choices=IdDocumentType.choices, blank=True
    )
    id_document_number = models.CharField(_("αριθμός εγγράφου"), max_length=30, blank=True)
    citizenship = models.CharField(
        _("υπηκοότητα"), max_length=20, choices=Citizenship.choices, default=Citizenship.GREEK
    )
    foreign_background = models.CharField(
        _("αλλοδαπή καταγωγή"),
        max_length=12,
        choices=YesNoNotStated.choices,
        default=YesNoNotStated.NOT_STATED,
    )
    minority = models.CharField(
        _("μέλος μειονότητας (π.χ. Ρομά)"),
        max_length=12,
        choices=YesNoNotStated.choices,
        default=YesNoNotStated.NOT_STATED,
    )

    address = models.CharField(_("οδός και αριθμός"), max_length=200, blank=True)
    settlement = models.ForeignKey(
        "community_centre.Settlement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("οικισμός"),
    )
    postal_code = models.CharField(
        _("Τ.Κ."), max_length=5, blank=True, validators=[validate_postal_code]
    )
    phone_mobile = models.CharField(
        _("κινητό τηλέφωνο"), max_length=20, blank=True, validators=[validate_phone]
    )
    phone_other = models.CharField(
        _("άλλο τηλέφωνο"), max_length=20, blank=True, validators=[validate_phone]
    )
    email = models.EmailField(_("email"), blank=True)

    education = models.CharField(
        _("εκπαίδευση"), max_length=20, choices=Education.choices, default=Education.NOT_STATED
    )
    labour_status = models.CharField(
        _("εργασιακή κατάσταση"),
        max_length=25,
        choices=LabourStatus.choices,
        default=LabourStatus.NOT_STATED,
    )
    disability = models.CharField(
        _("αναπηρία"),
        max_length=12,
        choices=YesNoNotStated.choices,
        default=YesNoNotStated.NOT_STATED,
    )
    disability_percentage = models.PositiveSmallIntegerField(
        _("ποσοστό αναπηρίας (%)"), null=True, blank=True
    )
    disability_certified = models.BooleanField(_("πιστοποίηση ΚΕΠΑ"), default=False)
    # A special category (beneficiaries.special_categories), as the disability and origin are.
    health_notes = models.TextField(_("σημειώσεις υγείας"), blank=True)
    housing = models.CharField(
        _("στέγαση"), max_length=20, choices=Housing.choices, default=Housing.NOT_STATED
    )
    eee_beneficiary = models.BooleanField(_("δικαιούχος ΕΕΕ (πρώην ΚΕΑ)"), default=False)
    eps_number = models.CharField(_("αριθμός Ε.Π.Σ."), max_length=30, blank=True)

    assigned_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_beneficiaries",
        verbose_name=_("υπεύθυνος/η κοινωνικός/ή λειτουργός"),
    )
    # The day the case file was opened (the old register's date when imported): "new" in the
    # monthly report. Today in Athens time by default.
    registered_on = models.DateField(
        _("ημερομηνία εγγραφής"), default=timezone.localdate, db_index=True
    )
    status = models.CharField(
        _("κατάσταση φακέλου"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.ACTIVE
    )
    closed_reason = models.CharField(_("λόγος κλεισίματος"), max_length=300, blank=True)
    # Legal hold (beneficiaries.retention): a file under hold is never anonymised.
    legal_hold = models.BooleanField(_("δέσμευση (νομική υποχρέωση διατήρησης)"), default=False)
    legal_hold_reason = models.CharField(_("λόγος δέσμευσης"), max_length=300, blank=True)
    legal_hold_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("δέσμευση από"),
    )
    legal_hold_at = models.DateTimeField(_("δέσμευση στις"), null=True, blank=True)
    # Set by `apply_retention` in the transaction that removed the identifiers.
    anonymised_at = models.DateTimeField(_("ανωνυμοποιήθηκε"), null=True, blank=True)
    created_at = models.DateTimeField(_("καταχωρίστηκε"), auto_now_add=True)
    updated_at = models.DateTimeField(_("τελευταία αλλαγή"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("καταχωρίστηκε από"),
    )
    # The register import that created the file, if any (its undo deletes it).
    register_import = models.ForeignKey(
        "beneficiaries.ImportRun",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="people",
        verbose_name=_("εισαγωγή μητρώου"),
    )
    # Phonetic Latin key of the name (beneficiaries.normalize); indexed with pg_trgm for search.
    search_key = models.CharField(max_length=300, editable=False, default="")
    # The name's words as written, accentless and keyed, their one-letter-shorter variants and
    # the surname's family stem (beneficiaries.normalize.name_terms), as the lexemes of a
    # tsvector; GIN-indexed, it finds a typo in a short name, which trigrams cannot.
    search_terms = SearchVectorField(editable=False, default="")

    objects = BeneficiaryQuerySet.as_manager()

    class Meta:
        verbose_name = _("ωφελούμενος")
        verbose_name_plural = _("ωφελούμενοι")
        ordering = ["surname", "given_name", "pk"]
        permissions = [
            ("set_legal_hold", _("Δέσμευση φακέλου από τη διατήρηση δεδομένων")),
            # GDPR art. 15: the whole file, its consultations and files, for the person who asked.
            ("export_subject_access", _("Εξαγωγή για το δικαίωμα πρόσβασης (άρθρο 15 ΓΚΠΔ)")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["amka"],
                name="beneficiary_amka_unique",
                violation_error_message=_("Υπάρχει ήδη ωφελούμενος με αυτόν τον ΑΜΚΑ."),
                violation_error_code="unique",
            ),
            models.UniqueConstraint(
                fields=["afm"],
                name="beneficiary_afm_unique",
                violation_error_message=_("Υπάρχει ήδη ωφελούμενος με αυτόν τον ΑΦΜ."),
                violation_error_code="unique",
            ),
            models.CheckConstraint(
                condition=models.Q(disability_percentage__isnull=True)
                | models.Q(disability_percentage__lte=100),
                name="beneficiary_disability_percentage_range",
                violation_error_message=_("Το ποσοστό αναπηρίας είναι από 0 έως 100."),
            ),
            models.CheckConstraint(
                condition=models.Q(legal_hold=False) | ~models.Q(legal_hold_reason=""),
                name="beneficiary_legal_hold_has_reason",
                violation_error_message=_("Η δέσμευση του φακέλου χρειάζεται λόγο."),
            ),
            models.CheckConstraint(
                condition=models.Q(status=CaseStatus.ACTIVE) | ~models.Q(closed_reason=""),
                name="beneficiary_closed_has_reason",
                violation_error_message=_("Ο κλειστός φάκελος χρειάζεται λόγο κλεισίματος."),
            ),
        ]
        indexes = [
            GinIndex(
                fields=["search_key"], opclasses=["gin_trgm_ops"], name="beneficiary_name_trgm"
            ),
            GinIndex(fields=["search_terms"], name="beneficiary_name_terms"),
            models.Index(
                fields=["amka"], opclasses=["varchar_pattern_ops"], name="beneficiary_amka_prefix"
            ),
            models.Index(fields=["phone_mobile"], name="beneficiary_phone_mobile"),
            models.Index(fields=["phone_other"], name="beneficiary_phone_other"),
            models.Index(Upper("eps_number"), name="beneficiary_eps_number"),
            models.Index(fields=["date_of_birth"], name="beneficiary_date_of_birth"),
            models.Index(fields=["assigned_worker", "status"], name="beneficiary_worker_status"),
            # The list without a query: recently updated case files first.
            models.Index(fields=["-updated_at", "-id"], name="beneficiary_recent"),
        ]

    def __str__(self) -> str:
        return self.full_name

    # What `save()` derives from the name; bulk writes must call `fill_search_fields()` themselves.
    SEARCH_FIELDS = ("search_key", "search_terms")

    def save(self, *args, **kwargs) -> None:
        self.fill_search_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, *self.SEARCH_FIELDS}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("beneficiaries:detail", kwargs={"pk": self.pk})

    def get_additional_data(self) -> dict:
        """Kept by django-auditlog with each change, so the file's history can find it."""
        return {"beneficiary_id": self.pk}

    def compute_search_key(self) -> str:
        return name_key(self.surname, self.given_name)

    def compute_search_terms(self) -> str:
        return terms_vector(name_terms(self.surname, self.given_name))

    def fill_search_fields(self) -> None:
        """Derive the search columns from the name (bulk_create and bulk_update skip `save()`)."""
        self.search_key = self.compute_search_key()
        self.search_terms = self.compute_search_terms()

    def search_fields_are_current(self) -> bool:
        # Compared as sets: PostgreSQL prints a tsvector's lexemes in an order of its own.
        return self.search_key == self.compute_search_key() and vector_terms(
            self.search_terms
        ) == set(name_terms(self.surname, self.given_name))

    @property
    def full_name(self) -> str:
        return f"{self.surname} {self.given_name}"

    @property
    def is_active(self) -> bool:
        return self.status == CaseStatus.ACTIVE

    def get_status_color(self) -> str:
        return CaseStatus.color_of(self.status)

    @property
    def phone_mobile_display(self) -> str:
        return format_phone(self.phone_mobile)

    @property
    def phone_other_display(self) -> str:
        return format_phone(self.phone_other)


class Consent(CaseRecord):
    """The GDPR information given to a person and the consents they signed, by notice version."""

    beneficiary = models.ForeignKey(
        Beneficiary,
        on_delete=models.CASCADE,
        related_name="consents",
        verbose_name=_("ωφελούμενος"),
    )
    notice_version = models.CharField(_("έκδοση ενημέρωσης"), max_length=20)
    informed_on = models.DateField(_("ημερομηνία ενημέρωσης"))
    consents_to_processing = models.BooleanField(
        _("συναινεί στην τήρηση ατομικού φακέλου"), default=False
    )
    consents_to_sharing = models.BooleanField(
        _("συναινεί στη διαβίβαση στοιχείων σε εμπλεκόμενες υπηρεσίες"), default=False
    )
    signed_copy = models.ForeignKey(
        "beneficiaries.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("υπογεγραμμένο αντίγραφο"),
    )
    withdrawn_on = models.DateField(_("ανάκληση στις"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("καταχώριση"),
    )
    recorded_at = models.DateTimeField(_("καταχωρίστηκε"), auto_now_add=True)

    class Meta:
        verbose_name = _("ενημέρωση και συναίνεση")
        verbose_name_plural = _("ενημερώσεις και συναινέσεις")
        ordering = ["-informed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.notice_version} {self.informed_on:%d/%m/%Y}"


class CaseStatusChange(CaseRecord):
    """One closing or reopening of a case file, with its reason."""

    beneficiary = models.ForeignKey(
        Beneficiary, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(_("από"), max_length=10, choices=CaseStatus.choices)
    to_status = models.CharField(_("σε"), max_length=10, choices=CaseStatus.choices)
    reason = models.CharField(_("αιτιολογία"), max_length=300)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("από χρήστη"),
    )
    at = models.DateTimeField(_("πότε"), auto_now_add=True)

    class Meta:
        verbose_name = _("αλλαγή κατάστασης φακέλου")
        verbose_name_plural = _("αλλαγές κατάστασης φακέλου")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"
