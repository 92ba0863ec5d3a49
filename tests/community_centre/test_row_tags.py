"""The cheap row helpers give exactly what `{% url %}` and `|date:"d/m/Y"` give."""

from __future__ import annotations

import datetime as dt

from django.template import Context, Template
from django.test import override_settings
from django.utils import timezone


def render(source: str, **context) -> str:
    return Template("{% load row_urls short_dates %}" + source).render(Context(context))


def test_pk_url_is_the_url_of_each_row():
    source = "{% for pk in pks %}{% pk_url 'requests:detail' pk %} {% endfor %}"
    expected = "{% for pk in pks %}{% url 'requests:detail' pk %} {% endfor %}"
    pks = [1, 42, 9081726354, 123456789012]
    assert render(source, pks=pks) == Template(expected).render(Context({"pks": pks}))
    assert render("{% pk_url 'beneficiaries:detail' 7 %}") == "/beneficiaries/7/"


@override_settings(FORCE_SCRIPT_NAME="/centre/")
def test_pk_url_follows_the_script_prefix():
    from django.urls import set_script_prefix

    set_script_prefix("/centre/")
    try:
        assert render("{% pk_url 'requests:detail' 5 %}") == "/centre/requests/5/"
    finally:
        set_script_prefix("/")


def test_dmy_is_the_date_filter_with_day_month_year():
    moments = [
        dt.date(2026, 1, 5),
        dt.date(999, 12, 31),
        timezone.make_aware(dt.datetime(2026, 3, 1, 23, 30), dt.UTC),  # 2 March in Athens
        None,
        "",
    ]
    for value in moments:
        expected = Template('{{ value|date:"d/m/Y" }}').render(Context({"value": value}))
        assert render("{{ value|dmy }}", value=value) == expected
