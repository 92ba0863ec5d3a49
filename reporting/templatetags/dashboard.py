"""`{{ svg|chart_src }}`: a chart of reporting.charts as a data: URI for an <img>. The page's
Content-Security-Policy refuses inline <style>, and pygal styles its SVG with one; an image keeps
its own styles and runs no script. (Counts print with `report_tables`' `count` filter.)
"""

from __future__ import annotations

import base64

from django import template

register = template.Library()


@register.filter
def chart_src(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(str(svg).encode()).decode()
