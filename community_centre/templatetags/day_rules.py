"""Rules of the models that depend on a day, for templates, which cannot pass an argument to a
method: `{% if item|overdue_on:today %}` calls `item.is_overdue_on(today)`. The rule itself
stays on the model; these filters only call it, whatever the model."""

from __future__ import annotations

from datetime import date

from django import template

register = template.Library()


@register.filter
def overdue_on(item, day: date) -> bool:
    """Open past its due date on `day` (requests: WorkingDayDeadline.is_overdue_on)."""
    return item.is_overdue_on(day)


@register.filter
def expired_on(item, day: date) -> bool:
    """Past its expiry on `day` (a Document, a Representative's authorisation)."""
    return item.is_expired_on(day)


@register.filter
def valid_on(item, day: date) -> bool:
    """In force on `day` (a Representative's authorisation)."""
    return item.is_valid_on(day)
