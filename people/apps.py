from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    """The researchers register (app ``people``, model ``Researcher``, URLs and search under ``researchers``):
    declares its search, export columns, API fields, sitemap and data-release tables when ready."""

    name = "people"
    verbose_name = _("People")
    editorial_content = True  # editors edit its models (accounts/roles.py)

    def ready(self):
        from releases import tables
        from search import registry

        from .api import FIELDS, related, serialize
        from .exports import PUBLIC_RESEARCHERS, RESEARCHERS
        from .releases import TABLES as RELEASE_TABLES
        from .search import REGISTER
        from .sitemaps import ResearcherSitemap

        registry.register(
            REGISTER,
            urls="people.urls",
            exports=RESEARCHERS,
            public_exports=PUBLIC_RESEARCHERS,
            serialize=serialize,
            api_fields=FIELDS,
            related=related,
            sitemap=ResearcherSitemap,
        )
        tables.register(*RELEASE_TABLES)
