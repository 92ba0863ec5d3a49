"""Date arithmetic of retention periods (no model imports: the models use it)."""

from __future__ import annotations

from datetime import date


def years_before(day: date, years: int) -> date:
    """The same day `years` earlier; 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)
