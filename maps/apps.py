from django.apps import AppConfig


class MapsConfig(AppConfig):
    """Server-rendered SVG maps and timelines: plain data in, figures out. Imports no register."""

    name = "maps"
    verbose_name = "Maps"
