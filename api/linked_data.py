"""schema.org JSON-LD of the detail pages: the pieces the registers' ``linked_data.py`` build with, and the
``<script type="application/ld+json">`` that ``base.html`` embeds.

A JSON-LD block is data, not script: browsers never run it, so the strict CSP (``script-src 'self'``, no
nonce) leaves it alone. It is still escaped as ``json_script`` escapes (``<``, ``>`` and ``&`` as ``\\u``
sequences), so no value can close the element. Builders read only what the page's queryset already loaded.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import mark_safe

from bilingual.content import is_japanese, localized

CONTEXT = "https://schema.org"
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def node(type_, **values):
    """A schema.org node of ``type_`` without the values that are empty (None, "", [], {})."""
    return {"@type": type_, **{key: value for key, value in values.items() if value not in (None, "", [], {})}}


def names(record, field="name"):
    """``(name, alternateName)``: the value in the page's language, and the other language's when it differs."""
    shown = localized(record, field)
    other = (getattr(record, field, "") or "") if is_japanese() else (getattr(record, f"{field}_ja", "") or "")
    return shown, (other if other and other != shown else None)


def page(request, record):
    """The absolute URL of ``record``'s page in the current language: its ``@id`` and ``url``."""
    return request.build_absolute_uri(record.get_absolute_url())


def embed(data):
    """The JSON-LD text of ``data`` (a node), safe inside ``<script type="application/ld+json">``."""
    text = json.dumps({"@context": CONTEXT, **data}, ensure_ascii=False, cls=DjangoJSONEncoder)
    return mark_safe(text.translate(_ESCAPES))  # noqa: S308 (escaped just above, as json_script does)
