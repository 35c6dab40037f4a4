"""``{{ line|crosstab_cells }}`` and ``{{ picture.edges|network_lines }}``: a cross-tab row's cells and a network
drawing's lines as markup in one call each.

A cross-tab of every partner country by every policy area has thousands of cells, and a network's drawing thousands
of lines; rendering each through the template language's loop and tags (every number localized on its own) costs
more than counting them."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def crosstab_cells(line):
    """``<td>`` per cell of ``line`` (a ``search.crosstab.Line``): its shade, and its count linking to its search."""
    cells = []
    for cell in line.cells:
        count = f'<a href="{escape(cell.url)}">{cell.count}</a>' if cell.count else "0"
        cells.append(f'<td class="num heat-{cell.level}">{count}</td>')
    return mark_safe("".join(cells))  # noqa: S308 (every value is a number or escaped)


@register.filter
def network_lines(edges):
    """``<line>`` per edge of a network's drawing (``workbench.network.picture``): what ``{{ edge.x1 }}`` and the
    others would render, the coordinates being floats (no thousands separator, "." in both languages)."""
    lines = [
        f'<line x1="{e["x1"]}" y1="{e["y1"]}" x2="{e["x2"]}" y2="{e["y2"]}" stroke-width="{e["width"]}"/>'
        for e in edges
    ]
    return mark_safe("".join(lines))  # noqa: S308 (numbers only)
