"""Information requests and status letters: recording the request, printing the letter (kept
byte for byte, reprinted as it was given), and recording its delivery."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from beneficiaries.views.common import get_case_file
from community_centre.audit import log_access, log_form_page
from community_centre.models import AccessLog
from community_centre.pdf import pdf_response
from community_centre.submissions import already_saved, posted, submitted_once
from requests.actions import information as actions
from requests.exceptions import RequestError
from requests.forms.information import InformationRequestForm, LetterDeliveryForm, LetterIssueForm
from requests.models import AssistanceRequest, InformationRequest, StatusLetter
from requests.views.assistance import get_request


def get_information_request(request: HttpRequest, pk: int) -> InformationRequest:
    queryset = InformationRequest.objects.visible_to(request.user).select_related(
        "beneficiary", "about__category", "recorded_by"
    )
    return get_object_or_404(queryset, pk=pk)


def get_letter(request: HttpRequest, pk: int) -> StatusLetter:
    queryset = StatusLetter.objects.visible_to(request.user).select_related(
        "beneficiary", "information_request"
    )
    return get_object_or_404(queryset, pk=pk)


def letter_home(letter: StatusLetter) -> str:
    """Where a letter is listed: its information request, else its request, else the case file."""
    if letter.information_request_id:
        return reverse("requests:information_detail", kwargs={"pk": letter.information_request_id})
    if letter.about_id:
        return reverse("requests:detail", kwargs={"pk": letter.about_id})
    return letter.beneficiary.get_absolute_url()


@require_http_methods(["GET", "POST"])
@permission_required("requests.add_informationrequest", raise_exception=True)
def information_create(request: HttpRequest, beneficiary_pk: int) -> HttpResponse:
    beneficiary = get_case_file(request, beneficiary_pk)
    initial = {"about": request.GET.get("about")} if request.GET.get("about") else {}
    form = InformationRequestForm(posted(request), beneficiary=beneficiary, initial=initial)
    if form.is_bound:
        with submitted_once(form.token) as once:
            if once.earlier is not None:
                return already_saved(request, information_url(once.earlier))
            item = _register(request, form, beneficiary)
            if item is not None:
                once.keep(item)
                messages.success(
                    request,
                    _("Το αίτημα ενημέρωσης καταχωρίστηκε με αρ. πρωτ. %(p)s· απάντηση έως %(d)s.")
                    % {"p": item.protocol, "d": item.due_date.strftime("%d/%m/%Y")},
                )
                return redirect(information_url(item))
    context = {"form": form, "b": beneficiary, "title": _("Νέο αίτημα ενημέρωσης")}
    log_form_page(request, beneficiary, context["title"])
    return render(request, "requests/information_form.html", context)


def information_url(item: InformationRequest) -> str:
    return reverse("requests:information_detail", kwargs={"pk": item.pk})


def _register(
    request: HttpRequest, form: InformationRequestForm, beneficiary
) -> InformationRequest | None:
    """The information request saved from a valid form; None, with the refusal on the form."""
    if not form.is_valid():
        return None
    data = form.cleaned_data
    try:
        return actions.information_create(
            beneficiary=beneficiary,
            received_at=data["received_at"],
            channel=data["channel"],
            about=data["about"],
            note=data["note"],
            actor=request.user,
        )
    except (RequestError, ValidationError) as exc:
        form.add_error(None, getattr(exc, "messages", None) or str(exc))
        return None


@require_GET
@permission_required("requests.view_informationrequest", raise_exception=True)
def information_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_information_request(request, pk)
    log_access(
        request,
        item.beneficiary,
        AccessLog.Action.VIEW_SECTION,
        _("Αίτημα ενημέρωσης %s") % item.protocol,
    )
    letters = list(item.letters.select_related("issued_by"))
    context = {
        "item": item,
        "b": item.beneficiary,
        "letters": letters,
        "letter_form": LetterIssueForm(),
        "today": timezone.localdate(),
    }
    return render(request, "requests/information_detail.html", context)


def _issued(request: HttpRequest, letter: StatusLetter) -> None:
    log_access(
        request,
        letter.beneficiary,
        AccessLog.Action.PRINT,
        _("Επιστολή ενημέρωσης %s") % letter.protocol,
    )
    messages.success(
        request,
        _("Η επιστολή εκδόθηκε με αρ. πρωτ. %s. Εκτυπώστε την και καταχωρίστε την επίδοσή της.")
        % letter.protocol,
    )


@require_POST
@permission_required("requests.add_statusletter", raise_exception=True)
def letter_create(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_information_request(request, pk)
    return _issue_letter(request, information_request=item)


@require_POST
@permission_required("requests.add_statusletter", raise_exception=True)
def letter_for_request(request: HttpRequest, pk: int) -> HttpResponse:
    item: AssistanceRequest = get_request(request, pk)
    return _issue_letter(request, assistance_request=item)


def _issue_letter(request: HttpRequest, **about) -> HttpResponse:
    """Issue a letter, once per click of the page's button; back to where the letter shows."""
    form = LetterIssueForm(request.POST)
    with submitted_once(form.token) as once:
        if once.earlier is not None:
            return already_saved(request, letter_home(once.earlier))
        letter = once.keep(actions.letter_create(actor=request.user, **about))
    _issued(request, letter)
    return redirect(letter_home(letter))


@require_GET
@permission_required("requests.view_statusletter", raise_exception=True)
def letter_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The letter exactly as it was given: the stored bytes, never a new rendering."""
    letter = get_letter(request, pk)
    log_access(
        request,
        letter.beneficiary,
        AccessLog.Action.PRINT,
        _("Επανεκτύπωση επιστολής ενημέρωσης %s") % letter.protocol,
    )
    with letter.pdf.open("rb") as stored:
        content = stored.read()
    filename = f"epistoli-{letter.protocol_year}-{letter.protocol_number:06d}.pdf"
    return pdf_response(content, filename)


@require_http_methods(["GET", "POST"])
@permission_required("requests.change_statusletter", raise_exception=True)
def letter_deliver(request: HttpRequest, pk: int) -> HttpResponse:
    letter = get_letter(request, pk)
    if letter.delivered_on is not None:
        messages.info(request, _("Η επίδοση της επιστολής έχει ήδη καταχωριστεί."))
        return redirect(letter_home(letter))
    representative = letter.beneficiary.representatives.valid_on(timezone.localdate()).first()
    form = LetterDeliveryForm(posted(request), letter=letter, representative=representative)
    if request.method == "POST" and form.is_valid():
        try:
            actions.letter_deliver(
                letter=letter,
                method=form.cleaned_data["delivery_method"],
                delivered_on=form.cleaned_data["delivered_on"],
                received_by=form.cleaned_data["received_by"],
                received_by_name=form.cleaned_data["received_by_name"],
                actor=request.user,
            )
        except (RequestError, ValidationError) as exc:
            form.add_error(None, getattr(exc, "messages", None) or str(exc))
        else:
            messages.success(request, _("Η επίδοση της επιστολής καταχωρίστηκε."))
            return redirect(letter_home(letter))
    context = {"form": form, "letter": letter, "b": letter.beneficiary}
    log_form_page(
        request, letter.beneficiary, _("Επίδοση επιστολής %(p)s") % {"p": letter.protocol}
    )
    return render(request, "requests/letter_deliver.html", context)
