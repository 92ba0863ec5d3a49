"""Filters of the dashboard: a count with Greek digit grouping, a chart as an image.

`{{ n|count }}` prints 12.345 (reporting.tables.display). `{{ svg|chart_src }}` turns a chart of
reporting.charts into a data: URI for an <img>: the page's Content-Security-Policy refuses inline
<style>, and pygal styles its SVG with one; an image keeps its own styles and runs no script.
"""

from __future__ import annotations

import base64

from django import template

from reporting.tables import display

register = template.Library()


@register.filter
def count(value) -> str:
    return display(value)


@register.filter
def chart_src(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(str(svg).encode()).decode()
