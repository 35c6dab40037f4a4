from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    """The reference register every other points at: countries, localities, organizations, policy areas.
    Declares its data-release tables when ready."""

    name = "directory"
    verbose_name = _("Directory")
    editorial_content = True  # editors edit its models (accounts/roles.py)

    def ready(self):
        from releases import tables

        from .releases import TABLES

        tables.register(*TABLES)
