"""JSON Schemas of the fields a register's API representation gives, for its ``api.py`` to declare them with.

A register's ``api.py`` writes ``FIELDS = {"slug": TEXT, "start_date": nullable(DATE), ...}`` beside its
``serialize``; the OpenAPI document (``api.openapi``) describes each record with exactly these fields, and the
tests check every answer against it, so a field added to ``serialize`` without its schema fails them.
"""

TEXT = {"type": "string"}
INTEGER = {"type": "integer"}
DATE = {"type": "string", "format": "date"}


def nullable(schema):
    """``schema`` or null (JSON Schema 2020-12, as OpenAPI 3.1 has it)."""
    return {**schema, "type": [schema["type"], "null"]}


def choice(choices):
    """One of a TextChoices class's values."""
    return {"type": "string", "enum": [value for value, _label in choices.choices]}


def record(**properties):
    """An object with exactly ``properties``, every one present."""
    return {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}


def array(items):
    return {"type": "array", "items": items}


NAMED = record(slug=TEXT, name=TEXT)  # a vocabulary term: policy area, research field
COUNTRY = record(iso2=TEXT, name=TEXT)
