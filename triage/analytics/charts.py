"""Server-rendered SVG charts: no script, no stylesheet, nothing fetched. Every label is escaped (they can come from
data: party names, Code paragraph headings). Each chart is an ``<svg role="img">`` with a ``<title>`` and a
``<desc>``; the page shows the same numbers in a data table next to it, which is what assistive technology reads.

Colours are presentation attributes (the CSP forbids inline ``style``) from the GOV.UK palette, and the text is
large enough to read at the sizes the dashboard uses. Charts scale with their container (``viewBox``).
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from itertools import count

from markupsafe import Markup, escape

BLUE = "#1d70b8"
DARK_BLUE = "#003078"
GREY = "#505a5f"
LIGHT_GREY = "#b1b4b6"
RED = "#d4351c"
GREEN = "#00703c"
BLACK = "#0b0c0c"
FONT = 'font-family="Arial, Helvetica, sans-serif"'

_ids = count(1)


def _esc(value: object) -> str:
    return str(escape(str(value)))


def _fmt(value: float) -> str:
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.1f}"


def _ticks(maximum: float, n: int = 4) -> list[int]:
    """Whole-number gridlines for a count axis: a step of 1, 2 or 5 times a power of ten, about ``n`` of them, with
    the top one at or above ``maximum``. A count of complaints is never 3.8."""
    if maximum <= 0:
        return [0, 1]
    rough = maximum / n
    step = 1
    for magnitude in (10**k for k in range(10)):
        candidates = [m * magnitude for m in (1, 2, 5) if m * magnitude >= rough]
        if candidates:
            step = candidates[0]
            break
    top = step * math.ceil(maximum / step)
    return list(range(0, top + 1, step))


def _open(width: int, height: int, title: str, desc: str) -> tuple[str, str]:
    uid = next(_ids)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" class="app-chart__svg" '
        f'role="img" aria-labelledby="chart-title-{uid} chart-desc-{uid}" focusable="false">'
        f'<title id="chart-title-{uid}">{_esc(title)}</title><desc id="chart-desc-{uid}">{_esc(desc)}</desc>'
    )
    return head, "</svg>"


def _wrap(label: str, width: int, lines: int = 3) -> list[str]:
    """A label broken at spaces into at most ``lines`` lines of about ``width`` characters, so it is never cut off
    mid-word; only a label longer than the lines allow loses its end (the full text stays in the tooltip and the
    data table)."""
    out = textwrap.wrap(label, width=width, break_long_words=True) or [""]
    if len(out) > lines:
        out = [*out[: lines - 1], textwrap.shorten(" ".join(out[lines - 1 :]), width=width, placeholder="…")]
    return out


def _label_lines(x: float, y: float, lines: list[str], *, line_h: int = 16) -> str:
    """``<tspan>`` lines centred on ``y``."""
    first = y - (len(lines) - 1) * line_h / 2
    return "".join(
        f'<tspan x="{x:.1f}" y="{first + k * line_h:.1f}">{_esc(line)}</tspan>' for k, line in enumerate(lines)
    )


def bar_chart(
    items: Sequence[tuple[str, float]], *, title: str, desc: str = "", unit: str = "cases", width: int = 640
) -> Markup:
    """Horizontal bars, one per labelled value, value printed at the end of each bar. Long labels wrap onto up to
    three lines and the row grows to fit them."""
    label_w, bar_h, gap, top, line_h = 200, 22, 8, 8, 16
    wrapped = [_wrap(str(label), 23) for label, _ in items]
    rows_h = [max(bar_h, len(lines) * line_h) for lines in wrapped]
    height = top * 2 + max(1, sum(h + gap for h in rows_h))
    maximum = max((v for _, v in items), default=0)
    scale_w = width - label_w - 70
    head, tail = _open(width, height, title, desc or f"{len(items)} bars, in {unit}")
    parts = [head]
    if not items:
        parts.append(f'<text x="10" y="24" {FONT} font-size="15" fill="{GREY}">No cases match these filters.</text>')
    y = top
    for (label, value), lines, row_h in zip(items, wrapped, rows_h, strict=True):
        w = 0 if maximum <= 0 else max(1.0, scale_w * value / maximum) if value else 0
        middle = y + row_h / 2
        bar_y = middle - bar_h / 2
        parts.append(
            f'<text text-anchor="end" {FONT} font-size="14" fill="{BLACK}"><title>{_esc(label)}</title>'
            f"{_label_lines(label_w - 8, middle + 5, lines, line_h=line_h)}</text>"
            f'<rect x="{label_w}" y="{bar_y:.1f}" width="{w:.1f}" height="{bar_h}" fill="{BLUE}"/>'
            f'<text x="{label_w + w + 6:.1f}" y="{middle + 5:.1f}" {FONT} font-size="14" '
            f'fill="{BLACK}">{_esc(_fmt(value))}</text>'
        )
        y += row_h + gap
    parts.append(tail)
    return Markup("".join(parts))


def column_chart(
    items: Sequence[tuple[str, float]],
    *,
    title: str,
    desc: str = "",
    label_every: int | None = None,
    marker: tuple[float, str] | None = None,
    highlight_from: int | None = None,
) -> Markup:
    """Vertical columns over ordered categories (months, day ranges), with a y axis and sparse x labels.
    ``highlight_from`` draws columns from that index on in red (e.g. over the target)."""
    width, height, left, right, top, bottom = 640, 260, 52, 12, 14, 46
    plot_w, plot_h = width - left - right, height - top - bottom
    maximum = max((v for _, v in items), default=0)
    ticks = _ticks(maximum)
    top_value = ticks[-1] or 1
    head, tail = _open(width, height, title, desc or f"{len(items)} columns")
    parts = [head]
    for t in ticks:
        y = top + plot_h - plot_h * t / top_value
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{LIGHT_GREY}" '
            f'stroke-width="1"/><text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" {FONT} font-size="12" '
            f'fill="{GREY}">{_esc(_fmt(t))}</text>'
        )
    n = max(1, len(items))
    slot = plot_w / n
    bar_w = max(1.0, slot * 0.78)
    every = label_every or max(1, math.ceil(n / 12))
    for i, (label, value) in enumerate(items):
        x = left + i * slot + (slot - bar_w) / 2
        h = plot_h * value / top_value
        colour = RED if highlight_from is not None and i >= highlight_from else BLUE
        parts.append(
            f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{colour}">'
            f"<title>{_esc(label)}: {_esc(_fmt(value))}</title></rect>"
        )
        if i % every == 0:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 18}" text-anchor="middle" {FONT} '
                f'font-size="12" fill="{BLACK}">{_esc(label)}</text>'
            )
    if marker is not None and n:
        position, text = marker
        x = left + position * slot
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{top + plot_h}" stroke="{BLACK}" stroke-width="2" '
            f'stroke-dasharray="6 4"/><text x="{x + 6:.1f}" y="{top + 14}" {FONT} font-size="13" '
            f'fill="{BLACK}">{_esc(text)}</text>'
        )
    parts.append(f'<line x1="{left}" x2="{width - right}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="{BLACK}"/>')
    parts.append(tail)
    return Markup("".join(parts))


def heatmap(
    rows: Sequence[str],
    columns: Sequence[str],
    values: Sequence[Sequence[int]],
    *,
    title: str,
    desc: str = "",
    row_title: str = "",
    column_title: str = "",
) -> Markup:
    """A grid of counts shaded by size (a confusion matrix); the diagonal is outlined."""
    cell_w, cell_h, label_w, head_h = 110, 44, 190, 70
    width = label_w + cell_w * len(columns) + 10
    height = head_h + cell_h * len(rows) + 10
    maximum = max((v for row in values for v in row), default=0) or 1
    head, tail = _open(width, height, title, desc or f"{len(rows)} by {len(columns)} grid")
    parts = [head]
    if column_title:
        parts.append(
            f'<text x="{label_w + cell_w * len(columns) / 2:.1f}" y="16" text-anchor="middle" {FONT} '
            f'font-size="13" font-weight="bold" fill="{BLACK}">{_esc(column_title)}</text>'
        )
    if row_title:
        parts.append(
            f'<text x="4" y="{head_h - 8}" {FONT} font-size="13" font-weight="bold" fill="{BLACK}">'
            f"{_esc(row_title)}</text>"
        )
    for j, label in enumerate(columns):
        words = str(label).split(" ")
        half = math.ceil(len(words) / 2)
        lines = [" ".join(words[:half]), " ".join(words[half:])] if len(words) > 1 else [str(label)]
        for k, line in enumerate(lines):
            parts.append(
                f'<text x="{label_w + j * cell_w + cell_w / 2:.1f}" y="{36 + k * 15}" text-anchor="middle" {FONT} '
                f'font-size="12" fill="{BLACK}">{_esc(line)}</text>'
            )
    for i, label in enumerate(rows):
        y = head_h + i * cell_h
        parts.append(
            f'<text text-anchor="end" {FONT} font-size="13" fill="{BLACK}">'
            f"{_label_lines(label_w - 8, y + cell_h / 2 + 5, _wrap(str(label), 26, lines=2), line_h=15)}"
            "</text>"
        )
        for j in range(len(columns)):
            value = values[i][j] if i < len(values) and j < len(values[i]) else 0
            share = value / maximum
            light = share < 0.45
            fill = _blend(share)
            stroke = ' stroke="#ffffff" stroke-width="1"'
            parts.append(
                f'<rect x="{label_w + j * cell_w}" y="{y}" width="{cell_w}" height="{cell_h}" fill="{fill}"{stroke}/>'
                f'<text x="{label_w + j * cell_w + cell_w / 2:.1f}" y="{y + cell_h / 2 + 5:.1f}" text-anchor="middle" '
                f'{FONT} font-size="14" fill="{BLACK if light else "#ffffff"}">{_esc(_fmt(value))}</text>'
            )
    for i in range(min(len(rows), len(columns))):  # the diagonal (agreement) outlined last, so nothing covers it
        parts.append(
            f'<rect x="{label_w + i * cell_w + 1.5}" y="{head_h + i * cell_h + 1.5}" width="{cell_w - 3}" '
            f'height="{cell_h - 3}" fill="none" stroke="{BLACK}" stroke-width="3"/>'
        )
    parts.append(tail)
    return Markup("".join(parts))


def _blend(share: float) -> str:
    """White to dark blue."""
    share = max(0.0, min(1.0, share))
    start, end = (0xF3, 0xF2, 0xF1), (0x00, 0x30, 0x78)
    rgb = [round(a + (b - a) * share) for a, b in zip(start, end, strict=True)]
    return "#" + "".join(f"{c:02x}" for c in rgb)


def reliability_chart(bins: Sequence[tuple[float, float, int]], *, title: str, desc: str = "") -> Markup:
    """Mean predicted probability (x) against the observed share (y) per bin, with the diagonal of perfect
    calibration; each point's area grows with the number of cases in its bin."""
    size, left, bottom, top, right = 320, 52, 44, 14, 30
    width, height = left + size + right, top + size + bottom
    head, tail = _open(width, height, title, desc or f"{len(bins)} bins")
    parts = [head]
    for t in (0, 0.25, 0.5, 0.75, 1):
        x = left + size * t
        y = top + size - size * t
        parts.append(
            f'<line x1="{left}" x2="{left + size}" y1="{y:.1f}" y2="{y:.1f}" stroke="{LIGHT_GREY}"/>'
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{top + size}" stroke="{LIGHT_GREY}"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" {FONT} font-size="12" fill="{GREY}">'
            f"{int(t * 100)}%</text>"
            f'<text x="{x:.1f}" y="{top + size + 16}" text-anchor="middle" {FONT} font-size="12" fill="{GREY}">'
            f"{int(t * 100)}%</text>"
        )
    parts.append(
        f'<line x1="{left}" y1="{top + size}" x2="{left + size}" y2="{top}" stroke="{GREY}" stroke-width="2" '
        f'stroke-dasharray="6 4"/>'
    )
    largest = max((n for _, _, n in bins), default=1) or 1
    points = []
    for predicted, observed, n in bins:
        x = left + size * predicted
        y = top + size - size * observed
        points.append((x, y))
        radius = 3 + 7 * math.sqrt(n / largest)
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{BLUE}" fill-opacity="0.85" '
            f'stroke="{DARK_BLUE}">'
            f"<title>Predicted {predicted:.0%}, observed {observed:.0%}, {n:,} cases</title></circle>"
        )
    if len(points) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{BLUE}" stroke-width="2"/>')
    parts.append(
        f'<text x="{left + size / 2}" y="{height - 6}" text-anchor="middle" {FONT} font-size="13" fill="{BLACK}">'
        "Tool's breach probability</text>"
        f'<text x="14" y="{top + size / 2}" text-anchor="middle" {FONT} font-size="13" fill="{BLACK}" '
        f'transform="rotate(-90 14 {top + size / 2})">Decisions naming a paragraph</text>'
    )
    parts.append(tail)
    return Markup("".join(parts))
