"""Server-rendered SVG charts: the geometry is computed here, ``templates/reports/_*_chart.html`` draws it.

No JavaScript and no inline styles (the CSP forbids both): colours and sizes are SVG presentation
attributes. Every chart sits next to a table with the same figures, which is its accessible version.
"""

from dataclasses import dataclass, field

# Okabe–Ito colours: told apart with the common colour-vision deficiencies. The eighth series
# ("Other", when more are folded) is grey rather than a heavy black.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999", "#000000"]
MAX_SERIES = 8  # more stacked series than this are folded into "Other" (the table keeps them all)
OTHER = "Other"


@dataclass
class Chart:
    kind: str
    width: int
    height: int
    marks: list = field(default_factory=list)  # bars or segments: x, y, width, height, fill, title
    labels: list = field(default_factory=list)  # text: x, y, text, anchor
    lines: list = field(default_factory=list)  # polylines: points, stroke, title
    legend: list = field(default_factory=list)  # name, fill, x, y
    gridlines: list = field(default_factory=list)  # y, label


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


def short(label, limit=32):
    """Axis labels have a fixed width; the full label stays in the tooltip and the table."""
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(labels, values, width=720, label_width=220, bar_height=22, gap=6):
    """Horizontal bars, one per label, longest scale at the largest value; the value is printed at the end."""
    top = 8
    plot = width - label_width - 130  # room for the printed value
    scale = plot / max(max(values, default=0), 1)
    chart = Chart("bar", width, top * 2 + len(labels) * (bar_height + gap))
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + i * (bar_height + gap)
        length = round(value * scale, 1)
        text_y = y + bar_height * 0.7
        title = f"{label}: {fmt(value)}"
        chart.marks.append(
            {"x": label_width, "y": y, "width": length, "height": bar_height, "fill": PALETTE[0], "title": title}
        )
        chart.labels.append({"x": label_width - 8, "y": text_y, "text": short(label), "anchor": "end"})
        chart.labels.append({"x": label_width + length + 6, "y": text_y, "text": fmt(value), "anchor": "start"})
    return chart


def fold_series(series):
    """Keep the ``MAX_SERIES - 1`` largest series and sum the rest into "Other"."""
    if len(series) <= MAX_SERIES:
        return series
    ranked = sorted(series, key=lambda s: -sum(s[1]))
    kept, rest = ranked[: MAX_SERIES - 1], ranked[MAX_SERIES - 1 :]
    other = [sum(values) for values in zip(*(s[1] for s in rest), strict=True)]
    kept_names = {name for name, _ in kept}
    return [s for s in series if s[0] in kept_names] + [(OTHER, other)]


def _frame(chart, categories, top, plot_height, left, step, peak):
    """Gridlines with their values, and the category labels under the x axis."""
    for value in ticks(peak):
        y = round(top + plot_height * (1 - value / peak), 1)
        chart.gridlines.append({"y": y, "x1": left, "x2": chart.width - 10, "label": fmt(value)})
    every = max(1, len(categories) // 16)  # thin out crowded axis labels; the table has them all
    for i, category in enumerate(categories):
        if i % every == 0:
            x = left + step * i + step / 2
            chart.labels.append(
                {"x": round(x, 1), "y": top + plot_height + 18, "text": short(str(category), 14), "anchor": "middle"}
            )


def _legend(chart, names, y):
    for i, name in enumerate(names):
        column, row = i % 4, i // 4
        chart.legend.append(
            {"name": name, "fill": PALETTE[i % len(PALETTE)], "x": 60 + column * 165, "y": y + row * 20}
        )


def stacked_bar_chart(categories, series, width=720, plot_height=260):
    """Vertical columns per category, stacked by series (``[(name, [value per category]), ...]``)."""
    series = fold_series(series)
    left, top = 60, 10
    totals = [sum(values) for values in zip(*(s[1] for s in series), strict=True)] if series else []
    peak = nice_max(max(totals, default=0))
    step = (width - left - 10) / max(len(categories), 1)
    rows = (len(series) + 3) // 4
    chart = Chart("stacked", width, top + plot_height + 36 + rows * 20)
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
    _legend(chart, [name for name, _ in series], top + plot_height + 34)
    return chart


def line_chart(categories, series, width=720, plot_height=240):
    """One line per series over the categories (years), with a dot and a tooltip per point."""
    left, top = 60, 10
    peak = nice_max(max((v for _, values in series for v in values), default=0))
    step = (width - left - 10) / max(len(categories), 1)
    rows = (len(series) + 3) // 4
    chart = Chart("line", width, top + plot_height + 36 + rows * 20)
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
    _legend(chart, [name for name, _ in series], top + plot_height + 34)
    return chart
