from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReleasesConfig(AppConfig):
    """Bulk data releases: dated Frictionless Data Packages of every public table, and ``/data/``."""

    name = "releases"
    verbose_name = _("Data releases")
