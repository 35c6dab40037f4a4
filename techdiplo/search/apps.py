from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class SearchConfig(AppConfig):
    """Installed only to connect the cache invalidation when Django starts (in every process, commands too)."""

    name = "techdiplo.search"
    label = "techdiplo_search"
    verbose_name = "Search"

    def ready(self):
        from .cache import on_data_change

        post_save.connect(on_data_change, dispatch_uid="search-data-version-save")
        post_delete.connect(on_data_change, dispatch_uid="search-data-version-delete")
        m2m_changed.connect(on_data_change, dispatch_uid="search-data-version-m2m")
