"""Searches travel by POST and are remembered in the session, so that an AMKA, ΑΦΜ or phone
typed into a search box never appears in a URL: not in the server's or the proxy's access log,
not in the browser's history, not in a Referer header.

The results page's address carries only a random key (`?s=…`) of this session's search.
"""

from __future__ import annotations

import re
import secrets

from django.http import HttpRequest

from beneficiaries.querysets import MAX_QUERY_LENGTH

SESSION_KEY = "searches"
REMEMBERED = 20  # the last searches of a session; an older key shows the list without a search
KEY_PARAMETER = "s"
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def clean_query(raw: object) -> str:
    """The search text as the search uses it: no control characters, bounded, trimmed."""
    return _CONTROL_CHARACTERS.sub(" ", str(raw or ""))[:MAX_QUERY_LENGTH].strip()


def remember(request: HttpRequest, query: str) -> str:
    """Keep `query` in the session and return the key that stands for it in URLs."""
    searches: dict[str, str] = dict(request.session.get(SESSION_KEY, {}))
    for key, value in searches.items():
        if value == query:
            return key
    key = secrets.token_urlsafe(6)
    searches[key] = query
    while len(searches) > REMEMBERED:
        searches.pop(next(iter(searches)))
    request.session[SESSION_KEY] = searches
    return key


def recalled(request: HttpRequest) -> tuple[str, str]:
    """(key, query) of the search named in the URL, or ("", "") if none or forgotten."""
    key = str(request.GET.get(KEY_PARAMETER, ""))[:32]
    query = request.session.get(SESSION_KEY, {}).get(key, "") if key else ""
    return (key, query) if query else ("", "")
