"""Forms of the case file: listed fields, Greek messages beside each field, nothing saved here."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beneficiaries import special_categories
from beneficiaries.models import Beneficiary, HouseholdMember
from beneficiaries.validators import (
    amka_matches_birth_date,
    normalize_afm,
    normalize_amka,
    normalize_id_number,
    normalize_phone,
    normalize_postal_code,
    validate_amka,
)
from community_centre.dates import ImpossibleDate, UnreadableDate, parse_typed_date
from community_centre.models import User
from community_centre.submissions import OnceForm
from community_centre.versions import VersionedForm

DATE_WIDGET = forms.DateInput(
    format="%d/%m/%Y", attrs={"placeholder": _("ηη/μμ/εεεε"), "inputmode": "numeric"}
)


# Every date of the Centre's work falls between these; a date outside them is a typing error,
# and near Python's limits (years 1 and 9999) working-day arithmetic would overflow.
FIRST_DATE, LAST_DATE = date(1900, 1, 1), date(2100, 12, 31)


class DateField(forms.DateField):
    """A date as people type it (15/3/1980, 15.3.1980, 15-3-80 …, see community_centre.dates),
    from 1900 to 2100, with a Greek message beside the field when it is not one.

    `past=True` (implied by `validate_not_future`) reads a two-digit year as the latest century
    that does not put the date in the future: a date of birth «5/3/35» is 05/03/1935.
    """

    widget = DATE_WIDGET
    default_error_messages = {
        "invalid": _("Γράψτε την ημερομηνία ως ηη/μμ/εεεε (π.χ. 05/03/1980)."),
        "impossible": _("Δεν υπάρχει τέτοια ημερομηνία."),
        "out_of_range": _("Γράψτε ημερομηνία από %(first)s έως %(last)s."),
    }

    def __init__(self, *args, past: bool | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.past = past if past is not None else validate_not_future in self.validators

    def to_python(self, value) -> date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value
        try:
            return parse_typed_date(str(value), past=self.past, today=timezone.localdate())
        except ImpossibleDate as exc:
            raise ValidationError(self.error_messages["impossible"], code="impossible") from exc
        except UnreadableDate as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc

    def run_validators(self, value: date | None) -> None:
        super().run_validators(value)  # the field's own rules («not in the future») speak first
        if value is not None and not FIRST_DATE <= value <= LAST_DATE:
            raise ValidationError(
                self.error_messages["out_of_range"],
                code="out_of_range",
                params={"first": f"{FIRST_DATE:%d/%m/%Y}", "last": f"{LAST_DATE:%d/%m/%Y}"},
            )


def validate_not_future(day) -> None:
    if day and day > timezone.localdate():
        raise ValidationError(_("Η ημερομηνία δεν μπορεί να είναι μελλοντική."), code="future")


def caseworker_choices():
    return User.objects.caseworkers().order_by("last_name", "first_name")


class BeneficiaryForm(forms.ModelForm):
    """Personal data of a beneficiary, as typed at the desk or corrected later."""

    date_of_birth = DateField(label=_("Ημερομηνία γέννησης"), validators=[validate_not_future])
    registered_on = DateField(
        label=_("Ημερομηνία εγγραφής"),
        validators=[validate_not_future],
        required=False,
        initial=timezone.localdate,
        help_text=_("Η ημέρα που άνοιξε ο φάκελος (κενό: σήμερα)· για παλαιό μητρώο, η δική του."),
    )
    # Typed with spaces or an EL prefix; normalised in clean_<field>, then the model validates.
    amka = forms.CharField(
        label=_("ΑΜΚΑ"),
        required=False,
        max_length=20,
        widget=forms.TextInput({"inputmode": "numeric"}),
    )
    afm = forms.CharField(label=_("ΑΦΜ"), required=False, max_length=20)
    postal_code = forms.CharField(label=_("Τ.Κ."), required=False, max_length=10)
    amka_mismatch_reason = forms.CharField(
        label=_("Αιτιολόγηση διαφοράς ΑΜΚΑ και ημερομηνίας γέννησης"),
        required=False,
        max_length=300,
        help_text=_(
            "Συμπληρώστε μόνο αν ο ΑΜΚΑ έχει εκδοθεί με άλλη ημερομηνία (π.χ. λάθος στο μητρώο)."
        ),
    )

    class Meta:
        model = Beneficiary
        fields = [
            "surname",
            "given_name",
            "father_name",
            "mother_name",
            "sex",
            "date_of_birth",
            "amka",
            "amka_active",
            "amka_mismatch_reason",
            "paaypa",
            "afm",
            "personal_number",
            "id_document_type",
            "id_document_number",
            "citizenship",
            "foreign_background",
            "minority",
            "address",
            "settlement",
            "postal_code",
            "phone_mobile",
            "phone_other",
            "email",
            "education",
            "labour_status",
            "disability",
            "disability_percentage",
            "disability_certified",
            "health_notes",
            "housing",
            "eee_beneficiary",
            "eps_number",
            "assigned_worker",
            "registered_on",
        ]
        widgets = {"health_notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assigned_worker"].queryset = caseworker_choices()
        self.fields["settlement"].queryset = self.fields["settlement"].queryset.order_by("name")
        if "disability_percentage" in self.fields:
            self.fields["disability_percentage"].widget.attrs.update(min=0, max=100)
        self.amka_mismatch = False

    @property
    def has_special_fields(self) -> bool:
        return any(name in self.fields for name in special_categories.FIELDS)

    # Normalise identifiers before the model validators see them.
    def clean_amka(self) -> str | None:
        value = self.cleaned_data.get("amka")
        if not value:
            return None
        value = normalize_amka(value)
        # Checked here, not only by the model afterwards: an invalid AMKA is one error, not
        # also «does not start with the birth date».
        validate_amka(value)
        return value

    def clean_afm(self) -> str | None:
        value = self.cleaned_data.get("afm")
        return normalize_afm(value) if value else None

    def clean_personal_number(self) -> str:
        return (self.cleaned_data.get("personal_number") or "").replace(" ", "").upper()

    def clean_id_document_number(self) -> str:
        value = self.cleaned_data.get("id_document_number") or ""
        return normalize_id_number(value) if value else ""

    def clean_postal_code(self) -> str:
        return normalize_postal_code(self.cleaned_data.get("postal_code") or "")

    def _clean_phone(self, name: str) -> str:
        value = self.cleaned_data.get(name) or ""
        return normalize_phone(value) if value else ""

    def clean_phone_mobile(self) -> str:
        return self._clean_phone("phone_mobile")

    def clean_phone_other(self) -> str:
        return self._clean_phone("phone_other")

    def clean_registered_on(self):
        """Left empty: the day already recorded, or today for a new case file."""
        value = self.cleaned_data.get("registered_on")
        if value is None:
            return self.instance.registered_on if self.instance.pk else timezone.localdate()
        return value

    def clean_disability_percentage(self):
        value = self.cleaned_data.get("disability_percentage")
        if value is not None and value > 100:
            raise ValidationError(_("Το ποσοστό αναπηρίας είναι από 0 έως 100."), code="range")
        return value

    def clean(self) -> dict:
        data = super().clean()
        amka, born = data.get("amka"), data.get("date_of_birth")
        if amka and born and "amka" not in self.errors and not amka_matches_birth_date(amka, born):
            self.amka_mismatch = True
            if not data.get("amka_mismatch_reason", "").strip():
                self.add_error(
                    "amka_mismatch_reason",
                    ValidationError(
                        _(
                            "Ο ΑΜΚΑ δεν ξεκινά με την ημερομηνία γέννησης (ηημμεε). "
                            "Ελέγξτε τα στοιχεία ή γράψτε την αιτιολόγηση για να συνεχίσετε."
                        ),
                        code="amka_birth_mismatch",
                    ),
                )
        elif amka and born:
            data["amka_mismatch_reason"] = ""
        registered = data.get("registered_on")
        if registered and born and registered < born:
            self.add_error(
                "registered_on",
                ValidationError(
                    _("Η ημερομηνία εγγραφής δεν μπορεί να είναι πριν από τη γέννηση."),
                    code="before_birth",
                ),
            )
        if "disability" in self.fields and data.get("disability") != "yes":
            data["disability_percentage"] = None
            data["disability_certified"] = False
        return data


class IntakeForm(OnceForm, BeneficiaryForm):
    """Registration at the desk: personal data, GDPR information and consent, duplicate check."""

    informed = forms.BooleanField(
        label=_("Ενημερώθηκε για την επεξεργασία των προσωπικών δεδομένων"),
        error_messages={"required": _("Η ενημέρωση για τα προσωπικά δεδομένα είναι υποχρεωτική.")},
    )
    consents_to_processing = forms.BooleanField(
        label=_("Συναινεί στην τήρηση ατομικού φακέλου"), required=False
    )
    consents_to_sharing = forms.BooleanField(
        label=_("Συναινεί στη διαβίβαση στοιχείων σε εμπλεκόμενες υπηρεσίες, κατά περίπτωση"),
        required=False,
    )
    not_a_duplicate = forms.BooleanField(
        label=_("Έλεγξα τα πιθανά διπλότυπα: πρόκειται για νέο πρόσωπο"), required=False
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.duplicates: list[Beneficiary] = []


class BeneficiaryEditForm(VersionedForm, BeneficiaryForm):
    """Correction of personal data in an existing case file, at the version it was opened at.
    The special categories are in it only with `special=True`: after the worker stated a purpose
    (beneficiaries.special_categories); without them, a save leaves them as they are."""

    def __init__(self, *args, special: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not special:
            for name in special_categories.FIELDS:
                self.fields.pop(name, None)


class HouseholdMemberForm(OnceForm, VersionedForm, forms.ModelForm):
    """A household member; editing one carries its version (not when added or at the intake)."""

    date_of_birth = DateField(
        label=_("Ημερομηνία γέννησης"), required=False, validators=[validate_not_future]
    )

    class Meta:
        model = HouseholdMember
        fields = ["surname", "given_name", "relationship", "date_of_birth", "amka"]

    def clean_amka(self) -> str:
        value = self.cleaned_data.get("amka") or ""
        return normalize_amka(value) if value else ""


HouseholdFormSet = inlineformset_factory(
    Beneficiary,
    HouseholdMember,
    form=HouseholdMemberForm,
    extra=0,
    can_delete=False,
    max_num=20,
    validate_max=True,
)


class CloseCaseForm(forms.Form):
    reason = forms.CharField(
        label=_("Αιτιολογία"), max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )
