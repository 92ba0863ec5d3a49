"""Registration at the desk: search first, check duplicates, record consent, then save once."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from beneficiaries import actions, searches
from beneficiaries.duplicates import possible_duplicates
from beneficiaries.forms import HouseholdFormSet, IntakeForm
from beneficiaries.models import Beneficiary
from beneficiaries.querysets import AMKA_LENGTH, is_identifier_query
from beneficiaries.record_forms import IntakeRepresentativeForm
from community_centre.audit import log_access
from community_centre.grammar import by_sex
from community_centre.models import AccessLog, CentreProfile
from community_centre.submissions import Once, already_saved, submitted_once

HOUSEHOLD_PREFIX = "household"


@dataclass
class Intake:
    """The three parts of the intake page: the person, the household, the representative."""

    form: IntakeForm
    household: HouseholdFormSet
    representative: IntakeRepresentativeForm

    @classmethod
    def posted(cls, data) -> Intake:
        return cls(
            IntakeForm(data),
            HouseholdFormSet(data, prefix=HOUSEHOLD_PREFIX),
            IntakeRepresentativeForm(data),
        )

    def is_valid(self) -> bool:
        # Every part is validated, so that the errors of all of them show at once.
        results = [self.form.is_valid(), self.household.is_valid(), self.representative.is_valid()]
        return all(results)


@require_http_methods(["GET", "POST"])
@permission_required("beneficiaries.add_beneficiary", raise_exception=True)
def beneficiary_create(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        initial = {"assigned_worker": request.user.pk, **_initial_from_search(request)}
        intake = Intake(
            IntakeForm(initial=initial),
            HouseholdFormSet(prefix=HOUSEHOLD_PREFIX),
            IntakeRepresentativeForm(),
        )
        return _render(request, intake)

    intake = Intake.posted(request.POST)
    # Submissions of the same form wait for each other: the second finds what the first saved.
    with submitted_once(intake.form.token) as once:
        if once.earlier is not None:
            return already_saved(request, once.earlier.get_absolute_url())
        return _register_once(request, intake, once)


def _register_once(request: HttpRequest, intake: Intake, once: Once) -> HttpResponse:
    form = intake.form
    valid = intake.is_valid()
    # Checked on refused forms too: "this AMKA is taken" should come with the file to open.
    form.duplicates = _possible_duplicates(form)
    if form.duplicates:  # the page shows these people: that is a read of their files
        log_access(
            request,
            None,
            AccessLog.Action.SEARCH,
            _("Έλεγχος διπλοτύπων κατά την εγγραφή"),
            shown=[person.pk for person in form.duplicates],
        )
    if not valid:
        return _render(request, intake)
    if form.duplicates and not form.cleaned_data.get("not_a_duplicate"):
        messages.warning(request, _("Βρέθηκαν πιθανά διπλότυπα. Ελέγξτε τα πριν συνεχίσετε."))
        return _render(request, intake)
    existing = _register(request, intake)
    if existing is None:
        messages.error(
            request, _("Η εγγραφή δεν αποθηκεύτηκε. Ελέγξτε τα στοιχεία και ξαναδοκιμάστε.")
        )
        return _render(request, intake)
    once.keep(existing)
    done = by_sex(
        existing.sex,
        female=_("Ο φάκελος της ωφελούμενης δημιουργήθηκε: %(name)s."),
        male=_("Ο φάκελος του ωφελούμενου δημιουργήθηκε: %(name)s."),
        other=_("Ο φάκελος δημιουργήθηκε: %(name)s."),
    )
    messages.success(request, done % {"name": existing})
    return redirect("beneficiaries:detail", pk=existing.pk)


def _initial_from_search(request: HttpRequest) -> dict[str, str]:
    """Start from what was searched (`?s=` names a search of this session): an AMKA goes to the
    AMKA field, a name to the surname; other numbers are not guessed at."""
    _key, query = searches.recalled(request)
    compact = query.replace(" ", "")
    if compact.isascii() and compact.isdigit():
        return {"amka": compact} if len(compact) == AMKA_LENGTH else {}
    return {"surname": query} if query and not is_identifier_query(query) else {}


def _possible_duplicates(form: IntakeForm) -> list[Beneficiary]:
    """Candidates from the values that passed their own checks (the form fills form.instance)."""
    person = form.instance
    return possible_duplicates(
        surname=person.surname,
        given_name=person.given_name,
        # Without a name, "same date of birth" alone would list everyone born that day.
        date_of_birth=person.date_of_birth if person.surname else None,
        amka=person.amka,
        afm=person.afm,
        phones=[person.phone_mobile, person.phone_other],
    )


def _register(request: HttpRequest, intake: Intake) -> Beneficiary | None:
    form = intake.form
    beneficiary = form.save(commit=False)
    members = [f.save(commit=False) for f in intake.household.forms if f.has_changed()]
    representative = intake.representative
    try:
        with transaction.atomic():
            return actions.beneficiary_create(
                beneficiary=beneficiary,
                household=members,
                representative=representative.save(commit=False)
                if representative.has_changed()
                else None,
                informed_on=timezone.localdate(),
                notice_version=CentreProfile.current().privacy_notice_version,
                consents_to_processing=form.cleaned_data["consents_to_processing"],
                consents_to_sharing=form.cleaned_data["consents_to_sharing"],
                actor=request.user,
            )
    except IntegrityError:  # another intake of the same person saved a moment ago
        return None
    except ValidationError as exc:  # a rule of a model that the forms could not see
        form.add_error(None, exc.messages)
        return None


def _render(request: HttpRequest, intake: Intake) -> HttpResponse:
    context = {
        "form": intake.form,
        "household": intake.household,
        "representative_form": intake.representative,
        "duplicates": getattr(intake.form, "duplicates", []),
    }
    return render(request, "beneficiaries/beneficiary_intake.html", context)
