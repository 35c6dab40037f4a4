"""The registers the machinery serves, as their apps register them when Django is ready.

Each register app calls ``registry.register(...)`` from its ``AppConfig.ready()``; nothing else lists the
registers. Search pages, the API, exports, sitemaps, the one search box and the admin's search read them
from here, in the order the apps are installed.
"""

from collections.abc import Mapping


class Registry(Mapping):
    """``{name: Register}``: ``registry["initiatives"]``, ``registry.values()``, ``registry.for_model(Model)``."""

    def __init__(self):
        self._registers = {}

    def register(self, register, **pieces):
        """Add ``register`` (a ``declarations.Register``) with the pieces its app adds (``urls``, ``exports``,
        ``serialize``, ``sitemap``). Registering a name again replaces it (an app made ready twice in tests)."""
        register = register.completed(**pieces) if pieces else register
        self._registers[register.name] = register
        return register

    def unregister(self, name):
        del self._registers[name]

    def for_model(self, model):
        """The registers whose records are ``model``'s (none for a model that is no register)."""
        return [register for register in self._registers.values() if register.model is model]

    def __getitem__(self, name):
        return self._registers[name]

    def __iter__(self):
        return iter(self._registers)

    def __len__(self):
        return len(self._registers)


registry = Registry()
