"""The published initiatives in the sitemap (``/sitemap-initiatives.xml`` and its Japanese twin)."""

from editorial.sitemaps import PublishedSitemap

from .models import Initiative


class InitiativeSitemap(PublishedSitemap):
    model = Initiative
