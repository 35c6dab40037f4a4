"""``{{ line|crosstab_cells }}``: a cross-tab row's cells as HTML in one call.

A cross-tab of every partner country by every policy area has thousands of cells; rendering each through the
template language's loop and tags costs more than counting them."""

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
