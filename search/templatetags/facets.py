"""``{% facet_values facet values part %}``: the checkboxes of one facet's values, built in Python.

A search page lists every value of every facet (hundreds: every partner country, every
framework); as template markup that is a dozen variable lookups a value, a large part of a
search page's time. The markup is the same.
"""

from django import template
from django.utils.formats import localize
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()

VALUE = (
    '<li class="facet__value">\n'
    '  <input type="checkbox" id="{0}" name="{1}" value="{2}" form="search-form" data-autosubmit{3}>\n'
    '  <label for="{0}">{4} <span class="facet__count">{5}<span class="visually-hidden"> {6}</span></span></label>\n'
    "</li>\n"
)


@register.simple_tag
def facet_values(facet, values, part):
    """``<li>`` per value; ``part`` ("v" shown, "m" behind "show all") keeps the element ids unique."""
    results = gettext("results")
    return format_html_join(
        "",
        VALUE,
        (
            (
                f"f-{facet.name}-{part}{number}",
                facet.name,
                value.value,
                mark_safe(" checked") if value.selected else "",
                value.label,
                localize(value.count),
                results,
            )
            for number, value in enumerate(values, start=1)
        ),
    )
