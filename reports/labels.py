"""What the reports' tables name: records in the page's language, and the headers and notes they share."""

from types import SimpleNamespace

from django.utils.translation import gettext

from bilingual.content import localized_value


class Name(str):
    """A record's name as a table cell: its Japanese name on Japanese pages where one is recorded, else English.

    A ``str``, so downloads, sorting and comparisons treat it as text; ``fallback`` is true when a Japanese
    page shows the English name (the template marks it, as ``bilingual``'s filters do for records).
    """

    def __new__(cls, name, name_ja=""):
        text, fallback = localized_value(SimpleNamespace(name=name or "", name_ja=name_ja or ""), "name")
        self = super().__new__(cls, text)
        self.fallback = fallback
        return self


def total():
    return gettext("Total")


def not_recorded():
    return gettext("not recorded")
