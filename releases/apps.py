from django.apps import AppConfig


class ReleasesConfig(AppConfig):
    """Bulk data releases: dated Frictionless Data Packages of every public table, and ``/data/``."""

    name = "releases"
    verbose_name = "Data releases"
