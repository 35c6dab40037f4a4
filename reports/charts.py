"""Server-rendered SVG charts: the geometry is computed here, ``templates/reports/_*_chart.html`` draws it.

No JavaScript and no inline styles (the CSP forbids both): colours and sizes are SVG presentation
attributes. Every chart sits next to a table with the same figures, which is its accessible version.
"""

import math
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext

# Okabe–Ito colours: told apart with the common colour-vision deficiencies. The eighth series
# ("Other", when more are folded) is grey rather than a heavy black.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999", "#000000"]
MAX_SERIES = 8  # more stacked series than this are folded into "Other" (the table keeps them all)
WIDE, NARROW = 720, 360  # viewBox widths: the desktop chart, and the phone's (drawn about 1:1 at 390 px)
FONT = 12
MUTED = "#5f6b7a"


@dataclass
class Chart:
    kind: str
    width: int
    height: int
    marks: list = field(default_factory=list)  # bars or segments: x, y, width, height, fill, title
    labels: list = field(default_factory=list)  # text: x, y, text, anchor, title (the full text), fallback, muted
    lines: list = field(default_factory=list)  # polylines: points, stroke, title
    legend: list = field(default_factory=list)  # name, title, fill, x, y, fallback
    gridlines: list = field(default_factory=list)  # y, label

    @property
    def has_fallback(self):
        """Whether a name is shown in English on a Japanese page (drawn in italics; the page says so)."""
        return any(item.get("fallback") for item in [*self.labels, *self.legend])


def other():
    return gettext("Other")


def nice_max(value):
    """The smallest 1/2/5 × 10^n at or above ``value`` (at least 1), so axes end on a round number."""
    value = max(value, 1)
    magnitude = 1
    while magnitude * 10 <= value:
        magnitude *= 10
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover - the loop always returns


def fmt(value):
    return f"{value:,}"


def ticks(peak):
    """Gridline values from 0 to ``peak`` (a ``nice_max``) in whole-number steps, at most five of them."""
    divisions = next(d for d in (5, 4, 2, 1) if peak % d == 0)
    return [peak * i // divisions for i in range(divisions + 1)]


def text_width(text, size=FONT):
    """About how wide ``text`` is drawn, in pixels: full-width (Japanese) characters take twice a Latin one."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.6 for c in str(text))


def short(label, room):
    """``label`` cut to fit ``room`` pixels, with "…"; the full label stays in the tooltip and the table."""
    label = str(label)
    if text_width(label) <= room:
        return label
    kept = ""
    for character in label:
        if text_width(kept + character + "…") > room:
            break
        kept += character
    return kept + "…"


def label(x, y, text, anchor, room, muted=False):
    """A text label cut to ``room`` pixels; its ``title`` is the full text when it was cut."""
    shown = short(text, room)
    return {
        "x": x,
        "y": y,
        "text": shown,
        "anchor": anchor,
        "title": str(text) if shown != str(text) else "",
        "fallback": getattr(text, "fallback", False),
        "muted": muted,
    }


def _label_room(labels, width):
    """The room for labels left of the bars, or ``None`` when the longest would take over 40% of the chart
    (on a phone): the labels then go above their bars, across the whole width."""
    room = max((text_width(text) for text in labels), default=0) + 8
    if width < WIDE and room > width * 0.4:
        return None
    return min(room, width * 0.3)


def _rows(chart, labels, bar_height, gap, top=8):
    """The y of each label and of its bar, for labels left of the bars or above them; sets the chart's height."""
    room = _label_room(labels, chart.width)
    step = bar_height + gap + (0 if room else FONT + 4)
    rows = []
    for i, text in enumerate(labels):
        y = top + i * step
        if room:
            chart.labels.append(label(room - 8, y + bar_height * 0.7, text, "end", room - 8))
            rows.append((room, y))
        else:
            chart.labels.append(label(0, y + FONT, text, "start", chart.width))
            rows.append((0, y + FONT + 4))
    chart.height = top * 2 + len(labels) * step
    return rows


def bar_chart(labels, values, width=WIDE, bar_height=22, gap=6, value_format=fmt):
    """Horizontal bars, one per label, longest scale at the largest value; the value is printed at the end.

    A value of ``None`` (nothing recorded) draws no bar but says "not recorded": never a bar of 0.
    """
    chart = Chart("bar", width, 0)
    printed = [value_format(v) if v is not None else gettext("not recorded") for v in values]
    value_room = max((text_width(text) for text in printed), default=0) + 12
    rows = _rows(chart, labels, bar_height, gap)
    plot = width - rows[0][0] - value_room if rows else 0
    scale = plot / max(max((v for v in values if v is not None), default=0), 1)
    for (x, y), text, value, shown in zip(rows, labels, values, printed, strict=True):
        length = round((value or 0) * scale, 1)
        if value is not None:
            chart.marks.append(
                {"x": x, "y": y, "width": length, "height": bar_height, "fill": PALETTE[0], "title": f"{text}: {shown}"}
            )
        chart.labels.append(label(x + length + 6, y + bar_height * 0.7, shown, "start", value_room, value is None))
    return chart


def fold_series(series):
    """Keep the ``MAX_SERIES - 1`` largest series and sum the rest into "Other"."""
    if len(series) <= MAX_SERIES:
        return series
    ranked = sorted(series, key=lambda s: -sum(s[1]))
    kept, rest = ranked[: MAX_SERIES - 1], ranked[MAX_SERIES - 1 :]
    summed = [sum(values) for values in zip(*(s[1] for s in rest), strict=True)]
    kept_names = {name for name, _ in kept}
    return [s for s in series if s[0] in kept_names] + [(other(), summed)]


def _frame(chart, categories, top, plot_height, left, step, peak):
    """Gridlines with their values, and the category labels under the x axis (thinned out so none overlap)."""
    for value in ticks(peak):
        y = round(top + plot_height * (1 - value / peak), 1)
        chart.gridlines.append({"y": y, "x1": left, "x2": chart.width - 10, "label": fmt(value)})
    # Years are thinned out (every other one, every fifth...); names are each cut to their column instead.
    widest = max((text_width(c) for c in categories), default=0) + 8
    years = all(isinstance(c, int) for c in categories)
    every = max(1, math.ceil(widest / step)) if step and years else 1
    for i, category in enumerate(categories):
        if i % every == 0:
            x = left + step * i + step / 2
            room = step * every - 4
            chart.labels.append(label(round(x, 1), top + plot_height + 18, category, "middle", room))


def _legend(chart, names, y, left):
    columns = 4 if chart.width >= WIDE else 2
    column_width = (chart.width - left - 10) / columns
    for i, name in enumerate(names):
        column, row = i % columns, i // columns
        x = round(left + column * column_width, 1)
        shown = short(name, column_width - 24)
        chart.legend.append(
            {
                "name": shown,
                "title": str(name) if shown != str(name) else "",
                "fallback": getattr(name, "fallback", False),
                "fill": PALETTE[i % len(PALETTE)],
                "x": x,
                "y": y + row * 20,
            }
        )
    return ((len(names) + columns - 1) // columns) * 20


def stacked_bar_chart(categories, series, width=WIDE, plot_height=260):
    """Vertical columns per category, stacked by series (``[(name, [value per category]), ...]``)."""
    series = fold_series(series)
    left, top = 60, 10
    totals = [sum(values) for values in zip(*(s[1] for s in series), strict=True)] if series else []
    peak = nice_max(max(totals, default=0))
    step = (width - left - 10) / max(len(categories), 1)
    chart = Chart("stacked", width, 0)
    _frame(chart, categories, top, plot_height, left, step, peak)
    for i, category in enumerate(categories):
        base = top + plot_height
        for s, (name, values) in enumerate(series):
            height = plot_height * values[i] / peak
            if values[i]:
                base -= height
                chart.marks.append(
                    {
                        "x": round(left + step * i + step * 0.15, 1),
                        "y": round(base, 1),
                        "width": round(step * 0.7, 1),
                        "height": round(height, 1),
                        "fill": PALETTE[s % len(PALETTE)],
                        "title": f"{category}, {name}: {fmt(values[i])}",
                    }
                )
    legend_height = _legend(chart, [name for name, _ in series], top + plot_height + 34, left)
    chart.height = top + plot_height + 36 + legend_height
    return chart


def stacked_rows_chart(categories, series, width=NARROW, bar_height=14, gap=6):
    """The phone's stacked chart: a horizontal bar per category (label beside it or above), stacked by series."""
    series = fold_series(series)
    chart = Chart("stacked", width, 0)
    rows = _rows(chart, categories, bar_height, gap)
    totals = [sum(values) for values in zip(*(s[1] for s in series), strict=True)] if series else []
    total_room = max((text_width(fmt(t)) for t in totals), default=0) + 12
    scale = (width - (rows[0][0] if rows else 0) - total_room) / max(max(totals, default=0), 1)
    for i, ((x, y), category) in enumerate(zip(rows, categories, strict=True)):
        for s, (name, values) in enumerate(series):
            if values[i]:
                length = round(values[i] * scale, 1)
                chart.marks.append(
                    {
                        "x": round(x, 1),
                        "y": y,
                        "width": length,
                        "height": bar_height,
                        "fill": PALETTE[s % len(PALETTE)],
                        "title": f"{category}, {name}: {fmt(values[i])}",
                    }
                )
                x += length
        chart.labels.append(label(round(x + 6, 1), y + bar_height * 0.8, fmt(totals[i]), "start", total_room))
    chart.height += _legend(chart, [name for name, _ in series], chart.height + 4, 0) + 4
    return chart


def line_chart(categories, series, width=WIDE, plot_height=240):
    """One line per series over the categories (years), with a dot and a tooltip per point."""
    left, top = (60, 10) if width >= WIDE else (44, 10)
    peak = nice_max(max((v for _, values in series for v in values), default=0))
    step = (width - left - 10) / max(len(categories), 1)
    chart = Chart("line", width, 0)
    _frame(chart, categories, top, plot_height, left, step, peak)
    for s, (name, values) in enumerate(series):
        colour = PALETTE[s % len(PALETTE)]
        points = []
        for i, value in enumerate(values):
            x = round(left + step * i + step / 2, 1)
            y = round(top + plot_height * (1 - value / peak), 1)
            points.append(f"{x},{y}")
            chart.marks.append(
                {"x": x, "y": y, "fill": colour, "title": f"{categories[i]}, {name}: {fmt(value)}", "dot": True}
            )
        chart.lines.append({"points": " ".join(points), "stroke": colour, "title": name})
    legend_height = _legend(chart, [name for name, _ in series], top + plot_height + 34, left)
    chart.height = top + plot_height + 36 + legend_height
    return chart
