"""The published researchers in the sitemap (``/sitemap-researchers.xml`` and its Japanese twin)."""

from editorial.sitemaps import PublishedSitemap

from .models import Researcher


class ResearcherSitemap(PublishedSitemap):
    model = Researcher
