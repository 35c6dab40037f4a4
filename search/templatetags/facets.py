"""``{% facet_values facet values part %}``: the checkboxes of one facet's values, built in Python.

A search page lists every value of every facet (hundreds: every partner country, every
framework); as template markup that is a dozen variable lookups a value, a large part of a
search page's time. The markup is the same.
"""

from html import escape

from django import template
from django.utils.formats import localize
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()

VALUE = (
    '<li class="facet__value">\n'
    '  <input type="checkbox" id="{0}" name="{1}" value="{2}" form="search-form" data-autosubmit{3}>\n'
    '  <label for="{0}">{4} <span class="facet__count">{5}<span class="visually-hidden"> {6}</span></span></label>\n'
    "</li>\n"
)


def _text(value):
    """``conditional_escape`` without its per-call checks of lazy arguments: markup kept, anything else escaped
    (the standard library's ``html.escape``, which Django's ``escape`` is)."""
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


@register.simple_tag
def facet_values(facet, values, part):
    """``<li>`` per value; ``part`` ("v" shown, "m" behind "show all") keeps the element ids unique. The values'
    markup joined by hand: ``format_html_join`` escapes each of the seven arguments of every value through
    Django's lazy-aware wrappers, several times the cost of the markup itself on a page of hundreds."""
    results = _text(gettext("results"))
    name = _text(facet.name)
    # A whole number localizes to its digits unless the language groups them: ask once, not per value.
    count = str if localize(1234567) == "1234567" else localize
    return mark_safe(  # noqa: S308 (every argument escaped by _text)
        "".join(
            VALUE.format(
                f"f-{name}-{part}{number}",
                name,
                _text(value.value),
                " checked" if value.selected else "",
                _text(value.label),
                _text(count(value.count)),
                results,
            )
            for number, value in enumerate(values, start=1)
        )
    )
