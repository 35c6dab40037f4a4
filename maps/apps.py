from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MapsConfig(AppConfig):
    """Server-rendered SVG maps and timelines: plain data in, figures out. Imports no register."""

    name = "maps"
    verbose_name = _("Maps")
