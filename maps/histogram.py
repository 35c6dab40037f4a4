"""A small year histogram: one bar per year of the current search, each a link to that year alone, with
the active range (the search's ``from``…``to``) shown as a highlighted span."""

from django.utils.translation import gettext as _

from . import svg
from .figure import Cell, Row, cached, numbers, render

WIDTH, HEIGHT = 480, 140
LEFT, RIGHT, TOP, BOTTOM = 36, 8, 10, 26
BAR = "#3b528b"
BAR_OUTSIDE = "#9fb0d0"  # bars outside the active range, when there is one
SPAN = "#fdf3c4"


def nice_ceiling(value):
    """The smallest 1/2/5 × 10^n at or above ``value`` (at least 1), so the axis ends on a round number."""
    magnitude = 1
    while magnitude * 10 <= max(value, 1):
        magnitude *= 10
    return next(step * magnitude for step in (1, 2, 5, 10) if step * magnitude >= value)


def label_step(years):
    """Years between two axis labels: 1, 2, 5, 10, 20, 25 or 50, the smallest giving at most ten labels, so
    labels fall on round years (1960, 1970, … rather than 1962, 1971, …)."""
    return next((step for step in (1, 2, 5, 10, 20, 25, 50) if years / step <= 10), 100)


def year_histogram(counts, *, links, active=(None, None), title=None, caption=None, element_id="year-histogram"):
    """Bars for ``counts`` ({2019: 4, ...}), every year from the first to the last (empty years at zero).

    ``links`` ({year: URL}) makes each bar with results a link; ``active`` is the search's (from, to),
    either end open (None).
    """
    title = title or _("Results by year")
    inputs = [sorted(counts.items()), sorted(links.items()), list(active), title, caption, element_id]
    return cached("years", inputs, lambda: _histogram(counts, links, active, title, caption, element_id))


def _in_span(year, active):
    low, high = active
    return (low is None or year >= low) and (high is None or year <= high)


def _histogram(counts, links, active, title, caption, element_id):
    years = [year for year, count in counts.items() if count > 0]
    first, last = (min(years), max(years)) if years else (0, -1)
    span_years = list(range(first, last + 1))
    peak = nice_ceiling(max(counts.values(), default=0))
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_width / max(len(span_years), 1)
    narrowed = active != (None, None)
    number, label_format = numbers(), _("%(year)s: %(count)s")
    content = []
    for value in (0, peak // 2, peak) if peak > 1 else (0, peak):
        y = TOP + plot_height * (1 - value / peak)
        content.append(svg.empty("line", x1=LEFT, x2=WIDTH - RIGHT, y1=f"{y:.1f}", y2=f"{y:.1f}", stroke="#d5dae1"))
        content.append(svg.element("text", number(value), x=LEFT - 6, y=f"{y + 4:.1f}", text_anchor="end"))
    inside = [year for year in span_years if _in_span(year, active)]
    if narrowed and inside:
        x = LEFT + step * (inside[0] - first)
        content.append(
            svg.empty(
                "rect", x=f"{x:.1f}", y=TOP, width=f"{step * len(inside):.1f}", height=plot_height,
                fill=SPAN, class_="map-span",
            )
        )  # fmt: skip
    bars = []
    every = label_step(len(span_years))
    for i, year in enumerate(span_years):
        count = counts.get(year, 0)
        x = LEFT + step * i
        height = plot_height * count / peak
        label = label_format % {"year": year, "count": number(count)}
        fill = BAR if not narrowed or _in_span(year, active) else BAR_OUTSIDE
        bar = svg.empty(
            "rect", x=f"{x + step * 0.1:.1f}", y=f"{TOP + plot_height - height:.1f}",
            width=f"{max(step * 0.8, 1):.1f}", height=f"{height:.1f}", fill=fill, class_="map-bar",
        )  # fmt: skip
        # A transparent full-height target, so a bar of one is as easy to click or tap as the tallest.
        target = svg.empty(
            "rect", x=f"{x:.1f}", y=TOP, width=f"{step:.1f}", height=plot_height, fill="transparent",
            class_="map-bar-target",
        )  # fmt: skip
        url = links.get(year) if count else None
        if url:
            bars.append(
                svg.element(
                    "a", svg.title(label) + target + bar, href=url, class_="map-link", aria_label=label, data_key=year
                )
            )
        else:
            bars.append(svg.element("g", svg.title(label) + bar, aria_hidden="true"))
        if year % every == 0:
            content.append(svg.element("text", str(year), x=f"{x + step / 2:.1f}", y=HEIGHT - 8, text_anchor="middle"))
    content.append(svg.element("g", "".join(bars)))
    content.append(
        svg.empty("line", x1=LEFT, x2=WIDTH - RIGHT, y1=TOP + plot_height, y2=TOP + plot_height, stroke="#4b5563")
    )
    rows = [Row(cells=(Cell(str(year), links.get(year, "")),), count=counts[year]) for year in sorted(years)]
    return render(
        kind="histogram",
        element_id=element_id,
        content=svg.element("g", "".join(content), font_size="12", fill="#1b1f24"),
        viewbox=(0, 0, WIDTH, HEIGHT),
        title=title,
        caption=caption,
        headings=(_("Year"), _("Results")),
        rows=rows,
    )
