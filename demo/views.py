"""The bare page of `manage.py bench`: the floor a page of the site cannot go below.

A login-required view that renders a one-paragraph template extending nothing and asks the
database nothing itself; the only queries are those every page makes (the session, the user,
their permissions for a context processor; once a minute the session saved again). It is
reachable only through the benchmark's URLconf (`demo.bench_urls`), never through the site's,
and open to partner accounts too, so that their inbox has the same floor beside it.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from community_centre.roles import partner_page


@partner_page
def bare_page(request: HttpRequest) -> HttpResponse:
    return render(request, "demo/bare_page.html")
