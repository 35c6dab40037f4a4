from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    """The initiatives register: declares its search, export columns, API fields, sitemap and data-release
    tables when ready."""

    name = "initiatives"
    verbose_name = _("Initiatives")
    editorial_content = True  # editors edit its models (accounts/roles.py)

    def ready(self):
        from releases import tables
        from search import registry

        from .api import FIELDS, related, serialize
        from .exports import INITIATIVES, PUBLIC_INITIATIVES
        from .releases import TABLES as RELEASE_TABLES
        from .search import REGISTER
        from .sitemaps import InitiativeSitemap

        registry.register(
            REGISTER,
            urls="initiatives.urls",
            exports=INITIATIVES,
            public_exports=PUBLIC_INITIATIVES,
            serialize=serialize,
            api_fields=FIELDS,
            related=related,
            sitemap=InitiativeSitemap,
        )
        tables.register(*RELEASE_TABLES)
