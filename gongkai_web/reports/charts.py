"""Server-rendered SVG bar charts (no script, no library, nothing from a CDN).

Each chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` (read by screen readers)
and is always shown beside a table of the same figures. Colours come from CSS classes (the CSP
allows no inline styles); the geometry is in a ``viewBox``, so the chart scales to a phone's width.
Horizontal bars: long agency names fit on the left, and any number of bars fits downwards."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import count

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from gongkai.report.model import Value

WIDTH = 440
LABEL_WIDTH = 180
VALUE_WIDTH = 56
BAR_HEIGHT = 22
GAP = 6
TOP = 8
_ids = count(1)


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: Value
    highlighted: bool = False
    flagged: bool = False


def number(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}" if value != value.to_integral_value() else f"{int(value):,}"
    if isinstance(value, float):
        return f"{value:,.1f}".rstrip("0").rstrip(".")
    return f"{value:,}"


def _shorten(label: str, limit: int = 11) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(title: str, desc: str, bars: list[Bar], *, missing: str) -> SafeString:
    """A horizontal bar chart; ``missing`` is what a bar without a figure says."""
    chart_id = f"chart{next(_ids)}"
    top = max((float(b.value) for b in bars if b.value is not None), default=0.0) or 1.0
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = TOP * 2 + len(bars) * (BAR_HEIGHT + GAP)
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>',
    ]
    for n, bar in enumerate(bars):
        y = TOP + n * (BAR_HEIGHT + GAP)
        middle = y + BAR_HEIGHT / 2 + 5
        css = "bar" + (" self" if bar.highlighted else "") + (" flagged" if bar.flagged else "")
        parts.append(
            f'<text class="label" x="{LABEL_WIDTH - 8}" y="{middle:.0f}" text-anchor="end">'
            f"<title>{escape(bar.label)}</title>{escape(_shorten(bar.label))}</text>"
        )
        if bar.value is None:
            parts.append(
                f'<text class="missing" x="{LABEL_WIDTH + 4}" y="{middle:.0f}">{escape(missing)}</text>'
            )
            continue
        width = max(float(bar.value) / top * span, 1.0 if bar.value else 0.0)
        parts.append(
            f'<rect class="{css}" x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}"></rect>'
        )
        parts.append(
            f'<text class="value" x="{LABEL_WIDTH + width + 6:.1f}" y="{middle:.0f}">{number(bar.value)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped
