"""Assertions shared by the map tests."""

import gzip
import re

INLINE_STYLE = re.compile(r"<style[\s>]|\sstyle\s*=", re.IGNORECASE)


def assert_no_inline_style(html):
    """The site's CSP blocks inline styles: a figure may use classes and SVG presentation attributes only."""
    match = INLINE_STYLE.search(html)
    assert match is None, f"inline style at {match.start()}: {html[max(0, match.start() - 80) : match.end() + 80]}"


def gzip_size(text):
    return len(gzip.compress(text.encode(), compresslevel=6))


def svg_of(figure):
    html = str(figure)
    return html[html.index("<svg") : html.index("</svg>") + len("</svg>")]
