"""Writing SVG markup: every attribute value and text node is escaped here, and nothing carries a
``style`` attribute (the site's Content-Security-Policy blocks inline styles): presentation attributes
and classes only."""

from functools import cache
from html import escape as html_escape

from django.utils.html import escape
from django.utils.safestring import SafeData

SVG_NS = "http://www.w3.org/2000/svg"


def attrs(**values):
    """` name="value"` pairs, escaped (unless already safe), in the given order; ``None``/``False`` left out.

    A trailing underscore is dropped (``class_``) and other underscores become hyphens (``stroke_width``).
    """
    parts = []
    for name, value in values.items():
        if value is None or value is False:
            continue
        # The standard library's escape: the same five characters as Django's, without its lazy-string wrapper
        # (a world map writes some twenty thousand attributes).
        written = value if isinstance(value, SafeData) else html_escape(str(value), quote=True)
        parts.append(f' {_attribute(name)}="{written}"')
    return "".join(parts)


@cache
def _attribute(name):
    return name.rstrip("_").replace("_", "-")


def element(name, content="", **values):
    """``<name attrs>content</name>``; ``content`` must already be markup (escape text with ``text``)."""
    return f"<{name}{attrs(**values)}>{content}</{name}>"


def empty(name, **values):
    return f"<{name}{attrs(**values)}/>"


def text(value):
    return str(escape(value))


def title(value):
    return element("title", text(value))


def svg(content, *, viewbox, label_id, label, class_, role="group"):
    """The root element: scales to its container's width (viewBox, width 100%), named by its <title>.

    ``role="group"`` when it holds links (each reached on its own); ``"img"`` for a picture read as one.
    """
    x, y, width, height = viewbox
    return element(
        "svg",
        element("title", text(label), id=label_id) + content,
        xmlns=SVG_NS,
        viewBox=f"{x} {y} {width} {height}",
        width="100%",
        class_=class_,
        role=role,
        aria_labelledby=label_id,
    )
