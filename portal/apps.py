from django.apps import AppConfig
from django.core.signals import request_finished
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The site: the pages that compose the registers (home, one search box, organizations, countries), the
    sitemaps, robots.txt, the health check and the error pages."""

    name = "portal"
    verbose_name = _("Site")

    def ready(self):
        from . import process

        request_finished.connect(process.freeze_after_first_request, dispatch_uid="portal.process.freeze")
