"""How a search URL's parameters are read: a Django form built from the register's declaration.

Every field is lenient: an unknown facet value, a malformed year or a bogus sort is dropped, never turned into
a form error, because every search is a URL that strangers share, shorten and mangle. The search reads
``cleaned_data``; which parameters were (partly) dropped is reported to the visitor as a notice.
"""

from functools import cache

from django import forms
from django.utils.translation import gettext_lazy as _

from .declarations import SORT_LABELS, YEAR_MAX, YEAR_MIN
from .text import clean_text


class LenientMultipleChoiceField(forms.Field):
    """A repeatable parameter that keeps the known values (deduplicated, in order) and drops the rest.

    ``known`` (``{value: label}``) is set per search, from the facet's choices in the page's language.
    """

    widget = forms.MultipleHiddenInput  # reads every value of the parameter (QueryDict.getlist)

    def __init__(self, *, known=None, **kwargs):
        self.known = known or {}
        super().__init__(**kwargs)

    def to_python(self, value):
        if not value:
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        return [v for v in dict.fromkeys(str(v) for v in value) if v in self.known]

    def validate(self, value):
        """Nothing is ever invalid here: unknown values were already dropped."""


class SearchTextField(forms.CharField):
    """The text query: control characters (NUL included) removed, whitespace collapsed, length capped."""

    def to_python(self, value):
        return clean_text(super().to_python(value))

    def run_validators(self, value):
        """Never invalid: clean_text already made the value safe."""


class LenientChoiceField(forms.ChoiceField):
    """A single choice (the sort) where an unknown value means "not given"."""

    def to_python(self, value):
        value = super().to_python(value)
        return value if value in dict(self.choices) else ""

    def validate(self, value):
        """Unknown values became "" in to_python."""


@cache
def form_class(register):
    """The form of ``register``'s parameters: ``q``, ``sort``, one field per facet, then one per range bound."""
    fields = {
        "q": SearchTextField(label=_("Search"), required=False),
        "sort": LenientChoiceField(label=_("Sort by"), choices=list(SORT_LABELS.items()), required=False),
    }
    for facet in register.facets:
        fields[facet.name] = LenientMultipleChoiceField(label=facet.label, required=False)
    for bound in register.ranges:
        fields[bound.name] = forms.IntegerField(
            label=bound.label, required=False, min_value=YEAR_MIN, max_value=YEAR_MAX
        )
    return type(f"{register.name.title()}Parameters", (forms.Form,), fields)


def parse(register, data, choices):
    """``(cleaned_data, form)`` of ``data`` (a QueryDict); ``choices``: each facet's ``{value: label}``."""
    form = form_class(register)(data)
    for facet in register.facets:
        form.fields[facet.name].known = choices.get(facet.name, {})
    form.is_valid()  # populates cleaned_data with every valid parameter; invalid ones are left out
    return form.cleaned_data, form
