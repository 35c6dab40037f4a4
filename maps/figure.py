"""What every renderer returns: a ``<figure>`` with the SVG, its caption, legend and the same numbers as a
table, plus those numbers as data (for the integrator's downloads and for tests).

Rendered figures are cached in this process by a hash of everything that goes into them (the renderer,
its arguments, the language and the map data's build), so a cached figure is always the figure those
inputs produce: nothing can be stale, only recomputed less often.
"""

import hashlib
import json
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cache
from threading import Lock

from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import shapes, svg

CACHE_SIZE = 256


@dataclass(frozen=True)
class Cell:
    text: str
    url: str = ""


@dataclass(frozen=True)
class Row:
    """One line of the companion table: its cells (the last one is the number) and whether it is drawn."""

    cells: tuple
    count: int
    drawn: bool = True


@dataclass(frozen=True)
class LegendItem:
    label: str
    colour: str = ""
    stroke_width: float = 0  # for line legends: a sample line of this width instead of a swatch


@dataclass(frozen=True)
class Figure:
    """A rendered figure. ``{{ figure }}`` in a template writes its HTML (it is already escaped)."""

    html: SafeString
    rows: tuple = ()
    not_placed: tuple = field(default=())

    def __html__(self):
        return self.html

    def __str__(self):
        return self.html


def number(value):
    """A count as the page's language writes it (thousands separators): ``number_format``'s result, faster."""
    return numbers()(value)


def numbers():
    """``number`` for the current language, looked up once: a map writes hundreds of numbers."""
    separator = _separator(translation.get_language())
    return lambda value: f"{value:,}".replace(",", separator)


@cache
def _separator(language):
    return formats.get_format("THOUSAND_SEPARATOR", language)


def _cell(cell):
    text = escape(cell.text)
    return f'<td><a href="{escape(cell.url)}">{text}</a></td>' if cell.url else f"<td>{text}</td>"


def table_body(rows):
    """The table's rows, written here rather than in the template: a lines table may have thousands."""
    number = numbers()
    lines = []
    written = {}  # the same few hundred places recur in thousands of rows: each cell is escaped once
    for row in rows:
        opening = '<tr class="map-row-undrawn">' if not row.drawn else "<tr>"
        cells = "".join(written.get(cell) or written.setdefault(cell, _cell(cell)) for cell in row.cells)
        lines.append(f'{opening}{cells}<td class="num">{escape(number(row.count))}</td></tr>')
    return mark_safe("\n".join(lines))  # noqa: S308 - every value escaped above


def span(low, high):
    """A class of a legend: "7" or "11–50"."""
    return number(low) if low == high else f"{number(low)}–{number(high)}"


def render(*, kind, element_id, content, viewbox, title, caption, headings, rows, role="group", **extra):
    """The ``<figure>``: the SVG of ``content`` (markup from ``maps.svg``), caption (``title`` by default),
    legend, notes, "not placed" list and table. ``extra``: ``legend``, ``notes``, ``not_placed``."""
    label_id = f"{element_id}-title"
    markup = svg.svg(content, viewbox=viewbox, label_id=label_id, label=title, class_=f"map-svg map-{kind}", role=role)
    not_placed = extra.get("not_placed", ())
    html = render_to_string(
        "maps/_figure.html",
        {
            "kind": kind,
            "id": element_id,
            "svg": mark_safe(markup),  # noqa: S308 - built by maps.svg, which escapes every value it writes
            "title": title,
            "caption": caption or title,
            "headings": headings,
            "rows": rows,
            "table_body": table_body(rows),
            "legend": extra.get("legend", ()),
            "not_placed": not_placed,
            "notes": extra.get("notes", ()),
        },
    )
    return Figure(
        html=mark_safe(html.strip()),  # noqa: S308 - rendered by the template engine, escaped
        rows=tuple(rows),
        not_placed=tuple(not_placed),
    )


_cache = OrderedDict()
_lock = Lock()


def _key(name, inputs):
    payload = json.dumps(
        [name, translation.get_language(), shapes.load("world")["viewbox"], inputs],
        sort_keys=True,
        default=repr,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def cached(name, inputs, build):
    """``build()``, or the figure it returned before for the same ``name``, ``inputs`` and language.

    ``inputs`` must hold every argument the figure depends on (JSON-serialisable); the cache keeps the
    ``CACHE_SIZE`` most recently used figures.
    """
    key = _key(name, inputs)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    figure = build()
    with _lock:
        _cache[key] = figure
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return figure


def forget():
    """Empty the cache: how the benchmark times a figure drawn for the first time (after an edit, or for a
    search nobody made before), the case a visitor waits longest for."""
    with _lock:
        _cache.clear()
