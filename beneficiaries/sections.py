"""Sections other apps add to the case-file page (requests, later referrals and services).

An app registers, in its AppConfig.ready(), a template and a function that returns that
template's context for one case file; the case-file view renders them in registration order.
The case file then depends on no other app. Each context function must read its lists in a
fixed number of queries, whatever the size of the file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class CaseFileSection:
    template: str
    context: Callable[..., dict]  # (beneficiary, user) -> context for the template


_sections: list[CaseFileSection] = []


def register_section(template: str, context: Callable[..., dict]) -> None:
    section = CaseFileSection(template, context)
    if section not in _sections:
        _sections.append(section)


def sections_for(beneficiary, user) -> tuple[list[str], dict]:
    """The registered templates, and the merged context they need."""
    context: dict = {}
    for section in _sections:
        context.update(section.context(beneficiary, user))
    return [s.template for s in _sections], context
