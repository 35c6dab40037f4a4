from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    """The initiatives register: declares its search, export columns, API fields and sitemap when ready."""

    name = "initiatives"
    verbose_name = "Initiatives"
    editorial_content = True  # editors edit its models (accounts/roles.py)

    def ready(self):
        from search import registry

        from .api import FIELDS, related, serialize
        from .exports import INITIATIVES, PUBLIC_INITIATIVES
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
