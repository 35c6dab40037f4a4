"""URL parts the machinery shares."""

from .registry import registry


class RegisterConverter:
    """``<register:name>``: the name of a registered register; anything else does not match (a 404)."""

    regex = "[a-z][a-z0-9_-]*"

    def to_python(self, value):
        if value not in registry:
            raise ValueError(value)
        return value

    def to_url(self, value):
        return value
