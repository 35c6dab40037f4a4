"""URL parts the machinery shares."""

from urllib.parse import urlencode

from django.urls import reverse

from .registry import registry


def search_url(register, **params):
    """The public search of ``register`` ("initiatives", ...) filtered by ``params``."""
    return f"{reverse(f'{register}:list')}?{urlencode(params)}"


class RegisterConverter:
    """``<register:name>``: the name of a registered register; anything else does not match (a 404)."""

    regex = "[a-z][a-z0-9_-]*"

    def to_python(self, value):
        if value not in registry:
            raise ValueError(value)
        return value

    def to_url(self, value):
        return value
