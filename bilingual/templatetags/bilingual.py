"""Template side of bilingual/content.py, installed as a builtin (no ``{% load %}`` needed).

``{{ initiative|localized:"title" }}``: the Japanese title on Japanese pages, else the English one wrapped
in ``<span lang="en">`` with a visible "English" badge. ``localized_text`` is the same without markup, for
attributes and ``<title>``; ``display_title`` a record's title (a partnership's two sides) the same way.
``{{ amount|yen }}`` formats money for the language. ``{% language_url "ja" %}``
is the current page (query string kept) in another language.
"""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from bilingual.content import display_title as record_title
from bilingual.content import format_yen, localized_value

register = template.Library()


def _badge():
    title = gettext("Not yet translated: shown in English")
    return format_html('<span class="lang-fallback" title="{}">{}</span>', title, gettext("English"))


@register.filter
def localized(obj, field="name"):
    value, fallback = localized_value(obj, field)
    if fallback:
        return format_html('<span lang="en">{}</span> {}', value, _badge())
    return value


@register.filter
def marked(text):
    """Text already in the page's language that says whether it is an English fallback (``text.fallback``,
    e.g. ``reports.labels.Name``): marked as ``localized`` marks a record's field."""
    if getattr(text, "fallback", False):
        return format_html('<span lang="en">{}</span> {}', text, _badge())
    return text


@register.filter
def fallback_badge(obj, field):
    """The "English" badge when a Japanese page shows ``obj.<field>`` in English, else nothing (long texts,
    whose element carries ``lang`` through ``fallback_lang``)."""
    return _badge() if localized_value(obj, field)[1] else ""


@register.filter
def fallback_lang(obj, field):
    """``lang="en"`` for the element holding ``obj.<field>`` when a Japanese page shows it in English."""
    return mark_safe(' lang="en"') if localized_value(obj, field)[1] else ""


@register.filter
def localized_text(obj, field="name"):
    return localized_value(obj, field)[0]


@register.filter
def display_title(record):
    """A record's title in the page's language, as plain text (breadcrumbs): see ``bilingual.content``."""
    return record_title(record)


@register.filter
def yen(amount):
    return format_yen(amount)


@register.simple_tag(takes_context=True)
def language_url(context, language):
    """The page being shown, in ``language``: same view, same arguments, same query string.

    Built by reversing the view that answered, never from the path as typed: a 404 reached through
    ``//evil.example/`` (or ``/\\evil.example/``, ``/%2F%2Fevil.example/``) must not link off the site, so a
    path that no view answers gets the language's home page.
    """
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    with translation.override(language):
        if match is not None and match.view_name:
            try:
                return reverse(match.view_name, args=match.args, kwargs=match.kwargs, query=request.GET)
            except NoReverseMatch:
                pass
        return reverse("home")
