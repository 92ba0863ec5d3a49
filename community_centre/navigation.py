"""The one safe-next helper: where to go after a save when the form came from another page.

A form opened from another page carries that page in `next` (a hidden field, or the query
string). Only a page of this site is followed: a path that starts with a single "/", that
Django's own host-and-scheme check accepts, with no control characters, of bounded length, and
that this site's URLconf resolves. Anything else — a bare word ("-1", "foo"), another host
("//evil.example", "/\\evil", "https://…"), a script URL, a NUL or newline, 5,000 characters —
counts as no `next` at all, and the view goes to its own page instead. Nothing here raises, so
a record that was saved is never followed by a server error (and the user never saves twice).

    return redirect_after_save(request, beneficiary.get_absolute_url())
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from django.http import HttpRequest, HttpResponseRedirect
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme

NEXT_FIELD = "next"
# Far longer than any page of the site with its query string; a longer value is not ours.
MAX_NEXT_LENGTH = 2000


def safe_next(request: HttpRequest) -> str | None:
    """The `next` of the form (POST), else of the query string, if it is a page of this site."""
    target = request.POST.get(NEXT_FIELD) or request.GET.get(NEXT_FIELD)
    return target if is_local_page(request, target) else None


def is_local_page(request: HttpRequest, target: str | None) -> bool:
    """Whether `target` is an absolute path of a page of this site; no value makes it raise."""
    if not target or len(target) > MAX_NEXT_LENGTH or not target.isprintable():
        return False
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return False  # browsers read "\" as "/": "/\evil.example" is another host
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return allowed and _resolves(target)


def _resolves(target: str) -> bool:
    try:
        resolve(unquote(urlsplit(target).path))
    except (Resolver404, ValueError):
        return False
    return True


def redirect_after_save(request: HttpRequest, fallback: str) -> HttpResponseRedirect:
    """Redirect to the safe `next` of the request, else to `fallback` (the record's own page)."""
    return HttpResponseRedirect(safe_next(request) or fallback)
