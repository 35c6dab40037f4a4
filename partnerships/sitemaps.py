"""The published partnerships in the sitemap (``/sitemap-partnerships.xml`` and its Japanese twin)."""

from editorial.sitemaps import PublishedSitemap

from .models import SubnationalPartnership


class PartnershipSitemap(PublishedSitemap):
    model = SubnationalPartnership
