"""Where long values may wrap: an email address at its @ and dots, never inside a word.

Cards let a word that does not fit break anywhere (Bootstrap's `word-wrap: break-word`), which
cuts an address such as «…@example» / «.gr» where nobody would look for it. With a <wbr> after
the @ and before each dot, the line breaks where a reader expects it and the word stays whole.
"""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def email_breaks(value) -> SafeString:
    """The escaped address with a line-break opportunity after "@" and before each ".";
    several addresses separated by commas stay separated by them."""
    text = str(escape(value or ""))
    return mark_safe(text.replace("@", "@<wbr>").replace(".", "<wbr>."))  # escaped above
