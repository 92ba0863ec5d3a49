"""The second step of the login, the enrolment, the account's security page and the
coordinator's reset of a lost device. Greek screens; every code check is django-otp's."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from community_centre.client_ip import client_ip
from community_centre.forms import LoginForm
from community_centre.models import User
from community_centre.navigation import safe_next
from community_centre.roles import partner_page
from community_centre.submissions import already_saved, posted, submitted_once
from community_centre.two_factor import actions, policy, verification
from community_centre.two_factor.forms import CodeForm, PhoneCodeForm, ResetForm
from community_centre.two_factor.middleware import pending_target, with_next
from community_centre.two_factor.qr import issuer, qr_svg, secret_groups

NEW_CODES_KEY = "two_factor_new_codes"


class TwoStepLoginView(auth_views.LoginView):
    """Django's login; a user who must give a code goes straight to it (or to the enrolment)."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        url = super().get_success_url()
        target = pending_target(self.request.user)
        return with_next(target, url) if target else url


def _done(request: HttpRequest, device) -> None:
    """The second factor was given: the session is verified (under a new session key)."""
    otp_login(request, device)
    request.session.cycle_key()


def _next_or_home(request: HttpRequest) -> str:
    return safe_next(request) or reverse("home")


@partner_page
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """The code step after the password: the phone's code or a backup code."""
    user = request.user
    if user.is_verified():
        return redirect(_next_or_home(request))
    if not policy.has_second_factor(user):
        target = pending_target(user)
        return redirect(with_next(target, _next_or_home(request)) if target else "home")
    form = CodeForm(posted(request), user=user)
    if form.is_bound and form.is_valid():
        _done(request, form.outcome.device)
        if isinstance(form.outcome.device, StaticDevice):
            _backup_code_used(request, user)
        return redirect(_next_or_home(request))
    if form.is_bound and form.outcome is not None and form.outcome.code in {"wrong", "reused"}:
        verification.count_failure(request, user)
        if getattr(request, "axes_locked_out", False):
            logout(request)  # django-axes answers with its lockout page
    context = {"form": form, "next": safe_next(request) or "", "second_factor_step": True}
    return render(request, "two_factor/verify.html", context)


def _backup_code_used(request: HttpRequest, user) -> None:
    left = policy.backup_codes_left(user)
    messages.warning(
        request,
        _(
            "Χρησιμοποιήσατε έναν κωδικό ανάκτησης· απομένουν %(left)d. Αν χάσατε το κινητό, "
            "ζητήστε από τον/τη συντονιστή/τρια επαναφορά του δεύτερου παράγοντα."
        )
        % {"left": left},
    )


def _enrolment_check(device):
    """The code check of the enrolment: against the phone being added, not yet confirmed."""

    def check(user, raw: str) -> verification.Outcome:
        code = verification.normalise(raw)
        waiting = verification.wait_message(device)
        if waiting:
            return verification.Outcome(error=waiting, code="throttled")
        if device.verify_token(code):
            return verification.Outcome(device=device)
        if verification.was_used(device, code):
            return verification.Outcome(
                error=_("Ο κωδικός έχει ήδη χρησιμοποιηθεί. Περιμένετε τον επόμενο κωδικό."),
                code="reused",
            )
        return verification.Outcome(
            error=_("Ο κωδικός δεν είναι σωστός. Ελέγξτε την ώρα του κινητού και δοκιμάστε ξανά."),
            code="wrong",
        )

    return check


@partner_page
@require_http_methods(["GET", "POST"])
def enrol(request: HttpRequest) -> HttpResponse:
    """Add a phone: the QR code and the secret, then its first code confirms it."""
    user = request.user
    if not user.is_verified() and policy.has_second_factor(user):
        return redirect(with_next("two_factor_verify", _next_or_home(request)))
    device = actions.enrolment_device(user=user)
    form = PhoneCodeForm(posted(request), user=user, check=_enrolment_check(device))
    if form.is_bound and form.is_valid():
        codes = actions.two_factor_enrol(device=device, ip_address=client_ip(request))
        _done(request, device)
        request.session[NEW_CODES_KEY] = codes
        messages.success(request, _("Ο δεύτερος παράγοντας ενεργοποιήθηκε."))
        return redirect(with_next("two_factor_backup_codes", _next_or_home(request)))
    context = {
        "form": form,
        "qr": qr_svg(device.config_url),
        "secret": secret_groups(device),
        "issuer": issuer(),
        "next": safe_next(request) or "",
        "replacing": policy.phone_device(user) is not None,
        "second_factor_step": not user.is_verified(),
    }
    return render(request, "two_factor/enrol.html", context)


@partner_page
@require_GET
def backup_codes(request: HttpRequest) -> HttpResponse:
    """The new backup codes, shown once: a reload shows them no more."""
    codes = request.session.pop(NEW_CODES_KEY, None)
    if not codes:
        messages.info(
            request,
            _("Οι κωδικοί ανάκτησης εμφανίζονται μόνο μία φορά. Μπορείτε να φτιάξετε νέους εδώ."),
        )
        return redirect("account_security")
    context = {"codes": codes, "next": safe_next(request) or reverse("home")}
    # The codes come first: the pages behind them are offered once they are put away.
    context["second_factor_step"] = True
    return render(request, "two_factor/backup_codes.html", context)


def _account_context(request: HttpRequest, **forms) -> dict:
    user = request.user
    phone, backup = policy.phone_device(user), policy.backup_device(user)
    left = backup.token_set.count() if backup is not None else 0
    return {
        "phone": phone,
        "backup": backup,
        "codes_left": left,
        "few_codes": backup is not None and left < policy.FEW_BACKUP_CODES,
        "required": policy.second_factor_required(user),
        "renew_form": forms.get("renew_form") or CodeForm(user=user, auto_id="renew-%s"),
        "remove_form": forms.get("remove_form") or CodeForm(user=user, auto_id="remove-%s"),
    }


@partner_page
@require_GET
def account_security(request: HttpRequest) -> HttpResponse:
    """«Ασφάλεια λογαριασμού»: the second factor of the logged-in user."""
    return render(request, "two_factor/account.html", _account_context(request))


@partner_page
@require_POST
def renew_codes(request: HttpRequest) -> HttpResponse:
    """Ten new backup codes, for a current code (the phone's or a backup code)."""
    if not policy.has_second_factor(request.user):
        raise PermissionDenied
    form = CodeForm(request.POST, user=request.user, auto_id="renew-%s")
    if not form.is_valid():
        context = _account_context(request, renew_form=form)
        return render(request, "two_factor/account.html", context, status=200)
    request.session[NEW_CODES_KEY] = actions.backup_codes_renew(user=request.user)
    return redirect(with_next("two_factor_backup_codes", reverse("account_security")))


@require_POST
def remove(request: HttpRequest) -> HttpResponse:
    """Turn the second factor off, for a current code: only where it is optional."""
    user = request.user
    if policy.second_factor_required(user) or not policy.has_second_factor(user):
        raise PermissionDenied
    form = CodeForm(request.POST, user=user, auto_id="remove-%s")
    if not form.is_valid():
        context = _account_context(request, remove_form=form)
        return render(request, "two_factor/account.html", context, status=200)
    actions.two_factor_remove(user=user, ip_address=client_ip(request))
    messages.success(request, _("Ο δεύτερος παράγοντας απενεργοποιήθηκε."))
    return redirect("account_security")


@require_http_methods(["GET", "POST"])
@permission_required(actions.RESET_PERMISSION, raise_exception=True)
def reset(request: HttpRequest, pk: int) -> HttpResponse:
    """The coordinator resets someone's lost device, with the reason; never their own."""
    person = get_object_or_404(User.objects.filter(is_active=True), pk=pk)
    if person.pk == request.user.pk:
        raise PermissionDenied
    form = ResetForm(posted(request))
    if form.is_bound:
        with submitted_once(form.token) as once:
            if once.earlier is not None:
                return already_saved(request, reverse("staff_overview"))
            if form.is_valid():
                once.keep(_reset(request, person, form.cleaned_data["reason"]))
                return redirect("staff_overview")
    context = {"form": form, "person": person, "has_device": policy.has_second_factor(person)}
    return render(request, "two_factor/reset_form.html", context)


def _reset(request: HttpRequest, person, reason: str):
    event = actions.two_factor_reset(
        user=person, actor=request.user, reason=reason, ip_address=client_ip(request)
    )
    messages.success(
        request,
        _("%(user)s: ο δεύτερος παράγοντας επαναφέρθηκε· θα ρυθμιστεί ξανά στην επόμενη σύνδεση.")
        % {"user": person},
    )
    return event
