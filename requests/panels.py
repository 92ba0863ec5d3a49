"""Panels other apps add to the page of one assistance request (referrals, later services).

As `beneficiaries.sections` does for the case file: an app registers, in its AppConfig.ready(),
a template and a function that returns that template's context for one request; the request
page renders them in registration order, so the requests app depends on no app above it. Each
context function reads its lists in a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestPanel:
    template: str
    context: Callable[..., dict]  # (assistance_request, user) -> context for the template


_panels: list[RequestPanel] = []


def register_request_panel(template: str, context: Callable[..., dict]) -> None:
    panel = RequestPanel(template, context)
    if panel not in _panels:
        _panels.append(panel)


def panels_for(assistance_request, user) -> tuple[list[str], dict]:
    """The registered templates, and the merged context they need."""
    context: dict = {}
    for panel in _panels:
        context.update(panel.context(assistance_request, user))
    return [p.template for p in _panels], context
