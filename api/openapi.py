"""The OpenAPI 3.1 document of ``/api/v1/``, generated from the register declarations.

Each register's search (``Register``: facets, ranges, sorts) gives its path's parameters; its ``api_fields``
(its ``api.py``'s ``FIELDS``) give the schema of its records. Nothing here names a register: a register added
to the registry is documented by adding it. ``reference`` turns the document into rows for the ``/api/`` page.

Its descriptions are in the active language: ``/api/v1/openapi.json`` is English (Japanese with ``?lang=ja``, as
every answer), the page ``/ja/api/`` shows them in Japanese. Names (schemas, operations, parameters) are always
English: they are what clients program against.
"""

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from search import registry
from search.declarations import YEAR_MAX, YEAR_MIN, ModelChoices

from .fields import INTEGER, TEXT, array, nullable, record

ERROR = record(status=INTEGER, error=TEXT)
FACET_VALUE = record(value=TEXT, label=TEXT, count=INTEGER, selected={"type": "boolean"})
# One bar of the timeline: the results whose range field (start year, year established) falls in ``year``.
YEAR_COUNT = record(year=INTEGER, count=INTEGER)
LINK = {
    "type": "object",
    "properties": {"name": TEXT, "url": TEXT, "slug": TEXT, "api_url": TEXT},
    "required": ["name", "url"],
    "additionalProperties": False,
}
URL = {"type": "string", "format": "uri"}
VALUE_COLUMNS = {
    "iso2": _("ISO 3166-1 alpha-2 code (US)"),
    "iso_code": _("ISO 3166-2 code (JP-13)"),
    "slug": _("slug"),
}


def values_help(facet):
    """What a facet's values look like, for the documentation: the fixed list, or which column of which table."""
    source = facet.choices
    if isinstance(source, ModelChoices):
        words = {"column": VALUE_COLUMNS.get(source.value, source.value), "name": source.model._meta.verbose_name}
        if str(words["name"])[:1] in "aeiou":  # English's article; the Japanese of both is the same
            return gettext("the %(column)s of an %(name)s (see its page's URL)") % words
        return gettext("the %(column)s of a %(name)s (see its page's URL)") % words
    values = source if isinstance(source, dict) else dict(source.choices)
    return ", ".join(values)


def _fixed_values(facet):
    source = facet.choices
    if isinstance(source, ModelChoices):
        return None
    return list(source if isinstance(source, dict) else dict(source.choices))


def _query(name, schema, description, **extra):
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": str(description), **extra}


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema, description):
    return {"description": str(description), "content": {"application/json": {"schema": schema}}}


def _errors():
    """The answers every path may give, described in the active language."""
    retry_after = {
        "Retry-After": {"description": gettext("Seconds to wait."), "required": True, "schema": {"type": "integer"}}
    }
    return {
        "404": _json(_ref("Error"), _("No such page of results, no such record, or no such register.")),
        "429": {
            **_json(
                _ref("Error"),
                _(
                    "Too many requests from this address: clients that are not signed in may make a fixed number of "
                    "API requests a minute (the RateLimit-Limit header; RateLimit-Remaining and RateLimit-Reset, in "
                    "seconds, come with every answer). Wait the Retry-After header's seconds."
                ),
            ),
            "headers": retry_after,
        },
        "503": {
            **_json(
                _ref("Error"), _("The database is unavailable for a moment: wait the Retry-After header's seconds.")
            ),
            "headers": retry_after,
        },
    }


def _search_parameters(register):
    parameters = [
        _query("q", TEXT, _('Text: all words must occur; "a phrase", OR, -word.')),
        _query("sort", {"type": "string", "enum": ["relevance", *register.sorts]}, _("Order of the results.")),
        _query("page", {"type": "integer", "minimum": 1}, _("Page number (a page past the end answers 404).")),
        _query("page_size", {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}, _("Results a page.")),
        _query(
            "updated_since",
            {"type": "string", "format": "date-time"},
            _(
                "Only records updated at or after this ISO 8601 date-time; the answer's removed lists the slugs "
                "that left the public register since then."
            ),
        ),
        _query("lang", {"type": "string", "enum": ["en", "ja"]}, _("Language of labels and display titles.")),
    ]
    for facet in register.facets:
        values = _fixed_values(facet)
        item = {"type": "string", "enum": values} if values else TEXT
        description = gettext("%(label)s (facet: repeat for OR): %(values)s.") % {
            "label": facet.label,
            "values": values_help(facet),
        }
        parameters.append(_query(facet.name, array(item), description, style="form", explode=True))
    for bound in register.ranges:
        year = {"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX}
        parameters.append(_query(bound.name, year, gettext("%(label)s: a year, inclusive.") % {"label": bound.label}))
    return parameters


def _schema_name(register):
    """``Initiative``: in English whatever the language, as the paths' names are."""
    with translation.override("en"):
        return str(register.title_one).replace(" ", "")


def _schemas(register):
    base = _schema_name(register)
    fields = register.api_fields or {}
    found = {**fields, "display_title": TEXT, "url": URL, "api_url": URL}
    detail = {**found, "links": {"type": "object", "additionalProperties": array(_ref("Link"))}}
    page = {
        "count": INTEGER,
        "page": INTEGER,
        "num_pages": INTEGER,
        "page_size": INTEGER,
        "next": nullable(URL),
        "previous": nullable(URL),
        "updated_since": nullable({"type": "string", "format": "date-time"}),
        "results": array(_ref(base)),
        "facets": record(**{facet.name: array(_ref("FacetValue")) for facet in register.facets}),
        "years": array(_ref("YearCount")),
    }
    page_schema = record(**page)
    page_schema["properties"]["removed"] = array(TEXT)  # with updated_since only
    return {base: record(**found), f"{base}Detail": record(**detail), f"{base}Page": page_schema}


def document(request):
    """The OpenAPI 3.1 document, with this server's URL."""
    paths, schemas = {}, {"Error": ERROR, "FacetValue": FACET_VALUE, "YearCount": YEAR_COUNT, "Link": LINK}
    errors = _errors()  # the same answers on every path, described once
    for register in registry.values():
        base = _schema_name(register)
        schemas.update(_schemas(register))
        search_path = reverse("api:v1-search", args=[register.name])
        paths[search_path] = {
            "get": {
                "operationId": f"search_{register.name}",
                "summary": gettext("Search %(registers)s") % {"registers": register.title.lower()},
                "description": str(register.description),
                "parameters": _search_parameters(register),
                "responses": {
                    "200": _json(_ref(f"{base}Page"), _("A page of results, with the facets' counts.")),
                    "400": _json(_ref("Error"), _("page_size or updated_since not understood.")),
                    **errors,
                },
            }
        }
        paths[f"{search_path}{{slug}}/"] = {
            "get": {
                "operationId": f"get_{register.name}_record",
                "summary": gettext("One %(register)s and its links") % {"register": register.title_one.lower()},
                "parameters": [{"name": "slug", "in": "path", "required": True, "schema": TEXT}],
                "responses": {"200": _json(_ref(f"{base}Detail"), _("The public record.")), **errors},
            }
        }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "techdiplo API",
            "version": "1",
            "description": gettext(
                "The public register of Japan's science and technology diplomacy, as JSON. "
                "Unpublished records and researchers' contact data are never part of an answer."
            ),
            "license": {"name": "CC BY 4.0", "identifier": "CC-BY-4.0"},
        },
        "servers": [{"url": request.build_absolute_uri("/").rstrip("/")}],
        "paths": paths,
        "components": {"schemas": schemas},
    }


def _either(phrases):
    """``a or b or c``, in the active language."""
    phrases = list(phrases)
    either = phrases[0]
    for other in phrases[1:]:
        either = gettext("%(one)s or %(other)s") % {"one": either, "other": other}
    return either


def type_of(schema):
    """A schema as a short phrase for people, in the active language: ``string``, ``array of FacetValue``,
    ``date or null``. JSON Schema's own words (``string``, ``integer``, ``date-time``) stay as they are."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "oneOf" in schema:
        return _either(type_of(option) for option in schema["oneOf"])
    kinds = schema.get("type", "object")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    named = []
    for kind in kinds:
        if kind == "array":
            named.append(gettext("array of %(type)s") % {"type": type_of(schema["items"])})
        elif kind == "string" and "enum" in schema:
            named.append(gettext("one of %(values)s") % {"values": ", ".join(schema["enum"])})
        elif kind == "string" and "format" in schema:
            named.append(schema["format"])
        elif kind == "object" and "properties" in schema:
            named.append("{" + ", ".join(schema["properties"]) + "}")
        elif kind == "object" and "additionalProperties" in schema:
            named.append(f"{{name: {type_of(schema['additionalProperties'])}}}")
        else:
            named.append(kind)
    return _either(named)


def reference(doc):
    """``{"operations": [...], "schemas": [...]}``: the document as rows the ``/api/`` page shows."""
    operations = []
    for url, methods in doc["paths"].items():
        for method, operation in methods.items():
            parameters = [
                (p["name"], p["in"], type_of(p["schema"]), p.get("description", "")) for p in operation["parameters"]
            ]
            responses = [
                (status, r["description"], type_of(r["content"]["application/json"]["schema"]))
                for status, r in operation["responses"].items()
            ]
            operations.append(
                {
                    "method": method.upper(),
                    "url": url,
                    "summary": operation["summary"],
                    "parameters": parameters,
                    "responses": responses,
                }
            )
    schemas = [
        {"name": name, "fields": [(field, type_of(sub)) for field, sub in schema.get("properties", {}).items()]}
        for name, schema in doc["components"]["schemas"].items()
    ]
    return {"operations": operations, "schemas": schemas}
