"""Until the second factor is given, only its own pages answer (DESIGN.md §6)."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse

from community_centre.middleware import ViewGateMiddleware
from community_centre.two_factor.policy import has_second_factor, second_factor_required

# Pages a logged-in user reaches before giving the code: the code step, the enrolment, logging
# out, the language and the health checks (static files never reach the views).
ALLOWED = frozenset(
    {"two_factor_verify", "two_factor_enrol", "logout", "set_language", "healthz", "readyz"}
)
# A user for whom the second factor is optional and who has none is checked again at most once
# a minute, not on every page (enrolling elsewhere, or a new role, shows within a minute).
OPTIONAL_CHECKED_KEY = "two_factor_optional_checked_at"
OPTIONAL_RECHECK_SECONDS = 60


def pending_target(user) -> str | None:
    """The page `user` must go to before any other (code step or enrolment), or None."""
    verified = getattr(user, "is_verified", None)
    if not user.is_authenticated or (verified is not None and verified()):
        return None
    if has_second_factor(user):
        return "two_factor_verify"
    return "two_factor_enrol" if second_factor_required(user) else None


def with_next(view_name: str, next_url: str) -> str:
    return f"{reverse(view_name)}?{urlencode({'next': next_url})}"


class SecondFactorMiddleware(ViewGateMiddleware):
    """Redirect a logged-in user who has not given the second factor (or must enrol) to its page.

    Placed before PasswordChangeRequiredMiddleware: a password an administrator set never
    opens anything, the password change page included, without the holder's second factor.
    """

    ALLOWED = ALLOWED

    def holds(self, request, user) -> bool:
        return not user.is_verified() and not _recently_optional(request)

    def refuse(self, request, user) -> HttpResponse | None:
        """The code step or the enrolment; None (let through) for an optional user without a
        second factor, who is then not checked again for a minute."""
        target = pending_target(user)
        if target is None:
            request.session[OPTIONAL_CHECKED_KEY] = time.time()
            return None
        next_url = request.get_full_path() if request.method == "GET" else reverse("home")
        return HttpResponseRedirect(with_next(target, next_url))


def _recently_optional(request) -> bool:
    checked = request.session.get(OPTIONAL_CHECKED_KEY)
    return isinstance(checked, (int, float)) and time.time() - checked < OPTIONAL_RECHECK_SECONDS
