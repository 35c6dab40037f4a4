from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The site: the pages that compose the registers (home, one search box, organizations, countries), the
    sitemaps, robots.txt, the health check and the error pages."""

    name = "portal"
    verbose_name = _("Site")
