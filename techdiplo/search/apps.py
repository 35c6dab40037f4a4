from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Installed for its migrations: the facet bitmaps' table, functions and triggers."""

    name = "techdiplo.search"
    label = "techdiplo_search"
    verbose_name = "Search"
