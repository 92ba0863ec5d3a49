"""Charts drawn on the server as SVG by pygal, for the screen and for WeasyPrint's PDF.

No script and nothing from a CDN: pygal's tooltips script is left out (`js=[]`), the SVG is
inlined in the page. Each chart is shown beside a table of the same numbers (screen readers read
the table; the SVG is `aria-hidden`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import pygal
from django.utils.safestring import SafeString, mark_safe
from pygal.style import Style

STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#6c757d",
    font_family="DejaVu Sans, sans-serif",
    label_font_size=11,
    major_label_font_size=11,
    legend_font_size=11,
    title_font_size=13,
    value_font_size=10,
    colors=("#0d6efd", "#6c757d", "#198754", "#fd7e14", "#6f42c1", "#d63384", "#20c997"),
)


def _config(chart_class, title: str, width: int, height: int, **options):
    return chart_class(
        title=title,
        style=STYLE,
        width=width,
        height=height,
        js=[],
        disable_xml_declaration=True,
        show_legend=options.pop("show_legend", True),
        legend_at_bottom=True,
        print_values=options.pop("print_values", False),
        truncate_label=-1,
        truncate_legend=-1,
        **options,
    )


_SCRIPT = re.compile(r"<script\b.*?</script>|<!--.*?-->", re.S)
_CHART_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _render(chart) -> SafeString:
    """The SVG without pygal's config script and comments, with an id that depends only on the
    chart's content (the same figures draw the same bytes; several charts fit in one page)."""
    svg = _SCRIPT.sub("", chart.render(is_unicode=True))
    digest = hashlib.sha256(_CHART_ID.sub("", svg).encode()).hexdigest()[:12]
    svg = _CHART_ID.sub(digest, svg)
    return mark_safe(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))


def bar_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int | None]]],
    *,
    horizontal: bool = False,
    width: int = 640,
    height: int = 320,
) -> SafeString:
    """Bars per label, one colour per series; None (suppressed) draws nothing."""
    chart = _config(
        pygal.HorizontalBar if horizontal else pygal.Bar,
        title,
        width,
        height,
        show_legend=len(series) > 1,
        print_values=True,
        x_label_rotation=0 if horizontal or len(labels) < 7 else 30,
    )
    chart.x_labels = list(labels)
    for name, values in series:
        chart.add(name, list(values))
    return _render(chart)


def line_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int | None]]],
    *,
    width: int = 640,
    height: int = 320,
) -> SafeString:
    """One line per series across `labels` (months, for instance)."""
    chart = _config(pygal.Line, title, width, height, x_label_rotation=30)
    chart.x_labels = list(labels)
    for name, values in series:
        chart.add(name, list(values))
    return _render(chart)
