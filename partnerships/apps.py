from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    """The partnerships register (model ``SubnationalPartnership``): declares its search, export columns, API
    fields, sitemap and data-release tables when ready."""

    name = "partnerships"
    verbose_name = _("Partnerships")
    editorial_content = True  # editors edit its models (accounts/roles.py)

    def ready(self):
        from releases import tables
        from search import registry

        from .api import FIELDS, related, serialize
        from .exports import PARTNERSHIPS, PUBLIC_PARTNERSHIPS
        from .releases import TABLES as RELEASE_TABLES
        from .search import REGISTER
        from .sitemaps import PartnershipSitemap

        registry.register(
            REGISTER,
            urls="partnerships.urls",
            exports=PARTNERSHIPS,
            public_exports=PUBLIC_PARTNERSHIPS,
            serialize=serialize,
            api_fields=FIELDS,
            related=related,
            sitemap=PartnershipSitemap,
        )
        tables.register(*RELEASE_TABLES)
