"""Small SVG charts (horizontal bars, with an optional low-high whisker), for HTML and SVG exports.

Standard library only. Every label is escaped, so a name from a user's data cannot inject markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import NamedTuple

FONT = "font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:13px"
BAR = "#3b82f6"
WHISKER = "#1e3a8a"
MUTED = "#6b7280"


class Bar(NamedTuple):
    label: str
    value: float
    text: str  # what is written after the bar, e.g. "12 (24%)"
    low: float | None = None  # a range drawn as a whisker over the bar (p25-p75)
    high: float | None = None


def bar_chart(title: str, bars: Sequence[Bar], *, width: int = 720, label_width: int | None = None) -> str:
    """One chart as an ``<svg>`` element: a bar a row, scaled to the largest value (or range end).

    The labels' column is as wide as the longest label needs (about 7.5 px a character at 13 px), so no
    label is clipped."""
    if label_width is None:
        label_width = max(80, round(7.5 * max([len(b.label) for b in bars] + [0])) + 16)
    row, top = 26, 30
    height = top + row * max(len(bars), 1) + 10
    scale_max = max([b.high if b.high is not None else b.value for b in bars] + [1e-9])
    plot = width - label_width - 170
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" style="{FONT}">',
        f'<text x="0" y="18" font-weight="bold">{escape(title)}</text>',
    ]
    if not bars:
        parts.append(f'<text x="0" y="{top + 16}" fill="{MUTED}">nothing to show</text>')
    for i, b in enumerate(bars):
        y = top + i * row
        length = max(0.0, b.value) / scale_max * plot
        parts.append(f'<text x="{label_width - 8}" y="{y + 16}" text-anchor="end">{escape(b.label)}</text>')
        parts.append(f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="16" fill="{BAR}" rx="2"/>')
        if b.low is not None and b.high is not None:
            x1 = label_width + b.low / scale_max * plot
            x2 = label_width + b.high / scale_max * plot
            parts.append(
                f'<line x1="{x1:.1f}" y1="{y + 12}" x2="{x2:.1f}" y2="{y + 12}" stroke="{WHISKER}" stroke-width="2"/>'
            )
            for x in (x1, x2):
                parts.append(
                    f'<line x1="{x:.1f}" y1="{y + 7}" x2="{x:.1f}" y2="{y + 17}" stroke="{WHISKER}" stroke-width="2"/>'
                )
        end = label_width + max(length, (b.high or 0) / scale_max * plot)
        parts.append(f'<text x="{end + 6:.1f}" y="{y + 16}" fill="{MUTED}">{escape(b.text)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def stack(charts: Sequence[str], *, width: int = 720, gap: int = 16) -> str:
    """Several charts one under another, as one standalone SVG document."""
    heights = [int(c.split('height="', 1)[1].split('"', 1)[0]) for c in charts]
    total = sum(heights) + gap * max(len(charts) - 1, 0)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{total}" viewBox="0 0 {width} {total}">',
        f'<rect width="{width}" height="{total}" fill="white"/>',
    ]
    y = 0
    for chart, h in zip(charts, heights, strict=True):
        out.append(f'<g transform="translate(0,{y})">{chart}</g>')
        y += h + gap
    out.append("</svg>")
    return "\n".join(out)
