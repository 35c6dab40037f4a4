from django.apps import AppConfig


class FourthRegisterConfig(AppConfig):
    """A fourth register, installed only by ``tests/fourth_register/settings.py``: agreements between Japan and
    other countries. Everything it needs is in this folder; no machinery file names it."""

    name = "tests.fourth_register"
    label = "fourth_register"
    editorial_content = True  # editors edit its models (accounts/roles.py)

    def ready(self):
        from search import registry

        from .api import serialize
        from .exports import AGREEMENTS, PUBLIC_AGREEMENTS
        from .search import REGISTER
        from .sitemaps import AgreementSitemap

        registry.register(
            REGISTER,
            urls="tests.fourth_register.urls",
            exports=AGREEMENTS,
            public_exports=PUBLIC_AGREEMENTS,
            serialize=serialize,
            sitemap=AgreementSitemap,
        )
