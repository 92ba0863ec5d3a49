"""Small helpers shared by the views of the requests app."""

from __future__ import annotations

from django.http import HttpRequest, QueryDict


def posted(request: HttpRequest) -> QueryDict | None:
    """The submitted data of a POST (even an empty one, so that it is validated), else None."""
    return request.POST if request.method == "POST" else None
