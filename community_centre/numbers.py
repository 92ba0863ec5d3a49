"""Amounts in euro as people type them at a Greek desk: «1.234,56», «1234,56», «1 234,5», «850».

The comma separates the cents and the dot (or a space) groups the thousands, as Greek writes
them. A dot that does not group thousands («12.50») is refused rather than guessed: in Greek
«1.250» is one thousand two hundred and fifty, so «12.50» is more likely a typing error than
twelve and a half. A trailing «€» is allowed. `AmountField` is the form field that reads them.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_AMOUNT = re.compile(r"(?P<sign>[-−]?)(?P<units>\d{1,3}(?:[. ]\d{3})+|\d+)(?:,(?P<cents>\d+))?")


class UnreadableAmount(ValueError):
    """The text is not written as an amount."""


class NegativeAmount(ValueError):
    """The text is an amount below zero."""


class TooManyDecimals(ValueError):
    """The amount has more than two decimals (there is nothing below the cent)."""


def parse_typed_amount(text: str) -> Decimal:
    """The amount `text` stands for, exactly; otherwise UnreadableAmount, NegativeAmount or
    TooManyDecimals."""
    cleaned = text.strip().removesuffix("€").strip().replace("\u00a0", " ")
    match = _AMOUNT.fullmatch(cleaned)
    if not match:
        raise UnreadableAmount(text)
    units = re.sub(r"[. ]", "", match["units"])
    cents = match["cents"] or ""
    if len(cents) > 2:
        raise TooManyDecimals(text)
    amount = Decimal(f"{units}.{cents or '0'}")
    if match["sign"] and amount:
        raise NegativeAmount(text)
    return amount


class AmountField(forms.Field):
    """An amount in euro, zero or more, up to `max_value`, typed the Greek way; the page keeps
    what was typed and says beside the field what is wrong with it."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    default_error_messages = {
        "invalid": _("Γράψτε ποσό σε ευρώ, με κόμμα για τα λεπτά (π.χ. 1.234,56)."),
        "negative": _("Το ποσό δεν μπορεί να είναι αρνητικό."),
        "decimals": _("Γράψτε το πολύ δύο δεκαδικά ψηφία (λεπτά)."),
        "too_large": _("Το ποσό δεν μπορεί να ξεπερνά τα %(limit)s €."),
    }

    def __init__(self, *args, max_value: Decimal = Decimal("10000000"), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.max_value = max_value

    def to_python(self, value) -> Decimal | None:
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        try:
            amount = parse_typed_amount(str(value))
        except NegativeAmount as exc:
            raise ValidationError(self.error_messages["negative"], code="negative") from exc
        except TooManyDecimals as exc:
            raise ValidationError(self.error_messages["decimals"], code="decimals") from exc
        except UnreadableAmount as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc
        if amount > self.max_value:
            limit = f"{self.max_value:,.0f}".replace(",", ".")
            raise ValidationError(
                self.error_messages["too_large"], code="too_large", params={"limit": limit}
            )
        return amount

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
        return value
