"""Choice lists whose members carry a colour, so one badge include draws every status.

As NetBox's `ChoiceSet` carries `colors` (netbox/utilities/choices.py) and its models offer
`get_status_color()`: the colour belongs to the status, not to each template that shows it.
"""

from __future__ import annotations

from django.db import models


class ColoredChoices(models.TextChoices):
    """TextChoices with a Bootstrap colour for each member: `COLORS = enum.nonmember({value:
    colour})` in the subclass; templates draw them with `includes/status_badge.html`."""

    @classmethod
    def color_of(cls, value: str) -> str:
        """The colour of a stored value (fields read from the database hold plain strings)."""
        return cls.COLORS[value]

    @property
    def color(self) -> str:
        return self.color_of(self.value)
