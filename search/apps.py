from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Installed for its migrations: the facet bitmaps' table, functions and triggers."""

    name = "search"
    label = "techdiplo_search"
    verbose_name = _("Search")
